"""Bytes -> str, for files whose encoding nobody told us."""

from __future__ import annotations

import codecs


MAX_ARTICLE_BYTES = 2_000_000  # one article: a text or HTML file, or one JSON Lines record


class DecodeError(ValueError):
    pass


def decode_bytes(data: bytes) -> str:
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is what old newsroom systems and Word exports produce; its
    # smart quotes (0x93/0x94) are the usual reason a file is not UTF-8.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise DecodeError(f"not UTF-8 or Windows-1252 text (byte {error.start})") from None
