"""HTML pages: main text and metadata through trafilatura, the field's
maintained boilerplate remover (it also reads JSON-LD, OpenGraph and meta tags)."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import parse_date
from ..models import Article
from .text import paragraph_spans


MIN_WORDS = 8


def read_html(content: str, path: str) -> Iterator[Article | tuple[int, str]]:
    import trafilatura  # heavy import; only when an HTML file comes

    tree = load_tree(content)
    if tree is None:
        yield (0, "no article text found in the HTML")
        return
    # Script and style text must never reach the article: trafilatura keeps it out of the body but
    # took it into a title read from an <h1> holding a <script> (found by fuzzing). JSON-LD stays:
    # it carries the author and date.
    for element in tree.xpath("//script[not(contains(@type, 'ld+json'))] | //style | //noscript | //template"):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element
    try:
        document = _extract(trafilatura, tree)
    except Exception as error:  # trafilatura and htmldate assert on odd trees; one file, one line
        yield (0, f"could not extract text from the HTML ({type(error).__name__} in trafilatura)")
        return
    if document is None:
        yield (0, "no article text found in the HTML")
        return
    record = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    body = (record.get("text") or "").strip()
    if len(body.split()) < MIN_WORDS:  # a menu or a cookie banner is not an article
        yield (0, "no article text found in the HTML")
        return
    tags = []
    for key in ("tags", "categories"):
        value = record.get(key) or []
        if isinstance(value, str):
            value = [value]
        for entry in value:
            tags.extend(t.strip() for t in (entry or "").split(",") if t.strip())
    # trafilatura puts one paragraph per line; blank lines make them paragraphs for us.
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    yield Article(
        text=text,
        paragraphs=paragraph_spans(text),
        title=record.get("title") or None,
        summary=record.get("description") or None,
        author=_clean_author(record.get("author")),
        published=parse_date(record.get("date")),
        source=record.get("sitename") or None,
        url=record.get("url") or None,
        tags=list(dict.fromkeys(tags)),
    )


def load_tree(content: str):
    """The parsed page (lxml, as trafilatura parses it), always rooted in <html>; None if not HTML."""
    from trafilatura.utils import load_html

    tree = load_html(content)
    if tree is not None and tree.tag != "html":
        # A fragment whose root is, say, <svg> crashes htmldate's clean-up (found by fuzzing).
        tree = load_html(f"<html><body>{content}</body></html>")
    return tree


def _clean_author(author: str | None) -> str | None:
    if not author:
        return None
    # trafilatura joins several authors with "; "
    return ", ".join(a.strip() for a in author.split(";") if a.strip()) or None


def _extract(trafilatura, tree):
    return trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,  # True keeps a process-wide cache: a second article sharing paragraphs would lose them
    )
