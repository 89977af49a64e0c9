"""The records that flow between steps: read -> Article -> extract -> Statement -> store."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    """One article as read from a file.

    ``text`` is the text that statement offsets index into: the file's decoded
    text for plain-text pages, the extracted main text for HTML, the ``text``
    field for JSON Lines. ``paragraphs`` are the (start, end) spans of body
    paragraphs in ``text``; page chrome (bylines, captions, tags) lies outside them.
    """

    text: str
    paragraphs: list[tuple[int, int]]
    path: str = ""
    title: str | None = None
    summary: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    section: str | None = None
    source: str | None = None  # the outlet
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    format: str = "text"
    fetched: str | None = None  # when a web archive fetched the page (WARC-Date)

    @property
    def body(self) -> str:
        return "\n\n".join(self.text[s:e] for s, e in self.paragraphs)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    @property
    def published_date(self) -> str | None:
        return self.published[:10] if self.published else None


@dataclass
class Statement:
    """One statement found in an article; offsets index into ``Article.text``."""

    text: str
    start: int
    end: int
    kind: str  # direct | indirect | mixed | partial
    speaker: str | None = None  # resolved canonical name
    speaker_mention: str | None = None  # the words in the text ("she", "the president")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: str | None = None  # person | organization | anonymous group
    mention_kind: str | None = None  # name | pronoun | title | organization | group | descriptor
    speaker_role: str | None = None
    speaker_affiliation: str | None = None
    cue: str | None = None
    date: str | None = None
    date_source: str | None = None  # text | publication
    date_precision: str | None = None  # day | week | month | year
    date_phrase: str | None = None
    context: str | None = None  # the paragraph the statement sits in

    def to_json(self, file: str) -> dict:
        record = {"file": file}
        record.update(asdict(self))
        return record
