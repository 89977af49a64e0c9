"""read -> extract -> store for many files, with a summary of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .database import WriteBatch, checkpoint, write_transaction
from .dates import parse_date
from .extract import EXTRACTOR_VERSION, extract
from .models import Article, Statement
from .readers import ReadError, Skipped, find_files, read_file
from .schema import ensure_schema
from .store import ADDED, REPLACED, UNCHANGED, StoreCache, record_error, store_articles, tune_for_ingest


COMMIT_EVERY = 200  # articles per transaction (tracker/database.py WriteBatch)


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
    skipped: list[Skipped] = field(default_factory=list)
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
        ) + "".join(f"; {skip.count} {skip.reason}" for skip in self.skipped)


def ingest_file(db: Database, path: Path, summary: IngestSummary, batch: WriteBatch,
                fmt: str | None = None, overrides: Overrides | None = None,
                on_error: Callable[[ReadError], None] | None = None) -> None:
    errors: list[ReadError] = []
    for item in read_file(path, fmt):
        if isinstance(item, Skipped):
            summary.skipped.append(item)
            continue
        if isinstance(item, ReadError):
            _fail(summary, item, errors, on_error)
            continue
        article = overrides.apply(item) if overrides else item
        try:
            statements = extract(article)
        except Exception as error:  # one bad article must not stop the others
            _fail(summary, ReadError(article.path, f"{type(error).__name__}: {error}"), errors, on_error)
            continue
        add_to_batch(batch, article, statements, summary, errors, on_error)
    # once the file's last articles are written: a failed one is among the errors by then
    batch.after(lambda: replace_errors(db, str(path), errors))


def add_to_batch(batch: WriteBatch, article: Article, statements: list[Statement], summary: IngestSummary,
                 errors: list[ReadError], on_error: Callable[[ReadError], None] | None) -> None:
    """Queue one article for the next write and count it once written; if it fails, nothing of it
    is kept, the failure joins ``errors`` (its file's) and the run goes on."""
    def done(result: str | Exception) -> None:
        if isinstance(result, Exception):
            _fail(summary, ReadError(article.path, f"{type(result).__name__}: {result}"), errors, on_error)
        else:
            summary.count(result, len(statements))

    batch.add((article, statements), done)


def writer(db: Database, cache: StoreCache) -> Callable[[list], list]:
    """What a WriteBatch calls to store its pending (article, statements) pairs: first thing in
    the batch's transaction, so a failed article can undo the batch by rolling the transaction back."""
    return lambda items: store_articles(db, items, EXTRACTOR_VERSION, cache, whole_transaction=True)


def ingest_paths(db: Database, paths: Iterable[str | Path], fmt: str | None = None,
                 overrides: Overrides | None = None, on_error: Callable[[ReadError], None] | None = None,
                 progress: Callable[[Iterable], Iterable] | None = None,
                 commit_every: int = COMMIT_EVERY) -> IngestSummary:
    with write_transaction(db):  # two ingests starting at once must not both create the tables
        ensure_schema(db)
    tune_for_ingest(db)
    cache = StoreCache()
    summary = IngestSummary()
    files = []
    for item in find_files(paths, fmt):
        if isinstance(item, ReadError):
            errors: list[ReadError] = []
            _fail(summary, item, errors, on_error)
            replace_errors(db, item.path, errors)
        else:
            files.append(item)
    with WriteBatch(db, writer(db, cache), max_articles=commit_every, on_rollback=cache.reset) as batch:
        for path in (progress(files) if progress else files):
            ingest_file(db, path, summary, batch, fmt, overrides, on_error)
    checkpoint(db)
    return summary


def failed_paths(db: Database) -> list[str]:
    """Paths recorded in ``ingest_errors``, in the order they first failed: what ``--retry-failed`` re-reads."""
    if not db["ingest_errors"].exists():
        return []
    return [row["path"] for row in db.query("select path from ingest_errors group by path order by min(id)")]


def replace_errors(db: Database, path: str, errors: list[ReadError]) -> None:
    """This run's errors for a path replace the earlier ones: a file that now reads cleanly leaves none,
    and a run killed before this point leaves the old ones for a retry."""
    with write_transaction(db):
        db.execute("delete from ingest_errors where path = ?", [path])
        for error in errors:
            record_error(db, error.path, error.reason, error.line)


def _fail(summary: IngestSummary, error: ReadError, errors: list[ReadError], on_error) -> None:
    summary.failed += 1
    summary.errors.append(error)
    errors.append(error)
    if on_error:
        on_error(error)
