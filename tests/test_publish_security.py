"""The publication is read-only and escapes what it shows: write attempts fail and change nothing,
arbitrary SQL keeps its time limit, HTML/JavaScript in the data is shown as text on every page,
canned-query parameters are values (never SQL), and robots are asked to stay away."""

import asyncio
import json

import pytest
from datasette.app import Datasette
from sqlite_utils import Database

import tracker.publish as publish
from tracker.cli import cli
from tracker.ingest import ingest_paths
from tracker.publish import SQL_TIME_LIMIT_MS, datasette_command, load_metadata

from .conftest import write

SCRIPT = "<script>alert('statement')</script>"
IMG = "<img src=x onerror=alert(1)>"
TITLE = "<script>alert('title')</script> Budget Row"
HOSTILE = {
    "url": "javascript:alert(document.cookie)",
    "title": TITLE,
    "source": "<b>Evil Outlet</b>",
    "author": "<i onmouseover=alert(2)>Someone</i>",
    "published": "2024-05-02",
    "tags": ["<svg onload=alert(3)>"],
    "text": f"\u201cNobody should ever run {SCRIPT} on a council page,\u201d said Mayor Ana Lopez. "
            f"She also warned about {IMG} in the minutes of the meeting.",
}


@pytest.fixture
def hostile_db(tmp_path, db, db_path, samples):
    ingest_paths(db, [samples, write(tmp_path, "hostile.jsonl", json.dumps(HOSTILE) + "\n")])
    hostile = db.execute("select id from articles where title = ?", [TITLE]).fetchone()[0]
    statement = db.execute("select id, speaker_id from statements where article_id = ? and text like '%<script>%'",
                           [hostile]).fetchone()
    assert statement, "the extractor should find the quoted statement carrying the script"
    # A speaker name with markup tests the label rendering of foreign keys.
    db["speakers"].update(statement[1], {"name": "Ana <b onmouseover=alert(4)>Lopez</b>"})
    return {"article": hostile, "statement": statement[0], "speaker": statement[1]}


def make_datasette(db_path) -> Datasette:
    return Datasette([str(db_path)], metadata=load_metadata(db_path), settings={"sql_time_limit_ms": SQL_TIME_LIMIT_MS})


def get(ds: Datasette, path: str, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


def post(ds: Datasette, path: str, **kwargs):
    return asyncio.run(ds.client.post(path, **kwargs))


ESCAPED_MARKUP = ["&lt;script&gt;alert(", "&lt;img src=x", "&lt;b onmouseover", "&lt;i onmouseover", "&lt;svg onload",
                  "&lt;b&gt;Evil"]
RAW_MARKUP = ["<script>alert(", "<img src=x", "<b onmouseover", "<i onmouseover", "<svg onload", "<b>Evil",
              'href="javascript:']


def test_markup_in_the_data_is_escaped_on_every_page(db_path, hostile_db):
    ds = make_datasette(db_path)
    pages = [
        "/tracker/statements",
        f"/tracker/statements/{hostile_db['statement']}",
        "/tracker/articles",
        f"/tracker/articles/{hostile_db['article']}",
        f"/tracker/speakers/{hostile_db['speaker']}",
        "/tracker/sources",
        "/tracker/tags",
        "/tracker/statements_view",
        "/tracker/speaker_statements?speaker=Ana+%3Cb+onmouseover%3Dalert%284%29%3ELopez%3C%2Fb%3E",
        "/tracker/search_statements?words=council+page",
        "/tracker/tag_statements?tag=%3Csvg+onload%3Dalert%283%29%3E",
        "/tracker?sql=select+text,+context+from+statements+where+text+like+'%25script%25'",
    ]
    for page in pages:
        response = get(ds, page)
        assert response.status_code == 200, page
        html = response.text
        assert any(shown in html for shown in ESCAPED_MARKUP), page  # shown...
        for raw in RAW_MARKUP:
            assert raw not in html, (page, raw)  # ...as text, never as markup


def test_sql_writes_are_refused_and_change_nothing(db_path, hostile_db):
    ds = make_datasette(db_path)
    before = Database(db_path)["tags"].count
    attempts = [
        "insert into tags (name) values ('written')",
        "update statements set text = 'changed'",
        "delete from tags",
        "drop table statements",
        "with x as (select 1) delete from tags",
        "pragma writable_schema = 1",
        "attach database '/tmp/other.db' as other",
        "select 1; delete from tags",
    ]
    for sql in attempts:
        response = get(ds, "/tracker.json", params={"sql": sql})
        assert response.status_code in (400, 403), (sql, response.status_code)
        assert response.json()["ok"] is False, sql
    assert Database(db_path)["tags"].count == before
    assert Database(db_path)["statements"].count_where("text = 'changed'") == 0


def test_no_write_endpoints(db_path, hostile_db):
    ds = make_datasette(db_path)
    before = Database(db_path)["statements"].count
    for path in ["/tracker/statements", "/tracker/statements/1", "/tracker/statements/1/-/delete",
                 "/tracker/statements/-/insert", "/tracker/-/create", "/tracker/speaker_statements", "/tracker"]:
        response = post(ds, path, json={"row": {"text": "written"}, "rows": [{"text": "written"}]})
        # Datasette 0.65 has no write API: refused (a POST to a table is a 500 from its own assert "You may
        # only POST to a canned query"), never accepted.
        assert response.status_code >= 400, (path, response.status_code)
    assert Database(db_path)["statements"].count == before
    metadata = load_metadata(db_path)
    for name, query in metadata["databases"]["tracker"]["queries"].items():
        assert not query.get("write"), name


def test_arbitrary_sql_keeps_its_time_limit(db_path, hostile_db):
    command = datasette_command(db_path, "m.json")
    assert command[command.index("sql_time_limit_ms") + 1] == str(SQL_TIME_LIMIT_MS)
    ds = make_datasette(db_path)
    endless = "with recursive n(x) as (select 1 union all select x + 1 from n) select count(*) from n"
    response = get(ds, "/tracker.json", params={"sql": endless, "_timelimit": "1000000"})  # can only lower it
    assert response.status_code == 400
    assert "took too long" in response.json()["error"].lower() or "interrupted" in response.json()["error"].lower()


def test_canned_query_parameters_are_values_not_sql(db_path, hostile_db):
    ds = make_datasette(db_path)
    db = Database(db_path)
    tricky = "Bobby'); drop table statements; --"
    speaker = db["speakers"].insert({"name": tricky, "type": "person"}).last_pk
    article = db["articles"].get(1)
    db["statements"].insert({"article_id": article["id"], "speaker_id": speaker, "text": "Tables are safe",
                             "kind": "direct", "date_said": "2024-01-01"})
    for value in ["' or '1'='1", "x' union select 1,2,3,4,5,6,7 --", "Ana Lopez' --", "%"]:
        response = get(ds, "/tracker/speaker_statements.json", params={"speaker": value, "_shape": "array"})
        assert response.status_code == 200, value
        assert response.json() == [], value  # no speaker is literally called that
    rows = get(ds, "/tracker/speaker_statements.json", params={"speaker": tricky, "_shape": "array"}).json()
    assert [r["text"] for r in rows] == ["Tables are safe"]  # the SQL-looking name matched as plain text
    assert db["statements"].exists() and db["statements"].count > 1
    for name, query in load_metadata(db_path)["databases"]["tracker"]["queries"].items():
        sql = query["sql"]
        assert "{" not in sql and "%s" not in sql and "||" not in sql.split("where", 1)[0], name  # no string building
        assert all(f":{p}" in sql for p in query.get("params", [])), name  # values come in as :parameters


def test_robots_are_asked_to_stay_away(db_path, hostile_db):
    response = get(make_datasette(db_path), "/robots.txt")
    assert response.status_code == 200
    assert response.text.splitlines() == ["User-agent: *", "Disallow: /"]


def test_serve_binds_loopback_unless_told(runner, db_path, monkeypatch):
    calls = []
    monkeypatch.setattr(publish.subprocess, "call", lambda args: calls.append(args) or 0)
    assert runner.invoke(cli, ["serve", "--db", str(db_path)]).exit_code == 0
    assert runner.invoke(cli, ["serve", "--db", str(db_path), "--host", "10.0.0.5"]).exit_code == 0
    public = runner.invoke(cli, ["serve", "--db", str(db_path), "--public"])
    assert public.exit_code == 0
    hosts = [args[args.index("--host") + 1] for args in calls]
    assert hosts == ["127.0.0.1", "10.0.0.5", "0.0.0.0"]
    assert public.stderr.startswith(publish.PUBLIC_WARNING + "\n")
    assert "read every table" in publish.PUBLIC_WARNING and "Nothing can be written" in publish.PUBLIC_WARNING
    for args in calls:
        assert args[args.index("sql_time_limit_ms") + 1] == str(SQL_TIME_LIMIT_MS)


def test_immutable_copy_as_the_readme_publishes_it(tmp_path, db_path, hostile_db):
    from click.testing import CliRunner
    from sqlite_utils.cli import cli as sqlite_utils_cli

    site = tmp_path / "site"
    site.mkdir()
    copy = site / "tracker.db"
    result = CliRunner().invoke(sqlite_utils_cli, ["query", str(db_path), f"vacuum into '{copy}'"])
    assert result.exit_code == 0, result.output
    assert copy.read_bytes()[18:20] == b"\x01\x01"  # a self-contained file: no WAL to ship alongside
    ds = Datasette(immutables=[str(copy)], metadata=load_metadata(copy))
    rows = get(ds, "/tracker/statements.json?_shape=array&_size=max").json()
    assert len(rows) == Database(db_path)["statements"].count
    refused = get(ds, "/tracker.json", params={"sql": "delete from statements"})
    assert refused.status_code == 400 and Database(copy)["statements"].count == len(rows)
    assert get(ds, "/robots.txt").text.startswith("User-agent: *\nDisallow: /")
