"""The corpus in data/corpus (12 articles, 12 fictional outlets) ingests into the expected
speakers, roles and quotes; merge followed by split restores every row."""

import json
import re
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from tracker.ingest import ingest_paths
from tracker.speakers import SpeakerError, merge, reindex, split

from .conftest import write
from .dbcheck import check_full_text, in_stored_order

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
WALL = "We will rebuild the harbour wall before the winter storms arrive, and we will pay for it without new taxes"
FERRY = "Every ferry on this coast will run on time by the end of the year"
DAMAGE = "Our engineers have never seen damage like this in forty years of work"


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "tracker.db"
    summary = ingest_paths(Database(path), [CORPUS])
    assert (summary.added, summary.failed) == (12, 0)
    return path


@pytest.fixture
def cdb(corpus_file, tmp_path):
    path = tmp_path / "tracker.db"
    shutil.copy(corpus_file, path)
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")  # as ensure_schema leaves it: merge and split must respect them
    return db


def speaker(id, name, type="person", role=None, needs_review=0, review_reason=None):
    return {"id": id, "name": name, "type": type, "role": role, "affiliation": None, "needs_review": needs_review,
            "review_reason": review_reason, "wikidata_id": None, "description": None}


EXPECTED_SPEAKERS = [
    # "Robert J. Harlan", "Robert Harlan" and a bare "Harlan" (the only Harlan known)
    speaker(1, "Robert J. Harlan", role="Governor"),
    # "Marta Núñez" and "Marta Nunez"
    speaker(2, "Marta Núñez", role="Transport Minister"),
    # "Ivan Sokolovsky", "Sokolovskiy", "Sokolovskyy"
    speaker(3, "Ivan Sokolovsky", role="chief engineer of the port"),
    speaker(4, "Klaus Brandt"),
    speaker(5, "Helga Brandt"),
    # "Okonkwo" alone in a later article links: one Okonkwo is known
    speaker(6, "Adaeze Okonkwo", role="Finance Secretary"),
    # "Brandt" alone after two Brandts are known: its own speaker, flagged
    speaker(7, "Brandt", needs_review=1, review_reason="surname only; fits 2 speakers: Klaus Brandt, Helga Brandt"),
    speaker(8, "Harbour Workers Union", "organization"),
    speaker(9, "Dock workers", "anonymous group"),
]


def test_speakers(cdb):
    assert list(cdb.query("select * from speakers order by id")) == EXPECTED_SPEAKERS
    names = {r["alias"] for r in cdb.query("select alias from speaker_aliases where speaker_id = 3 and source = 'name'")}
    assert names == {"Ivan Sokolovsky", "Ivan Sokolovskiy", "Ivan Sokolovskyy"}


def quote(id, text, speaker_id, first_seen, first_article_id, articles, outlets=None, speakers=1, contested=0):
    return {"id": id, "text": text, "text_key": re.sub(r"[^\w ]", "", text.lower()), "speaker_id": speaker_id,
            "first_seen": first_seen, "first_article_id": first_article_id, "article_count": articles,
            "outlet_count": outlets or articles, "statement_count": articles, "speaker_count": speakers,
            "contested": contested}


EXPECTED_QUOTES = [
    # three outlets name Harlan, the Eastport Gazette names Núñez; one outlet shortened it
    quote(1, WALL, 1, "2025-03-03", 1, 4, speakers=2, contested=1),
    # straight marks, curly marks and an ellipsis variant
    quote(2, FERRY, 2, "2025-03-03", 1, 3),
    # "have not seen" in one outlet, a partial "never seen damage like this in forty years" in another
    quote(3, DAMAGE, 3, "2025-03-04", 2, 4),
    quote(4, "The fishing fleet cannot wait another season for this decision", 5, "2025-03-10", 5, 1),
    quote(5, "The budget for the harbour will be published in full and on time", 6, "2025-03-10", 5, 1),
    quote(6, "Nobody asked the fishermen what they needed from the harbour", 7, "2025-03-12", 6, 1),
    quote(7, "The budget numbers do not add up for the coastal towns", 6, "2025-03-12", 6, 1),
    quote(8, "I made a promise to Port Merrow and I intend to see it kept", 1, "2025-04-03", 9, 1),
    quote(9, "and we have never worked faster.", 3, "2025-04-08", 12, 1),
]


def test_quotes(cdb):
    assert list(cdb.query("select * from quotes order by id")) == EXPECTED_QUOTES


def test_every_quoting_statement_points_to_its_quote(cdb):
    rows = list(cdb.query(
        "select articles.path, statements.kind, statements.speaker_name, statements.quote_id from statements "
        "join articles on articles.id = statements.article_id where statements.quote_id in (1, 2, 3) "
        "order by statements.quote_id, statements.id"))
    assert [(Path(r["path"]).name, r["kind"], r["speaker_name"], r["quote_id"]) for r in rows] == [
        ("01-bayside-courier.txt", "direct", "Robert J. Harlan", 1),
        ("02-northern-star.txt", "direct", "Robert Harlan", 1),
        ("04-eastport-gazette.txt", "direct", "Marta Núñez", 1),
        ("08-capital-dispatch.txt", "direct", "Robert Harlan", 1),
        ("01-bayside-courier.txt", "direct", "Marta Núñez", 2),
        ("03-harbor-times.txt", "direct", "Marta Nunez", 2),
        ("11-summit-daily.txt", "direct", "Marta Núñez", 2),
        ("02-northern-star.txt", "direct", "Ivan Sokolovsky", 3),
        ("04-eastport-gazette.txt", "direct", "Ivan Sokolovskiy", 3),
        ("07-the-lantern.txt", "mixed", "Ivan Sokolovskyy", 3),
        ("12-westbrook-chronicle.txt", "direct", "Ivan Sokolovsky", 3),
    ]
    assert next(cdb.query("select count(*) as n from statements where kind = 'indirect' and quote_id is not null"))["n"] == 0


def test_contested_attribution_keeps_both_speakers(cdb):
    rows = list(cdb.query("select * from quote_attributions where contested = 1 order by first_seen"))
    assert rows == [
        {"quote_id": 1, "quote": WALL, "contested": 1, "speaker_id": 1, "speaker": "Robert J. Harlan", "statements": 3,
         "articles": 3, "outlets": "Bayside Courier,Northern Star,Capital Dispatch", "first_seen": "2025-03-03"},
        {"quote_id": 1, "quote": WALL, "contested": 1, "speaker_id": 2, "speaker": "Marta Núñez", "statements": 1,
         "articles": 1, "outlets": "Eastport Gazette", "first_seen": "2025-03-06"},
    ]


def test_roles_over_time(cdb):
    rows = list(cdb.query("select speaker_id, role, affiliation, article_id, date from speaker_roles order by id"))
    assert rows == [
        {"speaker_id": 1, "role": "Governor", "affiliation": None, "article_id": 1, "date": "2025-03-03"},
        {"speaker_id": 2, "role": "Transport Minister", "affiliation": None, "article_id": 1, "date": "2025-03-03"},
        {"speaker_id": 1, "role": "Governor", "affiliation": None, "article_id": 2, "date": "2025-03-04"},
        {"speaker_id": 3, "role": "chief engineer of the port", "affiliation": None, "article_id": 2, "date": "2025-03-04"},
        {"speaker_id": 3, "role": "port engineer", "affiliation": None, "article_id": 4, "date": "2025-03-06"},
        {"speaker_id": 6, "role": "Finance Secretary", "affiliation": None, "article_id": 5, "date": "2025-03-10"},
        {"speaker_id": 1, "role": "Former Governor", "affiliation": None, "article_id": 8, "date": "2025-04-02"},
        {"speaker_id": 2, "role": "Transport Minister", "affiliation": None, "article_id": 11, "date": "2025-04-07"},
    ]


def test_reingest_changes_nothing_and_a_replaced_article_updates_its_quotes(cdb, tmp_path):
    before = dump(cdb)
    assert ingest_paths(cdb, [CORPUS]).unchanged == 12
    assert dump(cdb) == before
    # The Eastport Gazette corrects its story: the contested attribution is gone, and so are its roles.
    original = (CORPUS / "04-eastport-gazette.txt").read_text(encoding="utf-8")
    corrected = write(tmp_path, "04-eastport-gazette.txt", original.replace('," Núñez said.', '," Harlan said.'))
    cdb.execute("update articles set path = ? where path = ?", [str(corrected), str(CORPUS / "04-eastport-gazette.txt")])
    assert ingest_paths(cdb, [corrected]).replaced == 1
    row = cdb["quotes"].get(1)
    assert (row["speaker_count"], row["contested"], row["article_count"]) == (1, 0, 4)
    assert next(cdb.query("select speaker_id from statements where article_id = 4 and quote_id = 1"))["speaker_id"] == 1
    check_full_text(cdb.conn)


def dump(db):
    """Every row of every table (FTS shadow tables aside), in rowid order. The event log is left out:
    it records the merge and the split."""
    tables = [t for t in db.table_names()
              if t != "speaker_events" and not re.search(r"_fts_(data|idx|docsize|config)$", t)]
    return {t: list(db.query(in_stored_order(db, t))) for t in tables}


def test_merge_then_split_restores_every_row(cdb):
    # claims (another feature's table): any table with a speaker_id column moves with the speaker
    cdb["claims"].insert_all([{"speaker_id": 7, "text": "nobody consulted the fishermen", "status": "open"},
                              {"speaker_id": 2, "text": "ferries on time by year end", "status": "open"}])
    before = dump(cdb)
    first = merge(cdb, "Helga Brandt", "Brandt")
    assert first["summary"] == "merged Brandt (#7) into Helga Brandt (#5): 1 statement, 1 alias"
    assert cdb["quotes"].get(6)["speaker_id"] == 5
    # different people, merged on purpose: the contested quote stops being contested
    second = merge(cdb, "Robert J. Harlan", "Marta Núñez")
    merged = cdb["quotes"].get(1)
    assert (merged["speaker_count"], merged["contested"]) == (1, 0)
    assert not list(cdb.query("select 1 from statements where speaker_id in (2, 7)"))
    assert next(cdb.query("select count(*) as n from speaker_roles where speaker_id = 1"))["n"] == 5
    assert [r["speaker_id"] for r in cdb.query("select speaker_id from claims order by id")] == [5, 1]
    assert dump(cdb) != before
    split(cdb, "Marta Nunez")  # any alias of the merged speaker
    split(cdb, "Brandt")
    assert dump(cdb) == before
    check_full_text(cdb.conn)
    events = [(r["id"], r["action"], r["undone_by"]) for r in cdb.query("select * from speaker_events order by id")]
    assert events == [(first["event"], "merge", 4), (second["event"], "merge", 3), (3, "split", None), (4, "split", None)]
    detail = json.loads(cdb["speaker_events"].get(2)["detail"])
    assert detail["speaker"] == EXPECTED_SPEAKERS[1]


def test_split_needs_later_merges_undone_first(cdb):
    merge(cdb, "Helga Brandt", "Brandt")
    merge(cdb, "Klaus Brandt", "Helga Brandt")
    with pytest.raises(SpeakerError, match=r"Brandt: the speaker it was merged into \(#5\) was merged away later"):
        split(cdb, "Brandt")
    split(cdb, "Helga Brandt")
    split(cdb, "Brandt")
    assert list(cdb.query("select * from speakers order by id")) == EXPECTED_SPEAKERS


@pytest.mark.parametrize("keep, other, message", [
    ("Harbour Workers Union", "Helga Brandt",
     "Helga Brandt: is a person and Harbour Workers Union is an organization; only speakers of one type merge"),
    ("Helga Brandt", "#5", "#5: is already Helga Brandt (#5)"),
    ("Helga Brandt", "Nobody Known", "Nobody Known: no speaker has this name or alias"),
])
def test_merge_refuses_and_changes_nothing(cdb, keep, other, message):
    before = dump(cdb)
    with pytest.raises(SpeakerError) as error:
        merge(cdb, keep, other)
    assert str(error.value) == message
    assert dump(cdb) == before


def test_reindex_rebuilds_what_an_older_database_lacks(cdb):
    before = dump(cdb)
    cdb.execute("update speaker_aliases set key = null, surname_key = null, source = null")
    cdb.execute("update statements set quote_id = null")
    cdb.execute("delete from quote_shingles")
    cdb.execute("delete from quotes")
    assert reindex(cdb) == {"aliases": cdb["speaker_aliases"].count, "quotes": 9}
    assert dump(cdb) == before
    check_full_text(cdb.conn)
