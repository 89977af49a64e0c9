"""--workers and --dask give the same database as one process; the generator is deterministic."""

import json

import pytest
from sqlite_utils import Database

import tracker.parallel as parallel
import tracker.store as store
from benchmarks.generate import Generator, write_corpus
from tracker.cli import cli
from tracker.extract import EXTRACTOR_VERSION, extract
from tracker.ingest import ingest_paths
from tracker.readers import read_file
from tracker.schema import TABLES, ensure_schema

from .conftest import write
from .dbcheck import in_stored_order

VOLATILE = {"ingested_at", "failed_at"}  # wall-clock times differ between any two runs


def dump(path) -> dict:
    db = Database(path)
    return {
        table: [{k: v for k, v in row.items() if k not in VOLATILE} for row in db.query(in_stored_order(db, table))]
        for table in [*TABLES, "statements_fts"]
    }


@pytest.fixture
def corpus(tmp_path, samples, monkeypatch):
    """Generated JSON Lines (cut into several tasks), the hand-written samples, a bad line and a missing file."""
    folder = tmp_path / "corpus"
    write_corpus(folder, 24, seed=3, per_file=10)
    lines = (folder / "articles-00001.jsonl").read_text(encoding="utf-8").splitlines()
    lines.insert(4, "{not json")
    (folder / "articles-00001.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "LINES_PER_TASK", 3)
    return [str(folder), str(samples), str(tmp_path / "gone.jsonl")]


def test_workers_give_the_same_database_as_one_process(runner, tmp_path, corpus):
    one = runner.invoke(cli, ["ingest", "--db", str(tmp_path / "one.db"), *corpus])
    two = runner.invoke(cli, ["ingest", "--db", str(tmp_path / "two.db"), "--workers", "2", *corpus])
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output
    assert "articles: 31 added, 0 unchanged, 0 replaced, 2 failed" in two.output
    assert f"articles-00001.jsonl:5: invalid JSON" in two.output
    first, second = dump(tmp_path / "one.db"), dump(tmp_path / "two.db")
    assert len(first["statements"]) > 100
    assert first == second


def test_workers_rerun_is_idempotent(runner, tmp_path, corpus):
    db = str(tmp_path / "two.db")
    runner.invoke(cli, ["ingest", "--db", db, "--workers", "2", *corpus[:2]])
    before = dump(db)
    again = runner.invoke(cli, ["ingest", "--db", db, "--workers", "2", *corpus[:2]])
    assert again.exit_code == 1  # the bad line is reported again
    assert "articles: 0 added, 31 unchanged, 0 replaced, 1 failed; statements: 0 added" in again.output
    after = dump(db)
    # ingest_errors aside: the spine clears a file's errors when a later article of it is stored
    assert {t: rows for t, rows in after.items() if t != "ingest_errors"} == {
        t: rows for t, rows in before.items() if t != "ingest_errors"}


def test_dask_local_cluster_gives_the_same_database(runner, tmp_path, corpus):
    pytest.importorskip("dask.distributed")
    one = runner.invoke(cli, ["ingest", "--db", str(tmp_path / "one.db"), *corpus])
    dask = runner.invoke(cli, ["ingest", "--db", str(tmp_path / "dask.db"), "--dask", "local", "--workers", "2", *corpus])
    assert dask.exit_code == 1, dask.output
    assert one.output == dask.output
    assert dump(tmp_path / "one.db") == dump(tmp_path / "dask.db")


def test_jsonl_slices_cover_every_line_once(tmp_path):
    path = write(tmp_path, "many.jsonl", "".join(json.dumps({"text": f'"Line {n} is here," said Ann Lee.'}) + "\n" for n in range(10)))
    tasks = list(parallel.plan_tasks([path], lines_per_task=4))
    assert [(t.first_line, t.end is not None) for t in tasks] == [(1, True), (5, True), (9, True)]
    texts = [a.text for t in tasks for a in parallel.read_task(t)]
    assert texts == [a.text for a in read_file(path)]


def test_failed_article_does_not_leave_stale_ids_in_the_cache(tmp_path, db, monkeypatch):
    article = next(read_file(write(tmp_path, "a.jsonl", json.dumps(
        {"text": '"The plan works," said Ann Lee.\n\n"It will last," Lee said.', "source": "Paper", "tags": ["x"]}))))
    statements = extract(article)
    real, calls = store.statement_row, []

    def fail_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    ensure_schema(db)
    cache = store.StoreCache()
    monkeypatch.setattr(store, "statement_row", fail_on_second)
    with pytest.raises(RuntimeError):
        store.store_article(db, article, statements, EXTRACTOR_VERSION, cache)
    assert db["speakers"].count == 0 and db["sources"].count == 0
    store.store_article(db, article, statements, EXTRACTOR_VERSION, cache)
    assert [r["name"] for r in db["speakers"].rows] == ["Ann Lee"]
    assert [r["name"] for r in db["sources"].rows] == ["Paper"]
    assert {r["speaker_id"] for r in db["statements"].rows} == {db["speakers"].get(1)["id"]}


def test_cached_run_matches_uncached_store(tmp_path, samples):
    cached = Database(tmp_path / "cached.db")
    ingest_paths(cached, [samples])
    uncached = Database(tmp_path / "uncached.db")
    ensure_schema(uncached)
    for path in sorted(p for p in samples.iterdir()):
        for article in read_file(path):
            store.store_article(uncached, article, extract(article), EXTRACTOR_VERSION)
    assert dump(tmp_path / "cached.db") == dump(tmp_path / "uncached.db")


def test_generator_is_deterministic(tmp_path):
    a = write_corpus(tmp_path / "a", 12, seed=9, per_file=5)
    b = write_corpus(tmp_path / "b", 12, seed=9, per_file=5)
    c = write_corpus(tmp_path / "c", 12, seed=10, per_file=5)
    assert [p.name for p in a] == ["articles-00001.jsonl", "articles-00002.jsonl", "articles-00003.jsonl"]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]
    articles = list(Generator(seed=9).articles(40))
    assert all(3000 < len(a["text"]) < 9000 for a in articles)
    found = [len(extract(next(read_file(write(tmp_path / "x", f"{i}.jsonl", json.dumps(a)))))) for i, a in enumerate(articles)]
    assert min(found) >= 3 and sum(found) / len(found) > 5
    assert len({a["source"] for a in articles}) > 10
    assert len({a["published"][:4] for a in articles}) >= 4
