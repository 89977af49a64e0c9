"""Quotes across outlets: normalizing, which statements form quotes, matching variants by index."""

import pytest
from sqlite_utils import Database

from tracker.models import Statement
from tracker.quotes import (MIN_QUOTE_WORDS, find_quote, normalize, quote_for, quote_tokens, quoted_words,
                            shared_fraction)
from tracker.schema import ensure_schema

WALL = "We will rebuild the harbour wall before the winter storms arrive, and we will pay for it without new taxes"


@pytest.fixture
def qdb():
    db = Database(memory=True)
    ensure_schema(db)
    return db


def quote(db, text, kind="direct"):
    return quote_for(db, Statement(text=text, start=0, end=len(text), kind=kind))


def test_normalize_ignores_case_accents_marks_and_ellipses():
    assert normalize("“We’ll WIN… the vote,” she said") == normalize('"we\'ll win... the vote," she said') == [
        "well", "win", "the", "vote", "she", "said"]
    assert normalize("Ça [the city] ira") == ["ca", "the", "city", "ira"]


def test_which_statements_form_quotes():
    assert quote_tokens("one two three four five six", "direct") == ["one", "two", "three", "four", "five", "six"]
    assert quote_tokens("one two three four five", "direct") is None  # under MIN_QUOTE_WORDS
    assert MIN_QUOTE_WORDS == 6
    assert quote_tokens("the plan would protect every library in town", "indirect") is None  # paraphrase
    assert quote_tokens("a very long partial quote of many words", "partial") is not None
    mixed = 'the budget was "a serious step toward rebuilding the corridor" and would pass'
    assert quoted_words(mixed, "mixed") == "a serious step toward rebuilding the corridor"
    assert quote_tokens('she called it "a total disaster" today, loudly and at length', "mixed") is None


def test_shared_fraction():
    short = normalize("rebuild the harbour wall before the winter storms")
    assert shared_fraction(short, normalize(WALL)) == 1.0
    assert shared_fraction(normalize("We won't rebuild the harbour wall before the winter"), normalize(WALL)) == 8 / 9  # "wont" for "will"
    assert shared_fraction(normalize("Taxes will go up for every family in the region"), normalize(WALL)) < 0.3


@pytest.mark.parametrize("variant", [
    WALL,
    WALL.upper(),
    "“" + WALL.replace(",", "") + "”",
    "We will rebuild the harbour wall before the winter storms arrive",  # shortened
    "We will rebuild the harbour wall... and we will pay for it without new taxes",  # ellipsis cut
    "We shall rebuild the harbour wall before the winter storms arrive, and we will pay for it without any new taxes",
])
def test_variants_find_the_same_quote(qdb, variant):
    first = quote(qdb, WALL)
    assert quote(qdb, variant) == first
    assert qdb["quotes"].count == 1


@pytest.mark.parametrize("other", [
    "We will rebuild the school before the winter term starts",
    "Nobody asked the fishermen what they needed from the harbour",
    "the harbour wall before",  # too short to be a quote at all
])
def test_different_words_are_different_quotes(qdb, other):
    first = quote(qdb, WALL)
    assert quote(qdb, other) != first


def test_candidate_lookup_uses_indexes_not_a_scan(qdb):
    quote(qdb, WALL)
    statements = []
    qdb.conn.set_trace_callback(statements.append)  # the SQL as run, parameters filled in
    find_quote(qdb, normalize("We will rebuild the harbour wall before the storms"))
    qdb.conn.set_trace_callback(None)
    plans = [row[3] for sql in statements if sql.lstrip().lower().startswith("select") and "quote" in sql
             for row in qdb.conn.execute("explain query plan " + sql)]
    assert plans and all("SCAN quote" not in p or "USING" in p for p in plans), plans
    assert any("quote_shingles" in p and "USING" in p for p in plans)


def test_a_common_phrase_neither_hides_a_variant_nor_costs_a_full_scan(qdb):
    """Many quotes share "we are going to make sure that": each lookup reads at most
    STOP_SHINGLE + 1 postings of such a shingle, then skips it, and still finds the variant
    through its rarer words."""
    from tracker.quotes import STOP_SHINGLE

    topics = ["the ferry", "the bridge", "the clinic", "the library", "the school", "the harbour", "the market",
              "the tram", "the park", "the museum", "the depot", "the pier", "the stadium", "the canal",
              "the archive", "the theatre", "the hostel", "the airport", "the station", "the square"]
    assert len(topics) > STOP_SHINGLE
    ids = [quote(qdb, f"We are going to make sure that {topic} " + " ".join(f"{word}{n}" for word in
                                                                           ("plan", "fund", "crew", "site", "date")))
           for n, topic in enumerate(topics)]
    assert len(set(ids)) == len(topics)
    target = quote(qdb, "We are going to make sure that the granary museum on the quay reopens for every visitor")
    statements = []
    qdb.conn.set_trace_callback(statements.append)
    stop: set[int] = set()
    found = quote(qdb, "we are going to make sure that the granary museum on the quay reopens for visitors")
    qdb.conn.set_trace_callback(None)
    assert found == target
    rows = sum(1 for sql in statements if "union all" in sql for _ in qdb.conn.execute(sql))
    assert rows <= (STOP_SHINGLE + 1) * 20
    find_quote(qdb, normalize("We are going to make sure that the granary museum reopens"), stop)
    assert stop  # the common shingles, remembered for the rest of the run


@pytest.mark.parametrize("row", [
    {"text": WALL, "kind": "direct", "speaker_id": 3, "source_id": 2, "published": "2024-05-01"},
    {"text": 'the mayor said the wall was "a promise we will keep to every family"', "kind": "mixed",
     "speaker_id": None, "source_id": None, "published": None},
])
def test_a_quote_of_one_statement_gets_the_values_of_the_general_rule(row):
    from tracker.quotes import _values_of_many, quote_values

    row = {**row, "id": 7, "article_id": 5, "speaker": "Ana Silva", "speaker_type": "person"}
    assert quote_values([row]) == _values_of_many([row])


def test_stored_quotes_equal_the_pure_function_of_their_statements(tmp_path):
    """refresh_quotes groups in SQLite; quote_values reads every statement: same row for every quote."""
    from benchmarks.generate import write_corpus
    from tracker.ingest import ingest_paths
    from tracker.quotes import _STATEMENT_ROWS, quote_values

    write_corpus(tmp_path / "corpus", 60, seed=5, per_file=20)
    db = Database(tmp_path / "t.db")
    ingest_paths(db, [tmp_path / "corpus"], commit_every=7)
    quotes = list(db.query("select * from quotes order by id"))
    assert any(q["statement_count"] > 2 and q["speaker_count"] > 1 for q in quotes)
    for stored in quotes:
        rows = list(db.query(_STATEMENT_ROWS, [stored["id"]]))
        assert {k: stored[k] for k in quote_values(rows)} == quote_values(rows)


def _report(db, outlet, published, text, speaker, number):
    """Store one article of one outlet reporting ``text`` as said by ``speaker``."""
    from tracker.models import Article
    from tracker.store import store_article

    body = f'"{text}," {speaker} said at meeting {number}.'
    article = Article(text=body, paragraphs=[(0, len(body))], source=outlet, published=published,
                      url=f"https://{outlet}.example/{number}")
    statement = Statement(text=text, start=1, end=1 + len(text), kind="direct", speaker=speaker,
                          speaker_mention=speaker, speaker_type="person", mention_kind="name")
    store_article(db, article, [statement], "test")


def _quote_row(db):
    (row,) = db.query("select q.text, s.name as speaker, q.first_seen, q.article_count, q.outlet_count, "
                      "q.statement_count, q.speaker_count, q.contested from quotes q "
                      "left join speakers s on s.id = q.speaker_id")
    return row


def test_a_quote_gaining_statements_is_updated_from_its_row_and_indexed_counts(qdb):
    """Each report updates the counts without reading the quote's earlier statements; a tie
    between speakers goes to the one reported first, equally long variants to code point order."""
    shorter = WALL.replace("winter storms", "storms")  # 18 words against WALL's 19
    _report(qdb, "harbour-news", "2024-05-03", shorter, "Ana Silva", 1)
    assert _quote_row(qdb) == {"text": shorter, "speaker": "Ana Silva", "first_seen": "2024-05-03",
                               "article_count": 1, "outlet_count": 1, "statement_count": 1,
                               "speaker_count": 1, "contested": 0}
    traced = []
    qdb.conn.set_trace_callback(traced.append)
    _report(qdb, "coast-daily", "2024-05-01", WALL, "Bruno Costa", 2)  # earlier date, longer variant
    qdb.conn.set_trace_callback(None)
    assert not [sql for sql in traced if "group by statements.quote_id" in sql]  # no recomputing
    # one statement each: the speaker reported first, by the date of the article (May 1)
    assert _quote_row(qdb) == {"text": WALL, "speaker": "Bruno Costa", "first_seen": "2024-05-01",
                               "article_count": 2, "outlet_count": 2, "statement_count": 2,
                               "speaker_count": 2, "contested": 1}
    _report(qdb, "coast-daily", "2024-05-04", WALL, "Bruno Costa", 3)  # same outlet: no new outlet
    assert _quote_row(qdb) == {"text": WALL, "speaker": "Bruno Costa", "first_seen": "2024-05-01",
                               "article_count": 3, "outlet_count": 2, "statement_count": 3,
                               "speaker_count": 2, "contested": 1}
    same_length = WALL.replace("harbour", "Harbor")
    _report(qdb, "bay-times", "2024-05-05", same_length, "Ana Silva", 4)
    assert _quote_row(qdb)["text"] == min(WALL, same_length) == same_length  # "H" sorts before "h"
    assert _quote_row(qdb)["speaker"] == "Bruno Costa"  # 2 each, Bruno Costa reported first (May 1)
