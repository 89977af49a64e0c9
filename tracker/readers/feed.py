"""RSS and Atom feeds through feedparser, the field's long-kept feed parser:
each entry one article. Full text from ``content`` when the feed carries it,
else the summary; HTML in either goes through trafilatura like an HTML page."""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..dates import parse_date
from ..models import Article
from .text import paragraph_spans

HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(content: str, path: str) -> Iterator[Article | tuple[int, str]]:
    import feedparser

    feed = feedparser.parse(content)
    if not feed.entries:
        reason = "no RSS or Atom entries found"
        if feed.get("bozo") and feed.get("bozo_exception"):
            reason += f" ({_one_line(feed.bozo_exception)})"
        yield (0, reason)
        return
    outlet = _clean(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        body, from_content = _entry_text(entry)
        if not body:
            yield (number, f"entry {_clean(entry.get('title')) or number!r} has no content or summary")
            continue
        summary = None
        if from_content and entry.get("summary"):
            summary = _to_text(entry.summary, entry.get("summary_detail", {}).get("type")) or None
        tags = [_clean(tag.get("term") or tag.get("label")) for tag in entry.get("tags", [])]
        article = Article(
            text=body,
            paragraphs=paragraph_spans(body),
            title=_clean(entry.get("title")),
            summary=summary,
            author=_clean(entry.get("author")),
            published=_entry_date(entry),
            source=outlet,
            url=_clean(entry.get("link")) or _url_id(entry.get("id")),
            tags=list(dict.fromkeys(t for t in tags if t)),
        )
        if not article.url:  # stored articles without a URL are told apart by path: one per entry
            article.path = f"{path}#{number}"
        yield article


def _entry_text(entry) -> tuple[str, bool]:
    """The entry's full text from ``content`` (Atom content, RSS content:encoded), else its summary."""
    parts = [_to_text(c.get("value", ""), c.get("type")) for c in entry.get("content", [])]
    text = "\n\n".join(p for p in parts if p)
    if text:
        return text, True
    if entry.get("summary"):
        return _to_text(entry.summary, entry.get("summary_detail", {}).get("type")), False
    return "", False


def _to_text(value: str, content_type: str | None) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if content_type and content_type not in HTML_TYPES and "<" not in value:
        return value
    return html_to_text(value)


def html_to_text(fragment: str) -> str:
    """An HTML fragment to plain text, one paragraph per blank-line separated block."""
    import trafilatura

    document = trafilatura.bare_extraction(
        f"<html><body><article>{fragment}</article></body></html>",
        with_metadata=False, include_comments=False, include_tables=False,
        favor_precision=True, deduplicate=False,
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:  # trafilatura found no main text (a one-line summary): take every text node
        import lxml.html

        text = lxml.html.fragment_fromstring(fragment, create_parent="div").text_content().strip()
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _entry_date(entry) -> str | None:
    # The date as written keeps the outlet's own day; feedparser's *_parsed is shifted to UTC.
    for key in ("published", "updated", "created"):
        date = parse_date(entry.get(key))
        if date:
            return date
    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            return time.strftime("%Y-%m-%dT%H:%M:%S", entry[key])
    return None


def _url_id(value) -> str | None:
    # An RSS guid or Atom id that is an address stands in for a missing link.
    value = _clean(value)
    return value if value and value.startswith(("http://", "https://")) else None


def _clean(value) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _one_line(error) -> str:
    return " ".join(str(error).split())[:200]
