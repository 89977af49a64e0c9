"""WARC files (web archives, Common Crawl News) through warcio: every HTML
response record is read as an HTML page; other records are skipped and counted.

The file is streamed record by record, so a multi-gigabyte archive never sits
in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..dates import parse_date
from ..models import Article
from .decode import DecodeError, decode_bytes
from .html import read_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
ARTICLE_RECORD_TYPES = ("response", "resource")


@dataclass
class Skipped:
    """Records of a file that were passed over on purpose (not an error)."""

    path: str
    count: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.count} {self.reason}"


def read_warc(path: str) -> Iterator[Article | tuple[int, str] | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped = 0
    number = 0
    try:
        stream = open(path, "rb")
    except OSError as error:
        yield (0, f"cannot read: {error.strerror or error}")
        return
    with stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.format != "warc":  # warcio reads any text as an old ARC header line
                    yield (number, "not a WARC record")
                    return
                if not _is_html_page(record):
                    skipped += 1
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                fetched = parse_date(record.rec_headers.get_header("WARC-Date"))
                yield from _read_page(record, number, uri, fetched, path)
        except ArchiveLoadFailed as error:
            yield (number + 1, f"not a WARC record: {' '.join(str(error).split())[:200]}")
        except (OSError, EOFError) as error:  # a truncated .warc.gz
            yield (number + 1, f"cannot read record: {error}")
    if number == 0:
        yield (0, "no WARC records found")
    if skipped:
        yield Skipped(path, skipped, f"WARC record{'s' if skipped != 1 else ''} skipped (not HTML responses)")


def _is_html_page(record) -> bool:
    if record.rec_type not in ARTICLE_RECORD_TYPES:
        return False
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return False
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _read_page(record, number: int, uri: str | None, fetched: str | None, path: str):
    data = record.content_stream().read()  # de-chunked and decompressed by warcio
    try:
        content = _decode(data, record)
    except DecodeError as error:
        yield (number, f"{uri}: {error}")
        return
    for item in read_html(content, path):
        if isinstance(item, tuple):
            yield (number, f"{uri}: {item[1]}")
            continue
        item.url = uri or item.url  # the address it was fetched from
        item.fetched = fetched
        if not item.published and fetched:
            item.published = fetched  # the page gives no date: it was out by the time it was fetched
        yield item


def _decode(data: bytes, record) -> str:
    content_type = ""
    if record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            try:
                return data.decode(value.strip().strip('"'))
            except (LookupError, UnicodeDecodeError):
                break
    return decode_bytes(data)
