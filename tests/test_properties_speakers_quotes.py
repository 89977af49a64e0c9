"""Property tests for the alias rules and the quote matcher."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tracker.models import Statement
from tracker.names import compatible, name_key, same_person
from tracker.quotes import find_quote, normalize, quote_for
from tracker.schema import ensure_schema

NAME_PARTS = ["Ana", "A.", "Lopez", "López", "J.", "John", "Jr.", "Zelensky", "Zelenskiy", "Mc-Bride", "o'neil", "É", ""]
names = st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=4).map(" ".join)
WORDS = ["the", "harbour", "wall", "we", "will", "rebuild", "never", "storms", "winter", "taxes", "pay", "for", "it"]


@given(names, names)
@settings(max_examples=300)
def test_alias_rules_are_symmetric_and_never_raise(a, b):
    assert same_person(a, b) == same_person(b, a)
    assert compatible(a, b) == compatible(b, a)
    assert name_key(name_key(a)) == name_key(a)


@given(st.lists(st.sampled_from(WORDS), min_size=12, max_size=30), st.data())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_long_enough_slice_finds_its_quote(words, data):
    db = Database(memory=True)
    ensure_schema(db)
    text = " ".join(words)
    quote = quote_for(db, Statement(text=text, start=0, end=len(text), kind="direct"))
    start = data.draw(st.integers(0, len(words) - 6))
    end = data.draw(st.integers(start + 6, len(words)))
    assert find_quote(db, normalize(" ".join(words[start:end]).upper())) == quote
