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
from . import html, jsonl, text
from .decode import DecodeError, decode_bytes

READERS = {
    "text": text.read_text_page,
    "html": html.read_html,
    "jsonl": jsonl.read_jsonl,
}
EXTENSIONS = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
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
    return EXTENSIONS.get(Path(path).suffix.lower())


def find_files(paths: Iterable[str | Path], forced_format: str | None = None) -> Iterator[Path | ReadError]:
    """Expand files and directories (recursively) into readable article files, in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    candidate = Path(root) / name
                    if not name.startswith(".") and format_for(candidate, forced_format):
                        yield candidate
        elif path.exists():
            yield path
        else:
            yield ReadError(str(path), "no such file or directory")


def read_file(path: str | Path, forced_format: str | None = None) -> Iterator[Article | ReadError]:
    fmt = format_for(path, forced_format)
    if fmt is None:
        yield ReadError(str(path), f"unknown format (extension {Path(path).suffix or 'none'}); use --format")
        return
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        yield ReadError(str(path), f"cannot read: {error.strerror or error}")
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        yield ReadError(str(path), str(error))
        return
    for item in READERS[fmt](decoded, str(path)):
        if isinstance(item, tuple):  # (line number, reason) from a multi-record reader
            yield ReadError(str(path), item[1], line=item[0])
        else:
            item.path = str(path)
            item.format = fmt
            yield item
