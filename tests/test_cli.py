"""Every command through CliRunner, --help included."""

import json

import pytest
from sqlite_utils import Database

from tracker.cli import cli

from .conftest import write


@pytest.mark.parametrize("command", [[], ["ingest"], ["extract"], ["serve"], ["init-db"]])
def test_help(runner, command):
    result = runner.invoke(cli, command + ["--help"])
    assert result.exit_code == 0
    assert "Usage: cli" in result.output or "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_ingest_samples_and_summary(runner, samples, db_path):
    result = runner.invoke(cli, ["ingest", str(samples), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    count = Database(db_path)["statements"].count
    assert result.output == f"articles: 7 added, 0 unchanged, 0 replaced, 0 failed; statements: {count} added\n"
    again = runner.invoke(cli, ["ingest", str(samples), "--db", str(db_path), "--silent"])
    assert again.output == "articles: 0 added, 7 unchanged, 0 replaced, 0 failed; statements: 0 added\n"


def test_ingest_bad_file_exit_code_and_message(runner, samples, tmp_path, db_path):
    bad = write(tmp_path, "broken.jsonl", '{"text": "A fine line of text here."}\n{oops\n')
    result = runner.invoke(cli, ["ingest", str(samples / "wind-farm.md"), str(bad), "--db", str(db_path)])
    assert result.exit_code == 1
    assert f"error: {bad}:2: invalid JSON" in result.output
    count = Database(db_path)["statements"].count
    assert result.output.strip().splitlines()[-1] == f"articles: 2 added, 0 unchanged, 0 replaced, 1 failed; statements: {count} added"


def test_ingest_format_and_metadata_options(runner, tmp_path, db_path):
    path = write(tmp_path, "story.data", '"We open at dawn," said baker Lu Chen.\n')
    result = runner.invoke(cli, ["ingest", str(path), "--db", str(db_path), "--format", "text",
                                 "--source", "Town Crier", "--url", "https://tc.example/bakery",
                                 "--published", "2024-02-29", "--author", "Sam Roy"])
    assert result.exit_code == 0, result.output
    row = next(Database(db_path).query(
        "select articles.url, articles.published, articles.author, sources.name as outlet from articles "
        "join sources on sources.id = articles.source_id"))
    assert row == {"url": "https://tc.example/bakery", "published": "2024-02-29", "author": "Sam Roy", "outlet": "Town Crier"}


def test_extract_json_contract(runner, samples):
    path = samples / "school-lunch.txt"
    result = runner.invoke(cli, ["extract", "--json", str(path)])
    assert result.exit_code == 0
    text = path.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines
    required = {"file", "text", "start", "end", "speaker", "speaker_mention", "speaker_start", "speaker_end",
                "cue", "kind", "date", "date_source", "date_precision", "date_phrase"}
    for line in lines:
        assert required <= set(line)
        assert line["file"] == str(path)
        assert text[line["start"]:line["end"]] == line["text"]
        assert line["kind"] in {"direct", "indirect", "mixed", "partial"}
    assert lines[0]["speaker"] == "Tomás Ruiz"


def test_extract_does_not_create_a_database(runner, samples, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner.invoke(cli, ["extract", "--json", str(samples / "wind-farm.md")])
    assert not (tmp_path / "data").exists()


def test_extract_reports_bad_file(runner, tmp_path):
    bad = write(tmp_path, "empty.txt", "")
    result = runner.invoke(cli, ["extract", "--json", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {bad}: empty file"


def test_ingest_matches_extract(runner, samples, db_path):
    """ingest stores exactly what extract finds."""
    extracted = runner.invoke(cli, ["extract", "--json", str(samples)])
    ingested = runner.invoke(cli, ["ingest", str(samples), "--db", str(db_path)])
    assert ingested.exit_code == 0, ingested.output
    found = sorted((json.loads(l)["text"], json.loads(l)["kind"]) for l in extracted.output.splitlines())
    stored = sorted((r["text"], r["kind"]) for r in Database(db_path)["statements"].rows)
    assert found == stored


def test_init_db(runner, db_path):
    result = runner.invoke(cli, ["init-db", "--db", str(db_path)])
    assert result.exit_code == 0
    assert result.output == f"{db_path}: schema up to date\n"
    assert "statements" in Database(db_path).table_names()


def test_serve_runs_datasette_with_metadata(runner, db_path, monkeypatch):
    calls = []
    import tracker.publish as publish

    monkeypatch.setattr(publish.subprocess, "call", lambda args: calls.append(args) or 0)
    result = runner.invoke(cli, ["serve", "--db", str(db_path), "--port", "8123"])
    assert result.exit_code == 0
    [args] = calls
    assert args[1:5] == ["-m", "datasette", "serve", str(db_path)]
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--port") + 1] == "8123"
    assert "--metadata" in args
