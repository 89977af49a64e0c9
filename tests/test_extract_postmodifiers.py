"""The speaker is the head of the noun phrase, not what follows its preposition: 'Officials in
Ottawa said' is said by officials, never by Ottawa. Sentences written for these tests."""

import pytest

from .test_extract import run


def speakers(text):
    return [(s.speaker, s.speaker_type, s.speaker_mention) for s in run(text)]


@pytest.mark.parametrize("sentence, expected", [
    ("Officials in Ottawa said the bridge would reopen in May.",
     ("Officials in Ottawa", "anonymous group", "Officials in Ottawa")),
    ("Residents in the eastern districts say they were never consulted.",
     ("Residents in the eastern districts", "anonymous group", "Residents in the eastern districts")),
    ("People close to the mayor say she will not resign.",
     ("People close to the mayor", "anonymous group", "People close to the mayor")),
    ("Sources familiar with the talks said a deal was near.",
     ("Sources familiar with the talks", "anonymous group", "Sources familiar with the talks")),
    ("Farmers across the valley said the drought was the worst in decades.",
     ("Farmers across the valley", "anonymous group", "Farmers across the valley")),
    ("Experts at the University of Halden warned that costs would rise.",
     ("Experts at the University of Halden", "anonymous group", "Experts at the University of Halden")),
])
def test_a_group_is_named_with_what_narrows_it(sentence, expected):
    assert speakers(sentence) == [expected]


def test_a_person_of_a_place_is_the_person():
    statements = run("Sen. Mara Olsen of Vermont said the bill would fail.")
    assert [(s.speaker, s.speaker_type, s.speaker_affiliation) for s in statements] == [
        ("Mara Olsen", "person", "Vermont")]


def test_an_organization_named_with_a_preposition_keeps_its_whole_name():
    assert speakers("The Council on Harbour Safety said the pier was unsafe.") == [
        ("Council on Harbour Safety", "organization", "The Council on Harbour Safety")]


def test_one_capitalized_word_before_in_is_no_person():
    statements = run("Federal regulators in Canada said the drug needed a warning label.")
    assert [s.speaker for s in statements] == ["Federal regulators in Canada"]


def test_someone_elses_lawyer_is_not_the_person_just_named():
    statements = run("Ivo Marek left the courthouse on Monday.\n\n"
                     "The lawyer for Marek said the charges would be dropped.")
    assert [(s.speaker, s.speaker_mention) for s in statements] == [(None, "The lawyer for Marek")]


def test_a_description_with_no_name_still_finds_the_person_talked_about():
    statements = run("Dana Whitfield scored twice on Saturday.\n\n"
                     "The 26-year-old mother of three said the win was for her team.")
    assert [s.speaker for s in statements] == ["Dana Whitfield"]
