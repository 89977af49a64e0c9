"""Property tests: the extractor and the text reader never raise and never return a span outside the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract import extract
from tracker.models import Article
from tracker.readers.text import paragraph_spans, parse_page

from .test_fuzz import check_statements

QUOTE_MARKS = ['"', "\u201c", "\u201d", "\u00ab", "\u00bb", "'", "\u2018", "\u2019"]
WORDS = ["said", "she", "he", "told", "reporters", "Mayor", "Ana", "Lopez", "the", "minister", "that", "according",
         "to", ",", ".", ":", "\n\n", "\n", "added", "on", "Tuesday", "By", "Tags:", "#News", "Share", "—", "officials"]
newsy_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTE_MARKS), st.text(max_size=8)), max_size=80).map(" ".join)
any_text = st.one_of(st.text(max_size=400), newsy_text)


def check(text: str, published: str | None = "2024-01-02"):
    check_statements(Article(text=text, paragraphs=paragraph_spans(text), published=published))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(any_text)
def test_extract_never_raises_and_spans_index_the_text(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_text_reader_never_raises_and_paragraphs_are_in_the_text(text):
    article = parse_page(text)
    for start, end in article.paragraphs:
        assert 0 <= start < end <= len(text)
    check_page = Article(text=article.text, paragraphs=article.paragraphs)
    for statement in extract(check_page):
        assert text[statement.start:statement.end] == statement.text
