"""Storing: idempotent, atomic per article, changed articles replace their statements."""

import json

import pytest
from sqlite_utils import Database

from tracker.extract import EXTRACTOR_VERSION
from tracker.ingest import Overrides, ingest_paths
from tracker.schema import FTS, TABLES, VIEWS, ensure_schema

from .conftest import write
from .dbcheck import check_full_text

STORY = """Council Backs New Cycle Lanes

By Ravi Shah | Metro Daily | May 2, 2024

Councillor Joan Ellis said on Wednesday that the lanes would be finished by autumn.

"Safer streets are good for everyone," Ellis said.

Tags: Cycling, City Hall
"""


def test_ingest_stores_whole_rows(tmp_path, db):
    path = write(tmp_path, "cycle.txt", STORY)
    summary = ingest_paths(db, [path])
    assert (summary.added, summary.unchanged, summary.replaced, summary.failed, summary.statements) == (1, 0, 0, 0, 2)
    article = db["articles"].get(1)
    assert {k: article[k] for k in ("title", "author", "published", "section", "url", "path", "format", "extractor_version")} == {
        "title": "Council Backs New Cycle Lanes",
        "author": "Ravi Shah",
        "published": "2024-05-02",
        "section": None,
        "url": None,
        "path": str(path),
        "format": "text",
        "extractor_version": EXTRACTOR_VERSION,
    }
    assert db["sources"].get(article["source_id"])["name"] == "Metro Daily"
    assert [r["name"] for r in db.query("select name from tags order by id")] == ["Cycling", "City Hall"]
    rows = list(db.query("select * from statements order by start_offset"))
    first, second = rows
    assert {k: first[k] for k in first if k not in ("id", "context")} == {
        "article_id": 1,
        "speaker_id": 1,
        "source_id": article["source_id"],
        "text": "the lanes would be finished by autumn",
        "kind": "indirect",
        "cue": "said",
        "speaker_mention": "Councillor Joan Ellis",
        "speaker_start": STORY.index("Councillor Joan Ellis"),
        "speaker_end": STORY.index("Councillor Joan Ellis") + len("Councillor Joan Ellis"),
        "start_offset": STORY.index("the lanes"),
        "end_offset": STORY.index("the lanes") + len("the lanes would be finished by autumn"),
        "date_said": "2024-05-01",
        "month_said": "2024-05",
        "date_precision": "day",
        "date_source": "text",
        "date_phrase": "on Wednesday",
        "tags": json.dumps(["Cycling", "City Hall"]),
        "extractor_version": EXTRACTOR_VERSION,
        "speaker_name": "Joan Ellis",
        "quote_id": None,  # indirect: not a quote
    }
    assert (second["text"], second["speaker_id"], second["date_said"], second["date_source"]) == (
        "Safer streets are good for everyone", 1, "2024-05-01", "text")
    assert db["speakers"].get(1) == {"id": 1, "name": "Joan Ellis", "type": "person", "role": "Councillor", "affiliation": None,
                                     "needs_review": 0, "review_reason": None, "wikidata_id": None, "description": None}
    assert sorted(r["alias"] for r in db["speaker_aliases"].rows) == ["Councillor Joan Ellis", "Ellis", "Joan Ellis"]


def test_reingest_changes_nothing(tmp_path, db, samples):
    first = ingest_paths(db, [samples])
    before = {t: list(db[t].rows) for t in TABLES if t != "ingest_errors"}
    second = ingest_paths(db, [samples])
    assert first.added == 7 and first.failed == 0
    assert (second.added, second.unchanged, second.replaced, second.statements) == (0, 7, 0, 0)
    assert {t: list(db[t].rows) for t in TABLES if t != "ingest_errors"} == before


def test_changed_article_with_same_url_replaces_statements(tmp_path, db):
    a = write(tmp_path, "v1.jsonl", json.dumps({"url": "https://x.example/a", "text": '"Version one is here," said Ann Lee.'}))
    b = write(tmp_path, "v2.jsonl", json.dumps({"url": "https://x.example/a", "text": '"Version two replaces it," said Ann Lee.'}))
    ingest_paths(db, [a])
    summary = ingest_paths(db, [b])
    assert (summary.added, summary.replaced) == (0, 1)
    assert [r["text"] for r in db["statements"].rows] == ["Version two replaces it"]
    assert db["articles"].count == 1
    assert [r["text"] for r in db.query("select text from statements_fts where statements_fts match 'replaces'")] == [
        "Version two replaces it"]


def test_bad_file_is_reported_and_good_files_land(tmp_path, db):
    good = write(tmp_path, "good.txt", STORY)
    bad = write(tmp_path, "bad.txt", b"\x00\x01binary")
    seen = []
    summary = ingest_paths(db, [good, bad, tmp_path / "gone.txt"], on_error=seen.append)
    assert (summary.added, summary.failed) == (1, 2)
    assert [str(e) for e in seen] == [f"{tmp_path / 'gone.txt'}: no such file or directory", f"{bad}: binary file, not text"]
    assert [(r["path"], r["reason"]) for r in db.query("select path, reason from ingest_errors order by id")] == [
        (str(tmp_path / "gone.txt"), "no such file or directory"), (str(bad), "binary file, not text")]


def test_failed_article_leaves_nothing_half_written(tmp_path, db, monkeypatch):
    path = write(tmp_path, "cycle.txt", STORY)
    import tracker.store as store

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "statement_row", explode)
    summary = ingest_paths(db, [path])
    assert summary.failed == 1
    assert db["articles"].count == 0 and db["statements"].count == 0 and db["article_tags"].count == 0
    assert [r["reason"] for r in db["ingest_errors"].rows] == ["RuntimeError: disk on fire"]


def test_overrides_win(tmp_path, db):
    path = write(tmp_path, "cycle.txt", STORY)
    ingest_paths(db, [path], overrides=Overrides(source="Other Paper", url="https://o.example/c", published="June 1, 2024", author="A. Writer"))
    article = db["articles"].get(1)
    assert (article["url"], article["published"], article["author"]) == ("https://o.example/c", "2024-06-01", "A. Writer")
    assert db["sources"].get(article["source_id"]) == {"id": article["source_id"], "name": "Other Paper", "domain": "o.example"}


def test_ensure_schema_is_idempotent_and_upgrades(tmp_path):
    db = Database(tmp_path / "old.db")
    db["statements"].create({"id": int, "text": str}, pk="id")  # a database from before most columns
    ensure_schema(db)
    ensure_schema(db)
    assert set(TABLES["statements"]["columns"]) <= {c.name for c in db["statements"].columns}
    for table, columns in FTS.items():
        assert db[f"{table}_fts"].exists()
    assert set(VIEWS) <= set(db.view_names())
    for name, shape in TABLES.items():
        declared = {(fk.column, fk.other_table) for fk in db[name].foreign_keys}
        assert {(c, t) for c, t, _ in shape.get("foreign_keys", [])} <= declared


@pytest.mark.parametrize("column", ["speaker_id", "article_id", "source_id", "kind", "month_said", "date_said"])
def test_faceted_and_joined_columns_are_indexed(db, column):
    ensure_schema(db)
    leading = {i.columns[0] for i in db["statements"].indexes}  # a composite index serves its first column
    assert column in leading


def test_a_search_is_counted_from_the_index_on_id_also_in_an_upgraded_database(db):
    """Datasette counts a search's statements with "id in (select rowid from statements_fts ...)":
    each id is looked up in the small index on id, not among the table's wide rows."""
    db["statements"].create({"id": int, "text": str}, pk="id")  # a database from before the index
    db["statements"].insert_all({"id": i, "text": f"the ferry {'runs' if i % 3 else 'stops'} at {i}"} for i in range(1, 301))
    ensure_schema(db)
    ensure_schema(db)
    assert [i.columns for i in db["statements"].indexes].count(["id"]) == 1
    count = ("select count(*) from statements where id in"
             " (select rowid from statements_fts where statements_fts match 'stops')")
    plan = " ".join(r[3] for r in db.execute("explain query plan " + count).fetchall())
    assert "COVERING INDEX idx_statements_id" in plan
    assert db.execute(count).fetchone()[0] == 100


def test_no_index_duplicates_the_lead_of_another(db):
    """Every index is written on every insert: a foreign key leading a composite index gets no
    single-column index, and one left by an earlier version goes."""
    ensure_schema(db)
    db["statements"].create_index(["speaker_id"], index_name="idx_statements_speaker_id")
    ensure_schema(db)
    for table in db.table_names():
        columns = [tuple(i.columns) for i in db[table].indexes]
        for single in (c for c in columns if len(c) == 1):
            assert not any(len(c) > 1 and c[0] == single[0] for c in columns), (table, single)


def search(db, table: str, words: str) -> list[str]:
    column = FTS[table][-1]
    return [r[column] for r in db.query(
        f"select [{table}].[{column}] from [{table}] join [{table}_fts] on [{table}_fts].rowid = [{table}].rowid "
        f"where [{table}_fts] match ? order by [{table}].rowid", [words])]


def record(url: str, text: str) -> str:
    return json.dumps({"url": url, "title": text.split(",")[0].strip('"'), "text": text})


def test_full_text_indexes_follow_replaced_articles_even_when_rowids_are_reused(tmp_path, db):
    """New rows are indexed in bulk before each commit (tracker/schema.py index_new_rows). Replacing
    the last article deletes the highest statement rowids, and its new statements reuse them."""
    first = write(tmp_path, "a.jsonl", "\n".join([
        record("https://x.example/1", '"Harbour tolls will fall," said Ann Lee.'),
        record("https://x.example/2", '"Lighthouse repairs start soon on the cape," said Bo Chen.')]))
    ingest_paths(db, [first])
    last_statement = max(r["id"] for r in db.query("select id from statements"))
    second = write(tmp_path, "b.jsonl", record("https://x.example/2", '"Orchard grants are coming to every farm," said Bo Chen.'))
    assert ingest_paths(db, [second]).replaced == 1
    assert [r["id"] for r in db.query("select id from statements where article_id = 2")] == [last_statement]
    assert search(db, "statements", "orchard") == ["Orchard grants are coming to every farm"]
    assert search(db, "statements", "lighthouse") == []
    assert search(db, "articles", "orchard") == ['"Orchard grants are coming to every farm," said Bo Chen.']
    assert search(db, "quotes", "orchard") == ["Orchard grants are coming to every farm"]
    assert search(db, "quotes", "lighthouse") == []  # the quote no statement reports any more is gone
    check_full_text(db.conn)


def test_an_article_replaced_within_one_batch_is_indexed_once(tmp_path, db):
    path = write(tmp_path, "twice.jsonl", "\n".join([
        record("https://x.example/1", '"Ferry fares stay frozen," said Ann Lee.'),
        record("https://x.example/1", '"Ferry fares will rise," said Ann Lee.')]))
    summary = ingest_paths(db, [path])
    assert (summary.added, summary.replaced) == (1, 1)
    assert search(db, "statements", "ferry") == ["Ferry fares will rise"]
    assert search(db, "articles", "frozen") == []
    check_full_text(db.conn)


def test_ensure_schema_indexes_rows_inserted_by_other_tools_and_upgrades_old_triggers(tmp_path, db):
    # a database made by an earlier version: sqlite-utils' own triggers index every insert
    db["statements"].create({"id": int, "text": str}, pk="id")
    db["statements"].enable_fts(["text"], create_triggers=True, tokenize="porter")
    db["statements"].insert({"text": "the tram line opens in May"})
    ensure_schema(db)
    triggers = {t.name for t in db["statements"].triggers}
    assert "statements_ai" not in triggers and {"statements_ad", "statements_au"} <= triggers
    db["statements"].insert({"text": "the bus depot closes in June"})  # another tool, no trigger
    assert search(db, "statements", "depot") == []
    ensure_schema(db)
    assert search(db, "statements", "depot") == ["the bus depot closes in June"]
    db["statements"].update(1, {"text": "the tram line opens in July"})
    assert search(db, "statements", "july") == ["the tram line opens in July"]
    assert search(db, "statements", "may") == []
    check_full_text(db.conn)
