"""The store step's quote matching, done per article (tracker/quotes.py QuoteMatcher), finds
exactly what matching one statement at a time finds; the faster normalization and
fingerprints give the same words and hashes as the plain definitions."""

import hashlib
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tracker import quotes
from tracker.models import Statement
from tracker.names import fold
from tracker.schema import ensure_schema

COMMON = "we are going to make sure that"
WORDS = ["harbour", "wall", "rebuild", "storms", "winter", "taxes", "pay", "for", "it", "the", "clinic", "ferry",
         "never", "every", "family", "bridge", "museum", "reopens", "quay", "budget"]


def plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("’", "'")


def plain_normalized(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = quotes.ELLIPSIS.sub(" ", plain_fold(text))
    return tuple(w.replace("'", "") for w in quotes.WORD.findall(text.replace("_", " ")))


def plain_fingerprints(text_key: str) -> set[int]:
    words = text_key.split()
    hashes = [int.from_bytes(hashlib.blake2b(" ".join(words[i:i + quotes.SHINGLE]).encode(), digest_size=8).digest(),
                             "big", signed=True) for i in range(len(words) - quotes.SHINGLE + 1)]
    if len(hashes) <= quotes.WINNOW:
        return {min(hashes)} if hashes else set()
    return {min(hashes[i:i + quotes.WINNOW]) for i in range(len(hashes) - quotes.WINNOW + 1)}


TEXT = st.lists(st.sampled_from(list("abc ABC'’‘…._-\"“”é\u0301ñﬁⅫİßǄ\u00a0") + [" word", " the", "..."]),
                max_size=40).map("".join) | st.text(max_size=40)


@given(TEXT)
@settings(max_examples=500)
def test_normalizing_and_fingerprints_match_their_plain_definitions(text):
    assert fold(text) == plain_fold(text)
    assert quotes._normalized(text) == plain_normalized(text)
    key = " ".join(plain_normalized(text))
    assert quotes._fingerprints(key) == plain_fingerprints(key)


@given(st.lists(st.sampled_from(WORDS), max_size=20), st.lists(st.sampled_from(WORDS), max_size=20))
@settings(max_examples=300)
def test_shared_words_bound_the_alignment(a, b):
    """The word alignment is only skipped when the words both texts have could not reach the score to beat."""
    assert quotes._words_in_common(a, b) >= quotes.shared_fraction(a, b)


def statement(text: str) -> Statement:
    return Statement(text=text, start=0, end=len(text), kind="direct")


ARTICLES = st.lists(  # articles of statements that repeat, extend, shorten and vary each other's words
    st.lists(st.tuples(st.booleans(), st.lists(st.sampled_from(WORDS), min_size=3, max_size=14)), min_size=1, max_size=6),
    min_size=1, max_size=8)


def texts(articles, shared):
    out = []
    for article in articles:
        texts_ = []
        for common, words in article:
            text = " ".join(([COMMON] if common else []) + words)
            if shared and texts_ and len(words) % 3 == 0:
                text = texts_[-1]  # the same quote twice in one article
            texts_.append(text)
        out.append(texts_)
    return out


@given(ARTICLES, st.booleans())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_matching_an_article_at_once_finds_what_matching_each_statement_finds(articles, shared):
    per_article, per_statement = Database(memory=True), Database(memory=True)
    ensure_schema(per_article)
    ensure_schema(per_statement)
    stops_a: set[int] = set()
    stops_s: set[int] = set()
    found_a, found_s = [], []
    for article in texts(articles, shared):
        statements = [statement(t) for t in article]
        matcher = quotes.QuoteMatcher(per_article, statements, stops_a)
        found_a.append([matcher.match(s) for s in statements])
        matcher.write_fingerprints()
        found_s.append([quotes.match_or_create(per_statement, s, stops_s) for s in statements])
    assert found_a == found_s
    for table in ("quotes", "quote_shingles"):
        assert list(per_article.query(f"select * from {table} order by 1, 2")) == list(
            per_statement.query(f"select * from {table} order by 1, 2"))


def test_a_common_phrase_in_many_quotes_of_one_article_is_read_once_and_skipped():
    """More than STOP_SHINGLE quotes share a phrase: the article's lookups see the postings its own
    earlier statements added, exactly as separate queries would, and remember the phrase as common."""
    db, other = Database(memory=True), Database(memory=True)
    ensure_schema(db)
    ensure_schema(other)
    article = [statement(f"{COMMON} the {word} " + " ".join(f"{tail}{n}" for tail in ("plan", "fund", "crew", "site")))
               for n, word in enumerate(WORDS)]
    stops: set[int] = set()
    matcher = quotes.QuoteMatcher(db, article, stops)
    ids = [matcher.match(s)[0] for s in article]
    matcher.write_fingerprints()
    assert len(set(ids)) == len(article) > quotes.STOP_SHINGLE
    one_by_one_stops: set[int] = set()
    assert ids == [quotes.match_or_create(other, s, one_by_one_stops)[0] for s in article]
    assert stops == one_by_one_stops and stops
