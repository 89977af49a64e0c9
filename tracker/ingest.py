"""read -> extract -> store for many files, with a summary of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .dates import parse_date
from .extract import EXTRACTOR_VERSION, extract
from .models import Article
from .readers import ReadError, find_files, read_file
from .schema import ensure_schema
from .store import ADDED, REPLACED, UNCHANGED, StoreCache, record_error, store_article, tune_for_ingest


@dataclass
class Overrides:
    """Metadata given on the command line; it wins over what the file says."""

    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None

    def apply(self, article: Article) -> Article:
        if self.source:
            article.source = self.source
        if self.url:
            article.url = self.url
        if self.published:
            article.published = parse_date(self.published)
        if self.author:
            article.author = self.author
        return article


@dataclass
class IngestSummary:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    statements: int = 0
    errors: list[ReadError] = field(default_factory=list)

    def count(self, outcome: str, statements: int) -> None:
        if outcome == ADDED:
            self.added += 1
        elif outcome == UNCHANGED:
            self.unchanged += 1
        elif outcome == REPLACED:
            self.replaced += 1
        if outcome != UNCHANGED:
            self.statements += statements

    def __str__(self) -> str:
        return (
            f"articles: {self.added} added, {self.unchanged} unchanged, {self.replaced} replaced, "
            f"{self.failed} failed; statements: {self.statements} added"
        )


def ingest_file(db: Database, path: Path, summary: IngestSummary, fmt: str | None = None,
                overrides: Overrides | None = None, on_error: Callable[[ReadError], None] | None = None,
                cache: StoreCache | None = None) -> None:
    for item in read_file(path, fmt):
        if isinstance(item, ReadError):
            _fail(db, summary, item, on_error)
            continue
        article = overrides.apply(item) if overrides else item
        try:
            statements = extract(article)
            outcome = store_article(db, article, statements, EXTRACTOR_VERSION, cache)
        except Exception as error:  # one bad article must not stop the others
            _fail(db, summary, ReadError(article.path, f"{type(error).__name__}: {error}"), on_error)
            continue
        summary.count(outcome, len(statements))


def ingest_paths(db: Database, paths: Iterable[str | Path], fmt: str | None = None,
                 overrides: Overrides | None = None, on_error: Callable[[ReadError], None] | None = None,
                 progress: Callable[[Iterable], Iterable] | None = None) -> IngestSummary:
    ensure_schema(db)
    tune_for_ingest(db)
    cache = StoreCache()
    summary = IngestSummary()
    files = []
    for item in find_files(paths, fmt):
        if isinstance(item, ReadError):
            _fail(db, summary, item, on_error)
        else:
            files.append(item)
    for path in (progress(files) if progress else files):
        ingest_file(db, path, summary, fmt, overrides, on_error, cache)
    return summary


def _fail(db: Database, summary: IngestSummary, error: ReadError, on_error) -> None:
    summary.failed += 1
    summary.errors.append(error)
    record_error(db, error.path, error.reason, error.line)
    if on_error:
        on_error(error)
