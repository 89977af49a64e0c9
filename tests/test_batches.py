"""Many articles to a transaction (tracker/database.py WriteBatch) and the per-run memos of the
store step: the database is the same whatever the batch size, a failed article still leaves
nothing of itself, and a write by another connection clears what the run remembered."""

import sqlite3

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

import tracker.store as store
from tracker.cli import cli
from tracker.database import BatchLost, WriteBatch, open_database
from tracker.extract import extract
from tracker.ingest import ingest_paths
from tracker.readers import read_file
from tracker.schema import ensure_schema
from tracker.store import StoreCache

from .dbcheck import check_consistent, dump
from .synthetic import write_articles


def test_batch_size_does_not_change_the_database(tmp_path):
    folder = tmp_path / "articles"
    write_articles(folder, 25)
    dumps = []
    for every in (1, 4, 200):
        db_path = tmp_path / f"every-{every}.db"
        result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db_path), "--silent",
                                          "--commit-every", str(every)])
        assert result.exit_code == 0, result.output
        assert "articles: 25 added" in result.output
        assert check_consistent(db_path) == 25
        dumps.append(dump(db_path))
    assert dumps[0] == dumps[1] == dumps[2]


def test_commit_every_is_documented():
    result = CliRunner().invoke(cli, ["ingest", "--help"])
    text = " ".join(result.output.split())  # click wraps the help text
    assert "--commit-every" in text and "whole or not at all" in text


def test_failed_article_inside_a_batch_leaves_the_others(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    write_articles(folder, 6)
    real, calls = store.statement_row, []

    def fail_in_third_article(db, statement, article_id, *args, **kwargs):
        calls.append(article_id)
        if len(set(calls)) == 3 and calls.count(article_id) == 1:  # once: the next article reuses the id
            raise RuntimeError("simulated failure")
        return real(db, statement, article_id, *args, **kwargs)

    monkeypatch.setattr(store, "statement_row", fail_in_third_article)
    db = open_database(tmp_path / "t.db")
    summary = ingest_paths(db, [folder], commit_every=100)
    db.close()
    assert (summary.added, summary.failed) == (5, 1)
    assert check_consistent(tmp_path / "t.db") == 5  # no statement of the failed article is left


def test_a_lost_transaction_stops_the_run(tmp_path, monkeypatch):
    """If SQLite rolls the whole batch back (disk full, I/O error), articles already counted as
    stored are gone: the run must stop with an error, not report them added."""
    folder = tmp_path / "articles"
    write_articles(folder, 6)
    real, calls = store.statement_row, []

    def lose_the_transaction(db, statement, article_id, *args, **kwargs):
        calls.append(article_id)
        if len(set(calls)) == 3:
            db.conn.execute("ROLLBACK")
            raise sqlite3.OperationalError("disk I/O error")
        return real(db, statement, article_id, *args, **kwargs)

    monkeypatch.setattr(store, "statement_row", lose_the_transaction)
    db_path = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db_path), "--silent"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: the last 2 articles stored were rolled back: disk I/O error")
    assert check_consistent(db_path) == 0


def test_write_batch_commits_when_due(tmp_path):
    db = open_database(tmp_path / "t.db")
    db["t"].create({"n": int})
    other = sqlite3.connect(tmp_path / "t.db")
    with WriteBatch(db, max_articles=3, max_seconds=3600) as batch:
        for n in range(5):
            with batch.article():
                db.execute("insert into t (n) values (?)", [n])
            batch.commit_if_due()
            committed = other.execute("select count(*) from t").fetchone()[0]
            assert committed == (3 if n >= 2 else 0)
    assert other.execute("select count(*) from t").fetchone()[0] == 5


def test_another_connection_writing_clears_the_memos(tmp_path):
    path = tmp_path / "t.db"
    db = Database(path)
    ensure_schema(db)
    cache = StoreCache()
    cache.check_outside_writes(db)
    cache.speakers[("Ana Silva", "person", None, None, None, None)] = 1
    cache.tags["x"] = 2
    cache.check_outside_writes(db)  # nothing written elsewhere: kept
    db.execute("insert into tags (name) values ('ours')")  # our own writes do not count
    db.conn.commit()
    cache.check_outside_writes(db)
    assert cache.speakers and cache.tags
    other = sqlite3.connect(path)
    other.execute("update speakers set name = name")
    other.execute("insert into tags (name) values ('theirs')")
    other.commit()
    cache.check_outside_writes(db)
    assert not cache.speakers and not cache.tags


def test_remembered_speakers_give_the_same_ids(tmp_path):
    """The memo only skips lookups: with it and without it every statement gets the same speaker."""
    folder = tmp_path / "articles"
    write_articles(folder, 12)
    articles = [a for f in sorted(folder.iterdir()) for a in read_file(f)]
    results = []
    for use_memo in (True, False):
        db = Database(tmp_path / f"memo-{use_memo}.db")
        ensure_schema(db)
        for article in articles:
            cache = StoreCache() if not use_memo else None
            store.store_article(db, article, extract(article), "v", cache if cache else shared(use_memo))
        results.append([tuple(r.values()) for r in db.query(
            "select statements.text, speakers.name, speakers.type, speakers.needs_review from statements "
            "left join speakers on speakers.id = statements.speaker_id order by statements.id")])
    assert results[0] == results[1]
    assert any(name for _, name, _, _ in results[0])


_SHARED = {}


def shared(key):
    return _SHARED.setdefault(key, StoreCache())
