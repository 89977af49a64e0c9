"""Read step: files -> Article records.

``read_file(path)`` yields ``Article`` objects, and ``ReadError`` objects for
what could not be read (a whole file, or one line of a JSON Lines file), so
that one bad item never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..models import Article
from . import feed, html, jsonl, text, warc
from .decode import MAX_ARTICLE_BYTES, DecodeError, decode_bytes
from .warc import Skipped

READERS = {
    "text": text.read_text_page,
    "html": html.read_html,
    "jsonl": jsonl.read_jsonl,
    "feed": feed.read_feed,
    "warc": warc.read_warc,
}
# Readers that take the file's path and stream it themselves (binary, possibly large).
STREAM_READERS = {"warc"}
MULTI_RECORD_FORMATS = {"jsonl", "feed"}  # the article size limit applies to each record
EXTENSIONS = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
FORMATS = sorted(READERS)


@dataclass
class ReadError:
    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def format_for(path: str | Path, forced: str | None = None) -> str | None:
    if forced:
        return forced
    suffixes = [s.lower() for s in Path(path).suffixes]
    return EXTENSIONS.get("".join(suffixes[-2:])) or EXTENSIONS.get(Path(path).suffix.lower())


def find_files(paths: Iterable[str | Path], forced_format: str | None = None) -> Iterator[Path | ReadError]:
    """Expand files and directories (recursively) into readable article files, in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unreadable.append):
                while unreadable:  # a subdirectory that cannot be listed is reported, not skipped silently
                    error = unreadable.pop()
                    yield ReadError(str(error.filename), f"cannot read directory: {error.strerror or error}")
                dirs.sort()
                for name in sorted(files):
                    candidate = Path(root) / name
                    if not name.startswith(".") and format_for(candidate, forced_format):
                        yield candidate
            for error in unreadable:
                yield ReadError(str(error.filename), f"cannot read directory: {error.strerror or error}")
        elif path.exists() or path.is_symlink():  # read_file reports a broken link as such
            yield path
        else:
            yield ReadError(str(path), "no such file or directory")


def read_file(path: str | Path, forced_format: str | None = None) -> Iterator[Article | ReadError | Skipped]:
    fmt = format_for(path, forced_format)
    if fmt is None:
        yield ReadError(str(path), f"unknown format (extension {Path(path).suffix or 'none'}); use --format")
        return
    path = Path(path)
    if path.is_symlink() and not path.exists():
        yield ReadError(str(path), f"broken symbolic link (to {os.readlink(path)})")
        return
    if fmt in STREAM_READERS:
        yield from _records(READERS[fmt](str(path)), path, fmt)
        return
    try:
        # One article is never this big (the longest long-reads are a few hundred KB); a file
        # that is would take minutes to extract. JSON Lines files and feeds hold many articles:
        # their limit is per record.
        size = path.stat().st_size
        if fmt not in MULTI_RECORD_FORMATS and size > MAX_ARTICLE_BYTES:
            yield ReadError(str(path), f"too large for one article ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})")
            return
        data = path.read_bytes()
    except OSError as error:
        yield ReadError(str(path), f"cannot read: {error.strerror or error}")
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        yield ReadError(str(path), str(error))
        return
    yield from _records(READERS[fmt](decoded, str(path)), path, fmt)


def _records(items, path, fmt: str) -> Iterator[Article | ReadError | Skipped]:
    try:
        for item in items:
            if isinstance(item, Skipped):
                yield item
            elif isinstance(item, tuple):  # (line number, reason) from a multi-record reader
                yield ReadError(str(path), item[1], line=item[0] or None)
            else:
                item.path = item.path or str(path)  # a reader may name the record within the file
                item.format = fmt
                yield item
    except Exception as error:  # a reader bug must cost one file, not the run
        yield ReadError(str(path), f"reader failed: {type(error).__name__}: {error}")
