"""`tracker speakers ...` through CliRunner, on the corpus."""

import shutil

import pytest
from sqlite_utils import Database

from tracker.cli import cli
from tracker.ingest import ingest_paths

from .test_corpus import CORPUS, dump

SUBCOMMANDS = ["list", "show", "merge", "split", "alias", "rename", "set", "suggest-merges", "log", "reindex"]


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "tracker.db"
    ingest_paths(Database(path), [CORPUS])
    return path


@pytest.fixture
def db_file(corpus_copy, tmp_path):
    path = tmp_path / "tracker.db"
    shutil.copy(corpus_copy, path)
    return path


@pytest.fixture
def run(runner, db_file):
    def invoke(*args):
        return runner.invoke(cli, ["speakers", *args, "--db", str(db_file)])
    return invoke


@pytest.mark.parametrize("command", [[]] + [[c] for c in SUBCOMMANDS])
def test_help(runner, command):
    result = runner.invoke(cli, ["speakers", *command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 3


def test_list_and_search(run):
    result = run("list", "--search", "brandt")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "#5\tHelga Brandt\tperson\t2 statements\t1 article",
        "#7\tBrandt\tperson\t1 statement\t1 article  needs review: surname only; fits 2 speakers: Klaus Brandt, Helga Brandt",
        "#4\tKlaus Brandt\tperson\t1 statement\t1 article",
    ]
    flagged = run("list", "--needs-review")
    assert [line.split("\t")[1] for line in flagged.output.splitlines()] == ["Brandt"]
    assert run("list", "--search", "sokolovskiy").output.startswith("#3\tIvan Sokolovsky\t")  # by alias


def test_show(run):
    result = run("show", "robert harlan")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Robert J. Harlan (#1, person)",
        "aliases: Robert Harlan, Former Governor Robert Harlan, Governor Robert J. Harlan, Harlan",
        "role: Governor (2025-03-03 to 2025-03-04, 2 articles)",
        "role: Former Governor (2025-04-02, 1 article)",
        "statements: 6 in 4 articles from 4 outlets; quotes: 2",
        "first: 2025-03-03 Bayside Courier: the state would fund repairs to the old harbour wall at Port Merrow",
        "last: 2025-04-03 Island Review: I made a promise to Port Merrow and I intend to see it kept",
    ]


def test_merge_split_and_log(run, db_file):
    before = dump(Database(db_file))
    merged = run("merge", "Klaus Brandt", "#7")
    assert (merged.exit_code, merged.output) == (0, "merged Brandt (#7) into Klaus Brandt (#4): 1 statement, 1 alias\n")
    assert "Brandt\t" not in run("list").output.replace("Klaus Brandt", "").replace("Helga Brandt", "")
    undone = run("split", "Brandt")
    assert (undone.exit_code, undone.output) == (0, "split Brandt (#7) from Klaus Brandt (#4), undoing event 1\n")
    assert dump(Database(db_file)) == before
    log = run("log").output.splitlines()
    assert [line.split("\t")[2] for line in log] == ["merge", "split"]
    assert log[0].endswith("(undone by 2)")


def test_alias_links_later_articles(run, db_file, tmp_path, runner):
    assert run("alias", "Helga Brandt", "Olga Brandt").output == "alias Olga Brandt added to Helga Brandt (#5)\n"
    story = tmp_path / "harbour.txt"
    story.write_text('Quay\n\nBy A B | Quay News | May 1, 2025\n\n"The nets are ready for the season," '
                     'Olga Brandt said.\n', encoding="utf-8")
    runner.invoke(cli, ["ingest", str(story), "--db", str(db_file)])
    rows = list(Database(db_file).query("select speaker_id from statements where text like 'The nets%'"))
    assert rows == [{"speaker_id": 5}]


def test_rename_and_set(run, db_file):
    assert run("rename", "Adaeze Okonkwo", "Adaeze N. Okonkwo").exit_code == 0
    result = run("set", "Adaeze N. Okonkwo", "--wikidata", "Q4242", "--description", "Finance secretary")
    assert result.output == "set wikidata_id, description of Adaeze N. Okonkwo (#6)\n"
    row = Database(db_file)["speakers"].get(6)
    assert (row["name"], row["wikidata_id"], row["description"]) == ("Adaeze N. Okonkwo", "Q4242", "Finance secretary")
    assert run("show", "Adaeze Okonkwo").output.startswith("Adaeze N. Okonkwo (#6, person)\n")  # the old name is an alias
    assert run("set", "Brandt", "--reviewed").exit_code == 0
    assert Database(db_file)["speakers"].get(7)["needs_review"] == 0


def test_suggest_merges(run):
    result = run("suggest-merges")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "tracker speakers merge '#4' '#7'  # Klaus Brandt <- Brandt: surname only; one of 2 speakers it fits",
        "tracker speakers merge '#5' '#7'  # Helga Brandt <- Brandt: surname only; one of 2 speakers it fits",
    ]


@pytest.mark.parametrize("args, message", [
    (["show", "Nobody"], "error: Nobody: no speaker has this name or alias"),
    (["show", "#99"], "error: #99: no speaker with this id"),
    (["merge", "Helga Brandt", "Dock workers"],
     "error: Dock workers: is an anonymous group and Helga Brandt is a person; only speakers of one type merge"),
    (["split", "Helga Brandt"], "error: Helga Brandt: no merge of a speaker with this name to undo"),
    (["alias", "Helga Brandt", "Klaus Brandt"],
     "error: Klaus Brandt: already a name of Klaus Brandt (#4); merge the two speakers instead"),
    (["rename", "Helga Brandt", "Klaus Brandt"],
     "error: Klaus Brandt: already the name of speaker #4; merge the two speakers instead"),
    (["set", "Helga Brandt", "--wikidata", "wd:42"], "error: wd:42: not a Wikidata item id (Q followed by digits, e.g. Q22686)"),
    (["set", "Helga Brandt"], "error: Helga Brandt: nothing to set; give --wikidata, --description or --reviewed"),
])
def test_errors_are_one_line_and_change_nothing(run, db_file, args, message):
    before = dump(Database(db_file))
    result = run(*args)
    assert result.exit_code == 1
    assert result.output == message + "\n"
    assert dump(Database(db_file)) == before


def test_missing_database(runner, tmp_path):
    result = runner.invoke(cli, ["speakers", "list", "--db", str(tmp_path / "none.db")])
    assert (result.exit_code, result.output) == (1, f"error: {tmp_path / 'none.db'}: no such database; run `tracker ingest` first\n")
    assert not (tmp_path / "none.db").exists()


def test_reindex(run):
    result = run("reindex")
    assert (result.exit_code, result.output) == (0, "aliases indexed: 0; quotes: 9\n")
