"""Store step: one article and its statements into the database, atomically."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlparse

from sqlite_utils import Database

from .models import Article, Statement

ADDED, UNCHANGED, REPLACED = "added", "unchanged", "replaced"
NAME_MENTION_KINDS = ("name", "organization", "group")
_MISSING = object()


class StoreCache:
    """Ids of outlets, tags, speakers and aliases already in the database, kept for one
    ingest run so each costs one query per run instead of one per statement. What an
    article's transaction adds is undone here too if that transaction rolls back."""

    def __init__(self):
        self.sources: dict[str, int] = {}
        self.tags: dict[str, int] = {}
        self.speakers: dict[tuple[str, str], tuple[int, str | None, str | None]] = {}
        self.aliases: dict[tuple[int, str], bool] = {}
        self._journal: list[tuple[dict, object, object]] = []

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


def tune_for_ingest(db: Database) -> None:
    """WAL and synchronous=NORMAL: each article still commits on its own (atomic,
    durable against crashes of the process), without an fsync per article."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def find_existing(db: Database, article: Article) -> dict | None:
    """The stored row this article is a version of: same URL, or (no URL) same text or same file."""
    if article.url:
        rows = list(db.query("select * from articles where url = ? order by id limit 1", [article.url]))
        return rows[0] if rows else None
    rows = list(db.query(
        "select * from articles where url is null and content_hash = ? order by id limit 1", [article.content_hash]))
    if not rows and article.path:
        rows = list(db.query("select * from articles where url is null and path = ? order by id limit 1", [article.path]))
    return rows[0] if rows else None


def source_id(db: Database, article: Article, cache: StoreCache | None = None) -> int | None:
    name = article.source
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
    if not statement.speaker:
        return None
    cache = cache if cache is not None else StoreCache()
    key = (statement.speaker, statement.speaker_type or "person")
    extra = {"role": statement.speaker_role, "affiliation": statement.speaker_affiliation}
    known = cache.speakers.get(key)
    if known is None:
        pk = db["speakers"].lookup({"name": key[0], "type": key[1]}, extra)
        row = db["speakers"].get(pk)
        known = (pk, row["role"], row["affiliation"])
    pk, role, affiliation = known
    missing = {k: v for k, v in extra.items() if v and not {"role": role, "affiliation": affiliation}[k]}
    if missing:
        db["speakers"].update(pk, missing)
        role, affiliation = missing.get("role", role), missing.get("affiliation", affiliation)
    if (pk, role, affiliation) != cache.speakers.get(key):
        cache.put(cache.speakers, key, (pk, role, affiliation))
    aliases = {statement.speaker}
    if statement.speaker_mention and statement.mention_kind in NAME_MENTION_KINDS:
        aliases.add(statement.speaker_mention)
    new = [a for a in sorted(aliases) if (pk, a) not in cache.aliases]
    if new:
        db["speaker_aliases"].insert_all(({"speaker_id": pk, "alias": a} for a in new), ignore=True)
        for alias in new:
            cache.put(cache.aliases, (pk, alias), True)
    return pk


def store_article(db: Database, article: Article, statements: list[Statement], extractor_version: str,
                  cache: StoreCache | None = None) -> str:
    """Write the article and its statements in one transaction; returns added, unchanged or replaced.

    ``cache`` (one per ingest run) saves the per-statement speaker, outlet and tag lookups."""
    cache = cache if cache is not None else StoreCache()
    try:
        outcome = _store_article(db, article, statements, extractor_version, cache)
    except BaseException:
        cache.rollback()
        raise
    cache.commit()
    return outcome


def _store_article(db: Database, article: Article, statements: list[Statement], extractor_version: str,
                   cache: StoreCache) -> str:
    with db.atomic():
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
            "ingested_at": _now(),
        }
        if existing:
            article_id = existing["id"]
            db.execute("delete from statements where article_id = ?", [article_id])
            db.execute("delete from article_tags where article_id = ?", [article_id])
            db["articles"].update(article_id, row)
            outcome = REPLACED
        else:
            article_id = db["articles"].insert(row).last_pk
            outcome = ADDED
        db["article_tags"].insert_all(
            ({"article_id": article_id, "tag_id": tag_id(db, tag, cache)} for tag in article.tags),
            ignore=True,
        )
        tags_json = json.dumps(article.tags, ensure_ascii=False) if article.tags else None
        db["statements"].insert_all(
            statement_row(db, statement, article_id, row["source_id"], tags_json, extractor_version, cache)
            for statement in statements
        )
        db.execute("delete from ingest_errors where path = ?", [article.path])
        return outcome


def statement_row(db: Database, statement: Statement, article_id: int, source: int | None,
                  tags_json: str | None, extractor_version: str, cache: StoreCache | None = None) -> dict:
    return {
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
    }


def record_error(db: Database, path: str, reason: str, line: int | None = None) -> None:
    db["ingest_errors"].insert({"path": path, "line": line, "reason": reason, "failed_at": _now()})
