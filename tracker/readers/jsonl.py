"""JSON Lines: one article per line, ``text`` required; ``title``, ``url``,
``author``, ``published``, ``source``, ``tags`` optional."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..dates import parse_date
from ..models import Article
from .decode import MAX_ARTICLE_BYTES
from .text import paragraph_spans


def read_jsonl(content: str, path: str) -> Iterator[Article | tuple[int, str]]:
    # Only "\n" ends a JSON Lines record: str.splitlines() would also split on U+2028 and
    # other separators that JSON strings may hold raw (caught by the JSON Lines fuzz property).
    for number, line in enumerate(content.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        if len(line) > MAX_ARTICLE_BYTES:
            yield (number, f"too large for one article ({len(line):,} characters; the limit is {MAX_ARTICLE_BYTES:,})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield (number, f"invalid JSON: {error.msg} at column {error.colno}")
            continue
        if not isinstance(record, dict):
            yield (number, "expected a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield (number, "missing or empty 'text'")
            continue
        try:  # one odd record costs its line, not the rest of the file
            yield _article(record, body)
        except Exception as error:
            yield (number, f"cannot read the record: {type(error).__name__}: {error}")


def _article(record: dict, body: str) -> Article:
    tags = record.get("tags")
    if isinstance(tags, str):
        tags = tags.split(",")
    elif not isinstance(tags, list):
        tags = [] if tags is None else [tags]  # "tags": 1 is one tag, not a crash (found by fuzzing)
    return Article(
        text=body,
        paragraphs=paragraph_spans(body),
        title=_string(record.get("title")),
        summary=_string(record.get("summary")),
        author=_string(record.get("author")),
        published=parse_date(_string(record.get("published"))),
        source=_string(record.get("source")),
        url=_string(record.get("url")),
        section=_string(record.get("section")),
        tags=[str(t).strip() for t in tags if isinstance(t, (str, int, float)) and str(t).strip()],
    )


def _string(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
