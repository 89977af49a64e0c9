"""Store step: one article and its statements into the database, atomically."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlparse

from sqlite_utils import Database

from . import quotes, speakers
from .database import insert_rows, select_rows
from .models import Article, Statement
from .schema import index_new_rows

ADDED, UNCHANGED, REPLACED = "added", "unchanged", "replaced"
_MISSING = object()


class StoreCache:
    """Ids of outlets and tags already in the database, kept for one ingest run so each
    costs one query per run instead of one per article. What an article's transaction adds
    is undone here too if that transaction rolls back. It also carries the memo of resolved
    speakers (tracker/speakers.py) and the common quote shingles (tracker/quotes.py); both are
    dropped when another connection writes to the database (a curator merging speakers while
    an ingest runs), as ``PRAGMA data_version`` tells."""

    def __init__(self):
        self.sources: dict[str, int] = {}
        self.tags: dict[str, int] = {}
        self.speakers: dict[tuple, int] = {}
        self.stop_shingles: set[int] = set()  # advisory: a shingle seen too common stays so
        self._journal: list[tuple[dict, object, object]] = []
        self._data_version: int | None = None

    def check_outside_writes(self, db: Database) -> None:
        """Forget everything if another connection committed since the last check."""
        version = db.conn.execute("PRAGMA data_version").fetchone()[0]
        if self._data_version is not None and version != self._data_version:
            self.reset()
        self._data_version = version

    def reset(self) -> None:
        self.sources.clear()
        self.tags.clear()
        self.speakers.clear()
        self.stop_shingles.clear()
        self._journal.clear()

    def put(self, table: dict, key, value) -> None:
        self._journal.append((table, key, table.get(key, _MISSING)))
        table[key] = value

    def commit(self) -> None:
        self._journal.clear()

    def rollback(self) -> None:
        for table, key, old in reversed(self._journal):
            if old is _MISSING:
                table.pop(key, None)
            else:
                table[key] = old
        self._journal.clear()
        self.speakers.clear()  # not journaled: rollbacks are rare, and resolving again is always right


def tune_for_ingest(db: Database) -> None:
    """WAL and synchronous=NORMAL: each article still commits on its own (atomic,
    durable against crashes of the process), without an fsync per article."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    # 64 MB of page cache (SQLite's default is 2 MB): the indexes an ingest writes stay in
    # memory as the database grows, so the time per article stays flat.
    db.execute("PRAGMA cache_size = -65536")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def find_existing(db: Database, article: Article) -> dict | None:
    """The stored row this article is a version of: same URL, or (no URL) same text or same file."""
    if article.url:
        rows = select_rows(db, "select * from articles where url = ? order by id limit 1", [article.url])
        return rows[0] if rows else None
    rows = select_rows(
        db, "select * from articles where url is null and content_hash = ? order by id limit 1", [article.content_hash])
    # A JSON Lines file holds many articles: its path does not name one (matching on it made each
    # new record without a URL replace the file's first article).
    if not rows and article.path and article.format != "jsonl":
        rows = select_rows(db, "select * from articles where url is null and path = ? order by id limit 1", [article.path])
    return rows[0] if rows else None


def source_id(db: Database, article: Article, cache: StoreCache | None = None) -> int | None:
    name = article.source
    if name and cache is not None and name in cache.sources:  # the outlet is known: no need for its domain
        return cache.sources[name]
    domain = urlparse(article.url).netloc.lower().removeprefix("www.") if article.url else None
    if not name and domain:
        name = domain
    if not name:
        return None
    if cache is not None and name in cache.sources:
        return cache.sources[name]
    pk = db["sources"].lookup({"name": name}, {"domain": domain})
    if cache is not None:
        cache.put(cache.sources, name, pk)
    return pk


def tag_id(db: Database, name: str, cache: StoreCache | None = None) -> int:
    if cache is not None and name in cache.tags:
        return cache.tags[name]
    pk = db["tags"].lookup({"name": name})
    if cache is not None:
        cache.put(cache.tags, name, pk)
    return pk


def speaker_id(db: Database, statement: Statement, cache: StoreCache | None = None) -> int | None:
    # the same speaker across articles: tracker/speakers.py
    return speakers.resolve_speaker(db, statement, cache.speakers if cache is not None else None)


def store_article(db: Database, article: Article, statements: list[Statement], extractor_version: str,
                  cache: StoreCache | None = None) -> str:
    """Write the article and its statements in one transaction (or savepoint); returns added,
    unchanged or replaced. ``cache`` (one per ingest run) saves the outlet and tag lookups."""
    cache = cache if cache is not None else StoreCache()
    try:
        with db.atomic():
            outcome = _store_article(db, article, statements, extractor_version, cache)
            index_new_rows(db)
    except BaseException:
        cache.rollback()
        raise
    cache.commit()
    return outcome


def store_articles(db: Database, items: list[tuple[Article, list[Statement]]], extractor_version: str,
                   cache: StoreCache, whole_transaction: bool = False) -> list[str | Exception]:
    """Store (article, statements) pairs in the open transaction, each whole or not at all; one
    result per pair: its outcome, or the exception that kept it out. All go in together; only if
    one fails is that undone and each stored again under its own savepoint.

    ``whole_transaction``: the open transaction holds nothing else (a WriteBatch writes first
    thing after BEGIN IMMEDIATE), so a failure is undone by rolling it back and beginning another.
    Otherwise the pairs go in under a savepoint, and SQLite first copies every page they change
    to a temporary file in case it is rolled back to: about 120 page writes per article, which
    are only ever read if an article fails."""
    conn = db.conn
    if not whole_transaction:
        conn.execute("SAVEPOINT articles")
    try:
        outcomes: list[str | Exception] = [_store_article(db, a, s, extractor_version, cache) for a, s in items]
    except Exception:
        if whole_transaction:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("BEGIN IMMEDIATE")
        else:
            _undo(conn, "articles")
        cache.rollback()
        outcomes = [_store_alone(db, article, statements, extractor_version, cache) for article, statements in items]
    else:
        if not whole_transaction:
            conn.execute("RELEASE articles")
        cache.commit()
    index_new_rows(db)  # in the caller's transaction: committed with the rows or not at all
    return outcomes


def _store_alone(db: Database, article: Article, statements: list[Statement], extractor_version: str,
                 cache: StoreCache) -> str | Exception:
    conn = db.conn
    if not conn.in_transaction:  # SQLite rolled the whole transaction back (disk full, I/O error)
        conn.execute("BEGIN IMMEDIATE")
    conn.execute("SAVEPOINT article")
    try:
        outcome = _store_article(db, article, statements, extractor_version, cache)
    except Exception as error:
        _undo(conn, "article")
        cache.rollback()
        return error
    conn.execute("RELEASE article")
    cache.commit()
    return outcome


def _undo(conn, savepoint: str) -> None:
    if conn.in_transaction:
        conn.execute(f"ROLLBACK TO {savepoint}")
        conn.execute(f"RELEASE {savepoint}")


def _store_article(db: Database, article: Article, statements: list[Statement], extractor_version: str,
                   cache: StoreCache) -> str:
    cache.check_outside_writes(db)
    existing = find_existing(db, article)
    if existing and existing["content_hash"] == article.content_hash and existing["extractor_version"] == extractor_version:
        return UNCHANGED
    row = {
        "title": article.title,
        "summary": article.summary,
        "author": article.author,
        "url": article.url,
        "published": article.published,
        "section": article.section,
        "source_id": source_id(db, article, cache),
        "body": article.body,
        "content_hash": article.content_hash,
        "path": article.path or None,
        "format": article.format,
        "extractor_version": extractor_version,
        "statement_count": len(statements),  # written with the statements: a check that none is missing
        "ingested_at": _now(),
        "fetched_at": article.fetched,
    }
    if existing:
        article_id = existing["id"]
        speakers.forget_article(db, article_id)
        db.execute("delete from statements where article_id = ?", [article_id])
        db.execute("delete from article_tags where article_id = ?", [article_id])
        db["articles"].update(article_id, row)
        outcome = REPLACED
    else:
        article_id = insert_rows(db, "articles", [row])
        outcome = ADDED
    insert_rows(db, "article_tags", [{"article_id": article_id, "tag_id": tag_id(db, tag, cache)}
                                     for tag in article.tags], ignore=True)
    tags_json = json.dumps(article.tags, ensure_ascii=False) if article.tags else None
    created: set[int] = set()
    rows = [statement_row(db, statement, article_id, row["source_id"], tags_json, extractor_version, cache,
                          article.published, created) for statement in statements]
    insert_rows(db, "statements", rows, one_statement=True)  # one statement journal per article
    speakers.record_roles(db, article_id, article.published, statements, [r["speaker_id"] for r in rows])
    quotes.add_statements(db, article_id, article.published, rows, created)
    return outcome


def statement_row(db: Database, statement: Statement, article_id: int, source: int | None,
                  tags_json: str | None, extractor_version: str, cache: StoreCache | None = None,
                  published: str | None = None, created_quotes: set[int] | None = None) -> dict:
    """The statements row; ``created_quotes`` collects the quotes this statement was the first to report."""
    row = {
        "article_id": article_id,
        "speaker_id": speaker_id(db, statement, cache),
        "source_id": source,
        "text": statement.text,
        "kind": statement.kind,
        "cue": statement.cue,
        "speaker_mention": statement.speaker_mention,
        "speaker_start": statement.speaker_start,
        "speaker_end": statement.speaker_end,
        "start_offset": statement.start,
        "end_offset": statement.end,
        "date_said": statement.date,
        "month_said": statement.date[:7] if statement.date else None,
        "date_precision": statement.date_precision,
        "date_source": statement.date_source,
        "date_phrase": statement.date_phrase,
        "tags": tags_json,
        "context": statement.context,
        "extractor_version": extractor_version,
        "speaker_name": statement.speaker,
    }
    own = {"id": 0, "text": statement.text, "kind": statement.kind, "speaker_id": row["speaker_id"],
           "article_id": article_id, "source_id": source, "published": published[:10] if published else None,
           "speaker": statement.speaker, "speaker_type": statement.speaker_type}
    quote, created = quotes.match_or_create(db, statement, cache.stop_shingles if cache else None, own)
    if created and created_quotes is not None:
        created_quotes.add(quote)
    row["quote_id"] = quote
    return row


def record_error(db: Database, path: str, reason: str, line: int | None = None) -> None:
    db["ingest_errors"].insert({"path": path, "line": line, "reason": reason, "failed_at": _now()})
