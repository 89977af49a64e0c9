"""When two names are the same speaker: the alias rules, as plain functions.

A name is folded (case, accents, dots, hyphens) into tokens: first name, middle
names or initials, surname, generational suffix. Two full names are the same
person when

- their folded keys are equal ("José Núñez" / "Jose Nunez");
- first name and surname agree and the middle names do not contradict each other
  ("Donald J. Trump" / "Donald Trump" / "Donald John Trump", never "Donald K. Trump");
- the surnames are spelling variants: listed in ``rules/surname_variants.txt``, or both
  at least ``MIN_VARIANT_LENGTH`` letters, equal once the letters transliterations
  disagree on are dropped, and at most ``MAX_VARIANT_EDITS`` edits apart
  ("Zelensky" / "Zelenskiy" / "Zelenskyy");
- weakly, one gives only the initial of the other's first name ("C. Sheinbaum").

A generational suffix must agree ("Donald Trump Jr." is not "Donald Trump").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .rules import read_list

MIN_VARIANT_LENGTH = 6  # shorter surnames (Smith/Smyth, Meyer/Meier) are different families too often
MAX_VARIANT_EDITS = 2
# Letters transliterations add, drop or swap: Zelensky/Zelenskiy/Zelenskyy, Gaddafi/Gadhafi.
SOFT_LETTERS = re.compile(r"[hijy]")

SAME_KEY = "same name once case, accents and punctuation are folded"
MIDDLE_NAME = "same first name and surname; middle names or initials differ"
SPELLING = "surname spelling variant"
INITIAL = "first name given as an initial"
SURNAME_ONLY = "surname only"


class _WithoutCombining(dict):
    """A str.translate table that drops combining marks, filled in as code points are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _WithoutCombining()


def fold(text: str) -> str:
    if text.isascii():  # nothing to decompose: only the case folds
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.translate(_WITHOUT_COMBINING).casefold().replace("’", "'")


@lru_cache(maxsize=65536)  # the same names come back in every article
def name_key(name: str) -> str:
    """The folded form names are compared and indexed by: 'José Núñez' -> 'jose nunez'."""
    folded = fold(name).replace(".", " ").replace(",", " ").replace("-", " ")
    tokens = folded.split()
    if tokens and tokens[0] == "the":  # "the Port Authority" is "Port Authority"
        tokens = tokens[1:]
    return " ".join(tokens)


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    return frozenset(read_list("name_suffixes.txt"))


@lru_cache(maxsize=1)
def _variant_heads() -> dict[str, str]:
    heads = {}
    for line in read_list("surname_variants.txt"):
        spellings = line.split()
        for spelling in spellings:
            heads[spelling] = spellings[0]
    return heads


@dataclass(frozen=True)
class NameParts:
    first: str | None
    middles: tuple[str, ...]
    surname: str
    suffix: str | None

    @property
    def bare(self) -> bool:
        """Only a surname: 'Sheinbaum'."""
        return self.first is None


@lru_cache(maxsize=65536)
def parse_name(name: str) -> NameParts | None:
    tokens = name_key(name).split()
    suffix = None
    if len(tokens) > 1 and tokens[-1] in _suffixes():
        suffix = tokens.pop()
    if not tokens:
        return None
    if len(tokens) == 1:
        return NameParts(None, (), tokens[0], suffix)
    return NameParts(tokens[0], tuple(tokens[1:-1]), tokens[-1], suffix)


def surname_key(surname: str) -> str:
    """What surname candidates are indexed by: spelling variants share it."""
    head = _variant_heads().get(surname, surname)
    skeleton = SOFT_LETTERS.sub("", head)
    return re.sub(r"(.)\1+", r"\1", skeleton)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def surname_match(a: str, b: str) -> str | None:
    """None, SAME_KEY or SPELLING."""
    if a == b:
        return SAME_KEY
    heads = _variant_heads()
    if a in heads and heads.get(a) == heads.get(b):
        return SPELLING
    if (min(len(a), len(b)) >= MIN_VARIANT_LENGTH and surname_key(a) == surname_key(b)
            and edit_distance(a, b) <= MAX_VARIANT_EDITS):
        return SPELLING
    return None


def _initial_of(short: str, long: str) -> bool:
    return len(short) == 1 and long.startswith(short)


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(x == y or _initial_of(x, y) or _initial_of(y, x) for x, y in zip(a, b))


def same_person(a: str, b: str) -> str | None:
    """Why two full names are one person (SAME_KEY, MIDDLE_NAME, SPELLING, INITIAL), or None.

    INITIAL is weak: the resolver links on it only when one known speaker fits.
    """
    if name_key(a) == name_key(b):
        return SAME_KEY
    pa, pb = parse_name(a), parse_name(b)
    if pa is None or pb is None or pa.bare or pb.bare or pa.suffix != pb.suffix:
        return None
    surname = surname_match(pa.surname, pb.surname)
    if surname is None or not _middles_agree(pa.middles, pb.middles):
        return None
    if pa.first == pb.first:
        if surname == SPELLING:
            return SPELLING
        return MIDDLE_NAME if pa.middles != pb.middles else SAME_KEY
    if _initial_of(pa.first, pb.first) or _initial_of(pb.first, pa.first):
        return INITIAL
    return None


def surname_fits(surname: str, full_name: str) -> bool:
    """A bare surname ('Zelenskiy') could be this full name ('Volodymyr Zelensky')."""
    parts, bare = parse_name(full_name), parse_name(surname)
    if parts is None or bare is None or parts.bare or not bare.bare:
        return False
    return surname_match(bare.surname, parts.surname) is not None


def compatible(a: str, b: str) -> bool:
    """Could these two names be one person (including a bare surname and a full name)?"""
    return bool(same_person(a, b)) or surname_fits(a, b) or surname_fits(b, a)
