"""Resolving speakers across articles: each alias rule, the surname rule, types never mixing."""

import pytest
from sqlite_utils import Database

from tracker.models import Statement
from tracker.schema import ensure_schema
from tracker.speakers import resolve_speaker


@pytest.fixture
def sdb():
    db = Database(memory=True)  # schema DDL on disk costs a second of fsyncs per test
    ensure_schema(db)
    return db


def resolve(db, name, speaker_type="person", role=None):
    statement = Statement(text="words", start=0, end=5, kind="indirect", speaker=name, speaker_mention=name,
                          speaker_type=speaker_type, mention_kind="name", speaker_role=role)
    return resolve_speaker(db, statement)


def speakers(db):
    return [(r["id"], r["name"], r["type"], r["needs_review"], r["review_reason"])
            for r in db.query("select * from speakers order by id")]


@pytest.mark.parametrize("first, second", [
    ("Marta Nunez", "Marta Núñez"),
    ("Donald J. Trump", "Donald Trump"),
    ("Donald Trump", "Donald John Trump"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskiy"),
    ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"),
    ("Muammar Gaddafi", "Muammar Qaddafi"),
])
def test_variants_are_one_speaker(sdb, first, second):
    assert resolve(sdb, first) == resolve(sdb, second) == 1
    assert sdb["speakers"].count == 1
    names = {r["alias"] for r in sdb.query("select alias from speaker_aliases where source = 'name'")}
    assert names == {first, second}


def test_accented_spelling_becomes_canonical(sdb):
    resolve(sdb, "Jose Nunez")
    resolve(sdb, "José Núñez")
    assert speakers(sdb) == [(1, "José Núñez", "person", 0, None)]


def test_full_first_name_replaces_initial(sdb):
    resolve(sdb, "C. Sheinbaum")
    assert resolve(sdb, "Claudia Sheinbaum") == 1
    assert speakers(sdb) == [(1, "Claudia Sheinbaum", "person", 0, None)]


def test_initial_with_two_candidates_is_flagged(sdb):
    resolve(sdb, "Claudia Sheinbaum")
    resolve(sdb, "Carlos Sheinbaum")
    assert resolve(sdb, "C. Sheinbaum") == 3
    assert speakers(sdb)[2] == (3, "C. Sheinbaum", "person", 1, "fits 2 speakers: Claudia Sheinbaum, Carlos Sheinbaum")


def test_suffix_and_conflicting_middle_initials_stay_apart(sdb):
    assert resolve(sdb, "Donald Trump") == 1
    assert resolve(sdb, "Donald Trump Jr.") == 2
    assert resolve(sdb, "Donald J. Trump") == 1
    assert resolve(sdb, "Donald K. Trump") == 3
    assert [r[1] for r in speakers(sdb)] == ["Donald Trump", "Donald Trump Jr.", "Donald K. Trump"]


def test_short_surnames_need_the_same_spelling(sdb):
    assert resolve(sdb, "John Smith") == 1
    assert resolve(sdb, "John Smyth") == 2


def test_bare_surname_links_when_one_speaker_fits(sdb):
    resolve(sdb, "Claudia Sheinbaum")
    assert resolve(sdb, "Sheinbaum") == 1
    resolve(sdb, "Volodymyr Zelensky")
    assert resolve(sdb, "Zelenskyy") == 2
    assert sdb["speakers"].count == 2
    # the surname is remembered as a mention, not a name: it must not decide later links alone
    assert next(sdb.query("select source from speaker_aliases where alias = 'Sheinbaum'"))["source"] == "mention"


def test_bare_surname_with_several_fits_is_its_own_flagged_speaker(sdb):
    resolve(sdb, "Klaus Brandt")
    resolve(sdb, "Helga Brandt")
    assert resolve(sdb, "Brandt") == 3
    assert resolve(sdb, "Brandt") == 3  # the same unresolved surname again: the same flagged speaker
    assert speakers(sdb)[2] == (3, "Brandt", "person", 1, "surname only; fits 2 speakers: Klaus Brandt, Helga Brandt")


def test_bare_surname_with_no_fit_is_flagged_and_not_guessed_later(sdb):
    assert resolve(sdb, "Okafor") == 1
    assert speakers(sdb) == [(1, "Okafor", "person", 1, "surname only; no known speaker fits")]
    assert resolve(sdb, "Helen Okafor") == 2  # a full name is never folded into a bare surname
    assert resolve(sdb, "Okafor") == 2  # now exactly one full-named speaker fits


def test_organizations_and_groups_never_merge_with_people(sdb):
    person = resolve(sdb, "Jordan")  # a bare surname
    organization = resolve(sdb, "Jordan", "organization")
    group = resolve(sdb, "Residents", "anonymous group")
    assert len({person, organization, group}) == 3
    resolve(sdb, "Michael Jordan")
    assert resolve(sdb, "the Jordan", "organization") == organization  # "the" is not part of the key
    assert resolve(sdb, "residents", "anonymous group") == group
    assert [(r[1], r[2]) for r in speakers(sdb)] == [
        ("Jordan", "person"), ("Jordan", "organization"), ("Residents", "anonymous group"), ("Michael Jordan", "person")]


def test_first_role_fills_the_speaker_row(sdb):
    resolve(sdb, "Robert Harlan", role="Governor")
    resolve(sdb, "Robert J. Harlan", role="Former Governor")
    assert sdb["speakers"].get(1)["role"] == "Governor"


def test_suggest_merges_gives_the_reason(sdb):
    from tracker.speakers import suggest_merges

    resolve(sdb, "John Smith")
    resolve(sdb, "John Smyth")  # too short for the automatic spelling rule
    resolve(sdb, "Claudia Sheinbaum")
    resolve(sdb, "Carlos Sheinbaum")
    resolve(sdb, "C. Sheinbaum")  # fits both: flagged
    resolve(sdb, "Valley Water Authority", "organization")
    resolve(sdb, "Water Authority", "organization")
    assert [(s["keep"], s["other"], s["reason"]) for s in suggest_merges(sdb)] == [
        ("John Smith", "John Smyth", "same first name; surnames 1 letter apart"),
        ("Claudia Sheinbaum", "C. Sheinbaum", "first name given as an initial"),
        ("Carlos Sheinbaum", "C. Sheinbaum", "first name given as an initial"),
        ("Valley Water Authority", "Water Authority", "one organization name ends the other"),
    ]


def test_find_speaker_by_name_alias_or_id(sdb):
    from tracker.speakers import SpeakerError, find_speaker

    resolve(sdb, "Jordan", "organization")
    resolve(sdb, "Jordan")  # a bare surname, no Jordan known yet: a flagged person named Jordan
    resolve(sdb, "Michael Jordan")
    assert find_speaker(sdb, "michael JORDAN")["id"] == 3  # an alias, case ignored
    assert find_speaker(sdb, "#1")["type"] == "organization"
    with pytest.raises(SpeakerError, match=r"^Jordan: could be Jordan \(#1, organization\), Jordan \(#2, person\); give #ID$"):
        find_speaker(sdb, "Jordan")
