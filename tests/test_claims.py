"""The fact-checker workflow through the CLI: claims, matching, links, reviews, status, import,
and every kind of bad input (one-line error, non-zero exit, database unchanged)."""

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from tracker.cli import cli
from tracker.ingest import ingest_paths

from .conftest import SAMPLES, write

CHECKER = "Ana Ruiz"


@pytest.fixture(scope="session")
def ingested(tmp_path_factory):
    path = tmp_path_factory.mktemp("ingested") / "tracker.db"
    ingest_paths(Database(path), [SAMPLES])
    return path


@pytest.fixture
def db_path(ingested, tmp_path):
    path = tmp_path / "tracker.db"
    shutil.copy(ingested, path)
    return path


@pytest.fixture
def run(runner, db_path, monkeypatch):
    monkeypatch.setenv("TRACKER_USER", CHECKER)

    def invoke(*args, env=None):
        return runner.invoke(cli, ["claim", *args, "--db", str(db_path)], env=env)

    return invoke


def dump(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def statement_id(db_path, text_start: str) -> int:
    return next(Database(db_path).query("select id from statements where text like ?", [text_start + "%"]))["id"]


def add_bridge_claim(run) -> int:
    result = run("add", "Two lanes of the Harbour Bridge will close for four months",
                 "--speaker", "Helen Okafor", "--said-on", "2024-03-01", "--tag", "Transport", "--tag", "Bridges")
    assert result.exit_code == 0, result.output
    return int(result.output.splitlines()[-1])


def events(db_path) -> list[tuple]:
    return [(e["by"], e["entity"], e["action"]) for e in Database(db_path).query("select * from events order by id")]


# --- the workflow -------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["claim"], *[["claim", c] for c in (
    "add", "edit", "match", "link", "unlink", "review", "edit-review", "publish", "status", "list", "show",
    "import", "scale")], ["export"], ["export", "claimreview"]])
def test_help(runner, command):
    result = runner.invoke(cli, command + ["--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_add_stores_claim_and_prints_id_last(run, db_path):
    result = run("add", "Two lanes of the Harbour Bridge will close for four months", "--speaker", "helen okafor",
                 "--said-on", "1 March 2024", "--tag", "Transport", "--appeared-in", "1")
    assert result.exit_code == 0, result.output
    claim_id = int(result.output.splitlines()[-1])
    db = Database(db_path)
    row = db["claims"].get(claim_id)
    created = row.pop("created_at")
    assert row.pop("updated_at") == created
    assert row == {
        "id": claim_id, "text": "Two lanes of the Harbour Bridge will close for four months",
        "speaker_id": db["speakers"].get(row["speaker_id"])["id"], "said_on": "2024-03-01",
        "first_appearance_url": None, "first_appearance_article_id": 1, "status": "open", "verdict": None,
        "reviewed_by": None, "verdict_review_id": None, "tags": '["Transport"]', "created_by": CHECKER,
    }
    assert db["speakers"].get(row["speaker_id"])["name"] == "Helen Okafor"
    appearance = next(db.query("select claim_id, statement_id, article_id, url, linked_by from claim_appearances"))
    assert appearance == {"claim_id": claim_id, "statement_id": None, "article_id": 1, "url": None, "linked_by": CHECKER}
    assert [e[1:] for e in events(db_path)] == [("claim", "create"), ("appearance", "link")]


def test_add_new_speaker_and_statement_option(run, db_path):
    sid = statement_id(db_path, "Reservoirs are at their lowest")
    result = run("add", "The reservoirs have never been this low", "--speaker", "Jo Newcomer", "--new-speaker",
                 "--said-on", "June 10, 2024", "--statement", str(sid),
                 "--appeared-in", "https://wirenews.example/2024/06/10/drought-water-limits")
    assert result.exit_code == 0, result.output
    db = Database(db_path)
    claim = db["claims"].get(int(result.output.splitlines()[-1]))
    assert db["speakers"].get(claim["speaker_id"])["name"] == "Jo Newcomer"
    assert claim["first_appearance_url"] == "https://wirenews.example/2024/06/10/drought-water-limits"
    linked = [r["statement_id"] for r in db.query("select statement_id from claim_appearances order by id")]
    assert linked == [None, sid]
    assert ("Ana Ruiz", "speaker", "create") in events(db_path)


def test_match_ranks_the_same_claim_first(run, db_path):
    claim_id = add_bridge_claim(run)
    result = run("match", str(claim_id))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["score", "statement"]
    best = lines[1].split()
    assert int(best[1]) == statement_id(db_path, "two lanes of the Harbour Bridge will close")
    scores = [float(line.split()[0]) for line in lines[1:]]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 10
    as_json = [json.loads(line) for line in run("match", str(claim_id), "--json", "--limit", "3").output.splitlines()]
    assert len(as_json) == 3 and as_json[0]["statement_id"] == int(best[1]) and as_json[0]["same_speaker"] is True


def test_match_finds_other_speakers_by_words(run, db_path):
    result = run("add", "Reservoirs are at the lowest level in thirty years", "--speaker", "Helen Okafor",
                 "--said-on", "2024-06-10")
    claim_id = result.output.splitlines()[-1]
    candidates = [json.loads(line) for line in run("match", claim_id, "--json").output.splitlines()]
    assert candidates[0]["text"] == "Reservoirs are at their lowest level in thirty years"
    assert candidates[0]["speaker"] == "Beatrice Lamont" and candidates[0]["same_speaker"] is False


def test_link_unlink_and_history(run, db_path):
    claim_id = add_bridge_claim(run)
    first, second = statement_id(db_path, "two lanes of the Harbour"), statement_id(db_path, "We would rather")
    result = run("link", str(claim_id), str(first), str(second))
    assert result.exit_code == 0, result.output
    assert result.output == f"claim {claim_id}: linked statement(s) {first}, {second}\n"
    again = run("link", str(claim_id), str(first))
    assert again.output == f"claim {claim_id}: already linked: {first}\n"
    result = run("unlink", str(claim_id), str(second), "--by", "Bo Lee")
    assert result.exit_code == 0, result.output
    db = Database(db_path)
    assert [r["statement_id"] for r in db.query("select statement_id from claim_appearances")] == [first]
    unlinked = next(db.query("select * from events where action = 'unlink'"))
    assert unlinked["by"] == "Bo Lee" and unlinked["after"] is None
    assert json.loads(unlinked["before"])["statement_id"] == second
    assert run("match", str(claim_id)).output.splitlines()[1].endswith("(linked)")


def test_review_publish_and_supersede(run, db_path):
    claim_id = add_bridge_claim(run)
    draft = run("review", str(claim_id), "--verdict", "Half True", "--explanation", "Two lanes, but for four months.",
                "--evidence", "https://city.example/notices/bridge", "--by", "Bo Lee")
    assert draft.exit_code == 0, draft.output
    assert draft.output == f"review 1 of claim {claim_id}: half true (draft)\n"
    db = Database(db_path)
    assert db["claims"].get(claim_id)["status"] == "in_review"
    edited = run("edit-review", "1", "--verdict", "mostly true", "--evidence", "https://city.example/a",
                 "--evidence", "https://city.example/b")
    assert edited.exit_code == 0, edited.output
    assert [r["url"] for r in db.query("select url from review_evidence where review_id = 1 order by id")] == [
        "https://city.example/a", "https://city.example/b"]
    published = run("publish", "1")
    assert published.output == f"review 1 published: claim {claim_id} is mostly true\n"
    claim = db["claims"].get(claim_id)
    assert (claim["status"], claim["verdict"], claim["reviewed_by"], claim["verdict_review_id"]) == (
        "published", "mostly true", "Bo Lee", 1)
    newer = run("review", str(claim_id), "--verdict", "false", "--explanation", "The city now says one lane.",
                "--evidence", "https://city.example/correction", "--publish", "--by", "Cy Park")
    assert newer.exit_code == 0, newer.output
    claim = db["claims"].get(claim_id)
    assert (claim["verdict"], claim["reviewed_by"], claim["verdict_review_id"]) == ("false", "Cy Park", 2)
    assert db["reviews"].get(1)["superseded_by"] == 2 and db["reviews"].get(1)["published"] == 1
    actions = [e[2] for e in events(db_path) if e[1] == "review"]
    assert actions == ["create", "edit", "publish", "create", "publish", "supersede"]


def test_status_withdraw_and_reopen(run, db_path):
    claim_id = add_bridge_claim(run)
    assert run("status", str(claim_id), "withdrawn").output == f"claim {claim_id} is withdrawn\n"
    assert run("status", str(claim_id), "open").output == f"claim {claim_id} is open\n"
    history = [json.loads(e["after"])["status"] for e in Database(db_path).query(
        "select after from events where action = 'status' order by id")]
    assert history == ["withdrawn", "open"]
    assert Database(db_path)["claims"].count == 1  # withdrawing deletes nothing


def test_list_filters(run, db_path):
    bridge = add_bridge_claim(run)
    other = run("add", "Every litre counts", "--speaker", "Beatrice Lamont", "--said-on", "2024-06-10")
    other_id = int(other.output.splitlines()[-1])
    run("review", str(other_id), "--verdict", "true", "--explanation", "It does.", "--evidence",
        "https://water.example/report", "--publish")
    assert run("list").output.splitlines()[-1] == "2 claim(s)"
    only = run("list", "--status", "published").output.splitlines()
    assert len(only) == 2 and only[0].split()[0] == str(other_id)
    assert run("list", "--speaker", "helen okafor").output.splitlines()[0].split()[0] == str(bridge)
    assert run("list", "--verdict", "TRUE").output.splitlines()[-1] == "1 claim(s)"
    assert run("list", "--since", "2024-04-01").output.splitlines()[-1] == "1 claim(s)"


def test_show_has_claim_appearances_reviews_history(run, db_path):
    claim_id = add_bridge_claim(run)
    sid = statement_id(db_path, "two lanes of the Harbour")
    run("link", str(claim_id), str(sid))
    run("review", str(claim_id), "--verdict", "true", "--explanation", "Confirmed by the city.",
        "--evidence", "https://city.example/notices/bridge", "--publish")
    text = run("show", str(claim_id)).output
    assert f"claim {claim_id}: Two lanes of the Harbour Bridge will close for four months" in text
    assert f"statement {sid} in Harbour Bridge Repairs Will Close Two Lanes Until Summer" in text
    assert "review 1: true by Ana Ruiz" in text and "evidence: https://city.example/notices/bridge" in text
    assert text.index("history:") < text.index("publish review 1")
    details = json.loads(run("show", str(claim_id), "--json").output)
    assert [a["statement_id"] for a in details["appearances"]] == [sid]
    assert [e["action"] for e in details["history"]] == ["create", "link", "create", "publish", "verdict"]


def test_edit_claim_keeps_old_values_in_log(run, db_path):
    claim_id = add_bridge_claim(run)
    result = run("edit", str(claim_id), "--text", "Two lanes will close for four months", "--said-on", "2024-03-02")
    assert result.exit_code == 0, result.output
    event = next(Database(db_path).query("select * from events where action = 'edit'"))
    before, after = json.loads(event["before"]), json.loads(event["after"])
    assert (before["text"], before["said_on"]) == ("Two lanes of the Harbour Bridge will close for four months", "2024-03-01")
    assert (after["text"], after["said_on"]) == ("Two lanes will close for four months", "2024-03-02")


def test_events_are_append_only_in_sqlite(run, db_path):
    add_bridge_claim(run)
    connection = sqlite3.connect(db_path)
    for sql in ("update events set by = 'someone else'", "delete from events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(sql)
    connection.close()


def test_reingest_keeps_links(run, db_path, tmp_path):
    article = write(tmp_path, "council.txt", 'Mayor Lena Ortiz said on Monday: "We will fix every pothole by May."\n')
    assert ingest_paths(Database(db_path), [article], overrides=None).added == 1
    sid = statement_id(db_path, "We will fix every pothole")
    claim_id = run("add", "Every pothole will be fixed by May", "--speaker", "Lena Ortiz", "--said-on", "2024-03-04",
                   "--statement", str(sid)).output.splitlines()[-1]
    article.write_text('"Roads come first," Mayor Lena Ortiz said on Monday.\n'
                       'Ortiz said on Monday: "We will fix every pothole by May."\n', encoding="utf-8")
    assert ingest_paths(Database(db_path), [article]).replaced == 1  # statements deleted and re-added
    new_sid = statement_id(db_path, "We will fix every pothole")
    assert new_sid != sid
    db = Database(db_path)
    assert [r["statement_id"] for r in db.query("select statement_id from claim_appearances where claim_id = ?",
                                                [claim_id])] == [new_sid]
    assert [e["action"] for e in db.query("select action from events where by = 'tracker ingest'")] == [
        "detach", "reattach"]


def test_import_csv_all_rows(run, db_path, tmp_path):
    sid = statement_id(db_path, "Libraries are where")
    path = write(tmp_path, "claims.csv", (
        "text,speaker,said_on,appeared_in,statement,tags,new_speaker\n"
        f"Libraries are a refuge,Aaron Feld,2024-05-07,,{sid},Libraries;Budget,\n"
        '"The budget, he says, has no free money",Victor Hale,7 May 2024,2,,,\n'
        "A brand new claim,Pat Unknown,2024-05-01,https://example.org/x,,,yes\n"
    ))
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == "imported 3 claim(s): ids 1-3\n"
    db = Database(db_path)
    rows = list(db.query("select text, said_on, first_appearance_article_id, first_appearance_url, tags from claims"))
    assert rows == [
        {"text": "Libraries are a refuge", "said_on": "2024-05-07", "first_appearance_article_id": None,
         "first_appearance_url": None, "tags": '["Libraries", "Budget"]'},
        {"text": "The budget, he says, has no free money", "said_on": "2024-05-07", "first_appearance_article_id": 2,
         "first_appearance_url": None, "tags": None},
        {"text": "A brand new claim", "said_on": "2024-05-01", "first_appearance_article_id": None,
         "first_appearance_url": "https://example.org/x", "tags": None},
    ]
    assert next(db.query("select statement_id from claim_appearances where claim_id = 1"))["statement_id"] == sid


def test_import_jsonl(run, db_path, tmp_path):
    path = write(tmp_path, "claims.jsonl", "\n".join(json.dumps(r) for r in [
        {"text": "Patience has run out", "speaker": "Grace Mwangi", "said_on": "2024-04-18", "tags": ["Transit"]},
        {"text": "A strike costs $400,000 a day", "speaker": "Leonard Fischer", "said_on": "April 18, 2024",
         "statement": [statement_id(db_path, "a strike would cost")]},
    ]) + "\n")
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert Database(db_path)["claims"].count == 2 and Database(db_path)["claim_appearances"].count == 1


# --- bad input: one line, exit code 1, database unchanged ---------------------------------------

@pytest.fixture(scope="session")
def reviewed_template(ingested, tmp_path_factory):
    """A claim (1) with a published review (1), and a claim (2) with a draft review (2)."""
    path = tmp_path_factory.mktemp("reviewed") / "tracker.db"
    shutil.copy(ingested, path)
    runner = CliRunner(env={"TRACKER_USER": CHECKER})

    def run(*args):
        result = runner.invoke(cli, ["claim", *args, "--db", str(path)])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[-1]

    add_bridge_claim(lambda *args: runner.invoke(cli, ["claim", *args, "--db", str(path)]))
    run("review", "1", "--verdict", "true", "--explanation", "Yes.", "--evidence", "https://a.example/1", "--publish")
    run("add", "Every litre counts", "--speaker", "Beatrice Lamont", "--said-on", "2024-06-10")
    run("review", "2", "--verdict", "false", "--explanation", "No.", "--evidence", "https://a.example/2")
    return path


@pytest.fixture
def reviewed(reviewed_template, db_path):
    shutil.copy(reviewed_template, db_path)
    return 1


@pytest.mark.parametrize("args, expected", [
    (["review", "1", "--verdict", "sort of true", "--explanation", "x", "--evidence", "https://a.example/"],
     ["unknown verdict 'sort of true'", "true, mostly true, half true, mostly false, false, pants on fire, unproven"]),
    (["edit-review", "2", "--verdict", "meh"], ["unknown verdict 'meh'"]),
    (["add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "last Tuesdayish"],
     ["said-on date 'last Tuesdayish' is not a date", "YYYY-MM-DD, '5 March 2024', 'March 5, 2024'"]),
    (["add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "03/05/2024"], ["is not a date"]),
    (["add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "2024-02-30"], ["is not a date"]),
    (["add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "2999-01-01"], ["in the future"]),
    (["review", "1", "--verdict", "true", "--explanation", "x", "--evidence", "https://a.example/", "--date", "soon"],
     ["review date 'soon' is not a date"]),
    (["list", "--since", "whenever"], ["since date 'whenever'"]),
    (["review", "99", "--verdict", "true", "--explanation", "x", "--evidence", "https://a.example/"],
     ["no claim with id 99"]),
    (["link", "99", "1"], ["no claim with id 99"]),
    (["status", "99", "withdrawn"], ["no claim with id 99"]),
    (["show", "99"], ["no claim with id 99"]),
    (["match", "abc"], ["claim id 'abc' is not a number"]),
    (["link", "1", "2", "99999"], ["no statement with id 99999"]),  # all or nothing: 2 is not linked either
    (["unlink", "1", "3"], ["statement 3 is not linked to claim 1"]),
    (["add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "2024-03-01", "--statement", "99999"],
     ["no statement with id 99999"]),
    (["add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "2024-03-01", "--appeared-in", "999"],
     ["no article with id 999"]),
    (["publish", "77"], ["no review with id 77"]),
    (["edit-review", "1", "--explanation", "changed"], ["review 1 is published and cannot be edited; supersede it"]),
    (["publish", "1"], ["review 1 is already published"]),
    (["status", "2", "published"], ["claim 2 has no published review"]),
    (["status", "1", "published"], ["claim 1 is already published"]),
    (["status", "1", "open"], ["claim 1 cannot go from published to open"]),
    (["status", "1", "gone"], ["unknown status 'gone'"]),
    (["add", "   ", "--speaker", "Helen Okafor", "--said-on", "2024-03-01"], ["the claim text is empty"]),
    (["edit", "1", "--text", ""], ["the claim text is empty"]),
    (["review", "1", "--verdict", "true", "--explanation", "x", "--evidence", "city hall notice"],
     ["evidence 'city hall notice' is not a URL"]),
    (["review", "1", "--verdict", "true", "--explanation", "x", "--evidence", "https://ok.example/",
      "--evidence", "ftp://files.example/x"], ["evidence 'ftp://files.example/x' is not a URL"]),
    (["review", "1", "--verdict", "true", "--explanation", "x"], ["at least one --evidence URL"]),
    (["edit-review", "2", "--evidence", "notaurl"], ["evidence 'notaurl' is not a URL"]),
    (["add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "2024-03-01", "--appeared-in", "www.x"],
     ["appeared-in 'www.x' is not a URL"]),
    (["add", "Some claim", "--speaker", "Helen Okafr", "--said-on", "2024-03-01"],
     ["unknown speaker 'Helen Okafr'; closest: Helen Okafor", "--new-speaker"]),
])
def test_bad_input(run, reviewed, db_path, args, expected):
    before = dump(db_path)
    result = run(*args)
    _check_unchanged(result, db_path, before, expected)


def _check_unchanged(result, db_path, before, expected):
    """Failed with one line on stderr naming the reason, and changed nothing."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for part in expected:
        assert part in lines[0], lines[0]
    assert dump(db_path) == before


def test_review_of_withdrawn_claim_refused(run, reviewed, db_path):
    run("status", str(reviewed), "withdrawn")
    before = dump(db_path)
    result = run("review", str(reviewed), "--verdict", "false", "--explanation", "x", "--evidence", "https://a.example/")
    _check_unchanged(result, db_path, before, ["claim 1 is withdrawn"])


def test_writes_refused_without_actor(runner, db_path, monkeypatch):
    monkeypatch.delenv("TRACKER_USER", raising=False)
    before = dump(db_path)
    result = runner.invoke(cli, ["claim", "add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "2024-03-01",
                                 "--db", str(db_path)])
    _check_unchanged(result, db_path, before, ["who is acting? give --by NAME or set TRACKER_USER"])
    result = runner.invoke(cli, ["claim", "add", "Some claim", "--speaker", "Helen Okafor", "--said-on", "2024-03-01",
                                 "--db", str(db_path)], env={"TRACKER_USER": "  "})
    _check_unchanged(result, db_path, before, ["who is acting?"])


def test_import_with_bad_rows_writes_nothing_and_lists_each(run, db_path, tmp_path):
    before = dump(db_path)
    path = write(tmp_path, "claims.csv", (
        "text,speaker,said_on,evidence\n"
        "A fine claim,Helen Okafor,2024-03-01,\n"
        ",Helen Okafor,2024-03-01,\n"
        '"A claim\nover two lines",Helen Okafor,someday,\n'
        "Another fine claim,Nobody Atall,2024-03-01,\n"
        "Linked claim,Helen Okafor,2024-03-01,\n"
    ))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {path}:3: the claim text is empty",
        f"error: {path}:4: said-on date 'someday' is not a date I can read; use YYYY-MM-DD, '5 March 2024', "
        "'March 5, 2024', 'today' or 'yesterday'",
        f"error: {path}:6: unknown speaker 'Nobody Atall'; give --new-speaker to add it",
        "error: 3 bad row(s); nothing imported",
    ]
    assert dump(db_path) == before


def test_import_jsonl_bad_lines(run, db_path, tmp_path):
    before = dump(db_path)
    path = write(tmp_path, "claims.jsonl", (
        '{"text": "Fine", "speaker": "Helen Okafor", "said_on": "2024-03-01"}\n'
        "{broken\n"
        '["a list"]\n'
        '{"text": "Linked", "speaker": "Helen Okafor", "said_on": "2024-03-01", "statement": [99999]}\n'
    ))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {path}:2: invalid JSON: Expecting property name enclosed in double quotes at column 2",
        f"error: {path}:3: not a JSON object",
        f"error: {path}:4: no statement with id 99999",
        "error: 3 bad row(s); nothing imported",
    ]
    assert dump(db_path) == before


def test_scale_load_retires_missing_labels(run, db_path, tmp_path):
    path = write(tmp_path, "scale.csv", "label,rating_value,best_rating,worst_rating\ncorrect,3,3,1\nmisleading,2,3,1\n"
                                        "incorrect,1,3,1\n")
    result = run("scale", "--load", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == ["correct", "3", "(worst", "1,", "best", "3)"]
    db = Database(db_path)
    assert db["rating_scale"].count == 10  # seven retired, none deleted
    before = dump(db_path)
    refused = run("review", str(add_bridge_claim(run)), "--verdict", "true", "--explanation", "x",
                  "--evidence", "https://a.example/")
    assert "the scale is: correct, misleading, incorrect" in refused.stderr
    bad = write(tmp_path, "bad.csv", "label,rating_value,best_rating,worst_rating\nodd,9,3,1\n")
    before = dump(db_path)
    result = run("scale", "--load", str(bad))
    assert result.exit_code == 1 and "rating_value 9 must lie within worst 1 .. best 3" in result.stderr
    assert dump(db_path) == before


def test_import_jsonl_odd_types_are_row_errors(run, db_path, tmp_path):
    before = dump(db_path)
    path = write(tmp_path, "claims.jsonl", '{"text": 42, "speaker": "Helen Okafor", "said_on": 20240301}\n')
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {path}:1: said-on date '20240301' is not a date I can read; use YYYY-MM-DD, '5 March 2024', "
        "'March 5, 2024', 'today' or 'yesterday'")
    assert dump(db_path) == before


def test_scale_shows_default(run):
    result = run("scale")
    assert result.exit_code == 0, result.output
    assert [line.rsplit("  (", 1)[0].rsplit(None, 1) for line in result.output.splitlines()] == [
        ["true", "6"], ["mostly true", "5"], ["half true", "4"], ["mostly false", "3"], ["false", "2"],
        ["pants on fire", "1"], ["unproven", "0"]]
    assert result.output.splitlines()[-1].endswith("(worst 0, best 6)")
