"""Claims in the published Datasette: facets, the verdicts-and-appearances query, a read-only event log."""

import asyncio
import json
import shutil

import pytest
from click.testing import CliRunner
from datasette.app import Datasette
from sqlite_utils import Database

from tracker.cli import cli
from tracker.publish import load_metadata

from .test_claims import ingested, statement_id  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def served(ingested, tmp_path_factory):  # noqa: F811
    path = tmp_path_factory.mktemp("served") / "tracker.db"
    shutil.copy(ingested, path)
    runner = CliRunner(env={"TRACKER_USER": "Ana Ruiz"})

    def run(*args):
        result = runner.invoke(cli, ["claim", *args, "--db", str(path)])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[-1]

    bridge = run("add", "Two lanes of the Harbour Bridge will close", "--speaker", "Helen Okafor",
                 "--said-on", "2024-03-01", "--tag", "Transport")
    run("link", bridge, str(statement_id(path, "two lanes of the Harbour")), str(statement_id(path, "We would rather")))
    run("review", bridge, "--verdict", "true", "--explanation", "Confirmed.", "--evidence", "https://city.example/a",
        "--publish", "--by", "Bo Lee")
    run("add", "Every litre counts", "--speaker", "Beatrice Lamont", "--said-on", "2024-06-10",
        "--appeared-in", "https://wirenews.example/2024/06/10/drought-water-limits")
    return path


@pytest.fixture
def datasette(served):
    return Datasette([str(served)], metadata=load_metadata(served))


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def test_claims_facets(datasette):
    response = get(datasette, "/tracker/claims.json?_extra=facet_results")
    assert response.status_code == 200, response.text
    facets = response.json()["facet_results"]
    assert {"status", "verdict", "speaker_id", "reviewed_by", "tags"} <= set(facets)
    values = {name: {(r["label"], r["count"]) for r in facet["results"]} for name, facet in facets.items()}
    assert values["status"] == {("published", 1), ("open", 1)}
    assert values["verdict"] == {("true", 1)}
    assert values["speaker_id"] == {("Helen Okafor", 1), ("Beatrice Lamont", 1)}  # names, not ids
    assert values["reviewed_by"] == {("Bo Lee", 1)}
    assert values["tags"] == {("Transport", 1)}


def test_claims_with_verdicts_query(datasette):
    response = get(datasette, "/tracker/claims_with_verdicts.json?_shape=array")
    assert response.status_code == 200, response.text
    rows = response.json()
    assert [(r["claim"], r["speaker"], r["status"], r["verdict"], r["reviewer"]) for r in rows] == [
        ("Two lanes of the Harbour Bridge will close", "Helen Okafor", "published", "true", "Bo Lee"),
        ("Every litre counts", "Beatrice Lamont", "open", None, None),
    ]
    appearances = json.loads(rows[0]["appearances"])
    assert [a["statement"][:21] for a in appearances] == ["two lanes of the Harb", "We would rather incon"]
    assert {a["article"] for a in appearances} == {"Harbour Bridge Repairs Will Close Two Lanes Until Summer"}
    assert rows[1]["first_appearance"] == "https://wirenews.example/2024/06/10/drought-water-limits"
    assert [a["url"] for a in json.loads(rows[1]["appearances"])] == [rows[1]["first_appearance"]]


def test_events_readable_not_writable(datasette, served):
    count = Database(served)["events"].count
    rows = get(datasette, "/tracker/events.json?_shape=array&_size=max").json()
    assert len(rows) == count and {"at", "by", "entity", "action", "before", "after"} <= set(rows[0])
    assert rows[0]["id"] == count  # newest first
    facets = get(datasette, "/tracker/events.json?_extra=facet_results").json()["facet_results"]
    assert {"action", "entity", "by"} <= set(facets)
    for sql in ("delete from events", "update events set by = 'x'"):
        assert get(datasette, f"/tracker.json?sql={sql}").status_code == 400
    insert = asyncio.run(datasette.client.post("/tracker/events/-/insert", json={"row": {"by": "x"}}))
    assert insert.status_code in (403, 404, 405)
    assert Database(served)["events"].count == count


@pytest.mark.parametrize("table", ["claims", "claim_appearances", "reviews", "review_evidence", "rating_scale", "events"])
def test_claim_tables_render(datasette, table):
    assert get(datasette, f"/tracker/{table}").status_code == 200
