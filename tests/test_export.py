"""`tracker export statements`: CSV and JSON Lines, filtered by speaker and dates."""

import csv
import io
import json

import pytest

from tracker.cli import cli
from tracker.ingest import ingest_paths


@pytest.fixture
def filled(db, db_path, samples):
    ingest_paths(db, [samples])
    return db_path


def test_jsonl_export_for_one_speaker(runner, filled, db):
    result = runner.invoke(cli, ["export", "statements", "--db", str(filled), "--format", "jsonl",
                                 "--speaker", "Okafor"])  # an alias finds the speaker
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    expected = [r["id"] for r in db.query(
        "select statements.id from statements join speakers on speakers.id = statements.speaker_id"
        " where speakers.name = 'Helen Okafor' order by date_said, statements.id")]
    assert [r["id"] for r in rows] == expected and len(expected) >= 2
    first = rows[0]
    assert {k: first[k] for k in ("speaker", "speaker_role", "outlet", "kind", "date_said", "tags")} == {
        "speaker": "Helen Okafor", "speaker_role": "Mayor", "outlet": "Coastal Herald", "kind": "indirect",
        "date_said": "2024-03-01", "tags": ["Port Alder", "Infrastructure", "Helen Okafor", "Transport"],
    }
    assert first["context"].startswith("Port Alder's Mayor Helen Okafor said on Friday")
    assert result.stderr == f"{len(expected)} statements\n"


def test_csv_export_with_date_range_to_a_file(runner, filled, db, tmp_path):
    out = tmp_path / "march.csv"
    result = runner.invoke(cli, ["export", "statements", "--db", str(filled), "--format", "csv",
                                 "--since", "1 March 2024", "--until", "2024-03-31", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected = db.execute(
        "select count(*) from statements where date_said between '2024-03-01' and '2024-03-31'").fetchone()[0]
    assert len(rows) == expected > 0
    assert all("2024-03-01" <= r["date_said"] <= "2024-03-31" for r in rows)
    assert list(rows[0])[:4] == ["id", "text", "kind", "speaker"]
    assert not (tmp_path / "march.csv.partial").exists()


def test_csv_quotes_survive_a_round_trip(runner, filled, db):
    result = runner.invoke(cli, ["export", "statements", "--db", str(filled), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    texts = {r["text"] for r in db.query("select text from statements")}
    assert {r["text"] for r in rows} == texts


def test_export_bad_date_and_missing_database(runner, filled, tmp_path):
    result = runner.invoke(cli, ["export", "statements", "--db", str(filled), "--since", "someday soon-ish"])
    assert result.exit_code == 2 and "not a date: 'someday soon-ish'" in result.output
    result = runner.invoke(cli, ["export", "statements", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'none.db'}: no such database\n"
    assert not (tmp_path / "none.db").exists()


def test_export_help(runner):
    result = runner.invoke(cli, ["export", "statements", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--speaker", "--since", "--until", "--output"):
        assert option in result.output
