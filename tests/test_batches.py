"""Many articles to a transaction (tracker/database.py WriteBatch) and the per-run memos of the
store step: the database is the same whatever the batch size, a failed article still leaves
nothing of itself, and a write by another connection clears what the run remembered."""

import sqlite3

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

import tracker.store as store
from tracker.cli import cli
from tracker.database import WriteBatch, open_database
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
    third = sorted(folder.iterdir())[2].name
    real = store._store_article

    def fail_after_writing_the_third(db, article, *args, **kwargs):
        outcome = real(db, article, *args, **kwargs)  # all of it written, then the failure
        if article.path.endswith(third):
            raise RuntimeError("simulated failure")
        return outcome

    monkeypatch.setattr(store, "_store_article", fail_after_writing_the_third)
    db = open_database(tmp_path / "t.db")
    summary = ingest_paths(db, [folder], commit_every=100)
    db.close()
    assert (summary.added, summary.failed) == (5, 1)
    assert [e.path.endswith(third) for e in summary.errors] == [True]
    assert check_consistent(tmp_path / "t.db") == 5  # no statement of the failed article is left
    errors = sqlite3.connect(tmp_path / "t.db").execute("select path, reason from ingest_errors").fetchall()
    assert [(path.endswith(third), reason) for path, reason in errors] == [(True, "RuntimeError: simulated failure")]


def test_a_lost_transaction_is_written_again_article_by_article(tmp_path, monkeypatch):
    """If SQLite rolls the whole transaction back (disk full, I/O error) while a batch is written,
    the batch is still in memory: each article is written again on its own, in a new transaction,
    and none is lost."""
    folder = tmp_path / "articles"
    write_articles(folder, 6)
    real, calls = store.statement_row, []

    def lose_the_transaction_once(db, statement, article_id, *args, **kwargs):
        calls.append(article_id)
        if len(set(calls)) == 3 and calls.count(article_id) == 1:
            db.conn.execute("ROLLBACK")
            raise sqlite3.OperationalError("disk I/O error")
        return real(db, statement, article_id, *args, **kwargs)

    monkeypatch.setattr(store, "statement_row", lose_the_transaction_once)
    db_path = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db_path), "--silent"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"articles: 6 added, 0 unchanged, 0 replaced, 0 failed; statements: {check_statements(db_path)} added")
    assert check_consistent(db_path) == 6
    assert len(set(calls)) > 3  # the rollback happened, and the run went on


def check_statements(db_path) -> int:
    return sqlite3.connect(db_path).execute("select count(*) from statements").fetchone()[0]


def test_a_commit_that_fails_stops_the_run_with_one_line(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    write_articles(folder, 3)

    def refuse(db, items, *args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("tracker.ingest.store_articles", refuse)
    db_path = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db_path), "--silent"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {db_path}: database or disk is full; the batch being written was not stored, "
        "run the same command again to store it")
    assert check_consistent(db_path) == 0


def test_write_batch_commits_when_due(tmp_path):
    db = open_database(tmp_path / "t.db")
    db["t"].create({"n": int})
    other = sqlite3.connect(tmp_path / "t.db")

    def write(items):
        db.conn.executemany("insert into t (n) values (?)", [[n] for n in items])
        return [f"stored {n}" for n in items]

    told, after = [], []
    with WriteBatch(db, write, max_articles=3, max_seconds=3600) as batch:
        for n in range(5):
            batch.add(n, done=told.append)
            if n == 3:
                batch.after(lambda: after.append(db.conn.in_transaction))
            committed = other.execute("select count(*) from t").fetchone()[0]
            assert committed == (3 if n >= 2 else 0)
            assert told == ([f"stored {i}" for i in range(3)] if n >= 2 else [])
    assert other.execute("select count(*) from t").fetchone()[0] == 5
    assert told == [f"stored {i}" for i in range(5)]
    assert after == [True]  # run in the transaction that wrote the articles added before it


def test_write_batch_rolls_back_what_it_could_not_commit(tmp_path):
    db = open_database(tmp_path / "t.db")
    db["t"].create({"n": int})
    rolled_back = []

    def write(items):
        db.conn.executemany("insert into t (n) values (?)", [[n] for n in items])
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        with WriteBatch(db, write, max_articles=2, on_rollback=lambda: rolled_back.append(True)) as batch:
            batch.add(1, done=print)
            batch.add(2, done=print)
    assert db["t"].count == 0 and rolled_back == [True] and not db.conn.in_transaction


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


@pytest.mark.parametrize("whole_transaction", [True, False])
def test_a_failed_article_undoes_only_what_the_batch_wrote(tmp_path, monkeypatch, whole_transaction):
    """First thing in its transaction (as WriteBatch writes) a failed batch is undone by rolling the
    transaction back; inside a transaction that already holds other writes, by a savepoint, which
    keeps those writes. Either way the other articles are stored again, each whole."""
    folder = tmp_path / "articles"
    write_articles(folder, 4)
    items = [(article, extract(article)) for path in sorted(folder.iterdir()) for article in read_file(path)]
    real = store._store_article

    def fail_on_the_second(db, article, *args, **kwargs):
        outcome = real(db, article, *args, **kwargs)
        if article.path == items[1][0].path:
            raise RuntimeError("simulated failure")
        return outcome

    monkeypatch.setattr(store, "_store_article", fail_on_the_second)
    db = open_database(tmp_path / "t.db")
    ensure_schema(db)
    db.conn.execute("BEGIN IMMEDIATE")
    if not whole_transaction:
        db.conn.execute("insert into tags (name) values ('written before')")
    outcomes = store.store_articles(db, items, "v", StoreCache(), whole_transaction=whole_transaction)
    db.conn.execute("COMMIT")
    assert [type(o).__name__ if isinstance(o, Exception) else o for o in outcomes] == [
        "added", "RuntimeError", "added", "added"]
    assert db["articles"].count == 3
    assert [r["name"] for r in db.query("select name from tags where name = 'written before'")] == (
        [] if whole_transaction else ["written before"])
    db.close()
    assert check_consistent(tmp_path / "t.db") == 3


def test_rows_in_one_statement_are_the_rows_of_many(tmp_path):
    """insert_rows(one_statement=True): the same rows and ids as one INSERT per row, however many
    statements SQLite's limit on bound parameters cuts them into."""
    from tracker.database import MAX_PARAMETERS, insert_rows

    columns = {f"c{i}": int for i in range(22)}
    rows = [{f"c{i}": n * 100 + i for i in range(22)} for n in range(3 * MAX_PARAMETERS // 22 + 5)]
    one, many = Database(tmp_path / "one.db"), Database(tmp_path / "many.db")
    for db in (one, many):
        db["t"].create({"id": int, **columns}, pk="id")
    insert_rows(one, "t", rows, one_statement=True)
    insert_rows(many, "t", rows)
    assert list(one.query("select * from t order by id")) == list(many.query("select * from t order by id"))
    assert one["t"].count == len(rows)
    single = Database(tmp_path / "single.db")
    single["s"].create({"id": int, "name": str}, pk="id")
    assert insert_rows(single, "s", [{"name": "a"}]) == 1
    insert_rows(single, "s", [{"name": "b"}, {"name": "c"}], one_statement=True)
    insert_rows(single, "s", [{"name": "d"}, {"name": "e"}])
    assert [r["name"] for r in single.query("select name from s order by id")] == ["a", "b", "c", "d", "e"]
