"""Attribution rules kept as plain data files in ``tracker/rules/``.

Each file is a list, one entry a line, ``#`` for comments. Edit the files to
extend the extractor; this module only loads them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).parent / "rules"


def read_list(name: str) -> list[str]:
    entries = []
    for line in (RULES_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return entries


def inflect(lemma: str) -> list[str]:
    """Regular English inflections of a verb: past, third person, gerund."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        forms = [head + "d", head + "s", head[:-1] + "ing"]
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms = [head[:-1] + "ied", head[:-1] + "ies", head + "ing"]
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = [head + "ed", head + "es", head + "ing"]
    else:
        forms = [head + "ed", head + "s", head + "ing"]
    return [lemma] + [form + tail for form in forms]


@lru_cache(maxsize=None)
def reporting_verbs() -> dict[str, str]:
    """Every form of every reporting verb, mapped to its lemma."""
    return _verb_forms("reporting_verbs.txt")


def _verb_forms(name: str) -> dict[str, str]:
    forms: dict[str, str] = {}
    for entry in read_list(name):
        lemma, _, irregular = entry.partition(":")
        lemma = lemma.strip().lower()
        words = [w.strip().lower() for w in irregular.split(",") if w.strip()]
        for form in [lemma] + (words or inflect(lemma)[1:]):
            forms[form] = lemma
    return forms


@lru_cache(maxsize=None)
def characterizing_verbs() -> dict[str, str]:
    """Every form of every verb that attributes quoted words ("called it \"a disaster\"")."""
    return _verb_forms("characterizing_verbs.txt")


@lru_cache(maxsize=None)
def titles() -> frozenset[str]:
    return frozenset(t.lower() for t in read_list("titles.txt"))


@lru_cache(maxsize=None)
def pronouns() -> dict[str, str]:
    table = {}
    for entry in read_list("pronouns.txt"):
        word, _, kind = entry.partition(":")
        table[word.strip().lower()] = kind.strip()
    return table


@lru_cache(maxsize=None)
def organization_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("organization_words.txt"))


@lru_cache(maxsize=None)
def group_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("group_words.txt"))


@lru_cache(maxsize=None)
def nominal_cues() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("nominal_cues.txt"))


def read_words(name: str) -> frozenset[str]:
    """A list file whose lines may hold several space-separated words."""
    return frozenset(word.lower() for line in read_list(name) for word in line.split())


@lru_cache(maxsize=None)
def person_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("person_nouns.txt"))


@lru_cache(maxsize=None)
def female_names() -> frozenset[str]:
    return read_words("female_names.txt")


@lru_cache(maxsize=None)
def male_names() -> frozenset[str]:
    return read_words("male_names.txt")


@lru_cache(maxsize=None)
def first_names() -> frozenset[str]:
    """Both lists of first names together."""
    return female_names() | male_names()


@lru_cache(maxsize=None)
def places() -> frozenset[str]:
    """Place names, folded to lower case; multi-word names are '|'-separated on their lines."""
    names = set()
    for line in read_list("places.txt"):
        parts = line.split("|") if "|" in line else line.split()
        names.update(part.strip().lower() for part in parts if part.strip())
    return frozenset(names)


@lru_cache(maxsize=None)
def outlets() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("outlets.txt"))
