"""Fuzzing the readers and the extractor with hypothesis: arbitrary unicode, random quote marks,
random HTML, random JSON Lines and random bytes. Nothing raises, every span lies inside its text,
script and style text never reaches an article body.

Each property runs twice: a short run in the default suite, and a long one marked ``fuzz``
(``pytest -m fuzz``; CI runs it) with FUZZ_EXAMPLES inputs. docs/reliability.md has the figures.
"""

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract import extract
from tracker.models import Article
from tracker.readers import Skipped, EXTENSIONS, ReadError, read_file
from tracker.readers.decode import DecodeError, decode_bytes
from tracker.readers.html import load_tree, read_html
from tracker.readers.jsonl import read_jsonl
from tracker.readers.text import paragraph_spans, read_text_page

FUZZ_EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "3000"))
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u201e", "\u201f", "\u2018", "\u2019", "\u00ab", "\u00bb",
               "\u2039", "\u203a", "\u300c", "\u300d", "``", "''"]
WORDS = ["said", "says", "told", "she", "he", "they", "Mayor", "Ana", "Lopez", "Dr.", "Smith", "the", "minister",
         "according", "to", "added", "on", "Tuesday", "last", "week", "a", "spokesperson", "police", "Reuters",
         "By", "Tags:", "Share", "Published", "2024-03-05", "March", "3,", "—", "-", ":", ",", ".", "?", "!", "…",
         "\n", "\n\n", "\r\n", "\u2028", "\t", "  "]
SEPARATORS = st.sampled_from([" ", "", "\n", "\n\n"])

quote_heavy_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTE_MARKS), st.text(max_size=6)), max_size=120
).flatmap(lambda parts: SEPARATORS.map(lambda sep: sep.join(parts)))
unicode_text = st.text(st.characters(codec="utf-8"), max_size=600)  # every code point UTF-8 can carry
article_text = st.one_of(unicode_text, quote_heavy_text)

TAGS = ["p", "div", "span", "article", "main", "section", "h1", "h2", "a", "b", "i", "br", "table", "tr", "td",
        "ul", "li", "blockquote", "q", "script", "style", "noscript", "iframe", "nav", "footer", "header", "meta",
        "title", "head", "body", "html", "figure", "figcaption", "template", "svg", "math", "!--"]
ATTRIBUTES = st.sampled_from(["", ' class="story"', ' id="main"', ' href="javascript:alert(1)"', ' onload="x()"',
                              ' content="2024-01-02"', ' property="og:title"', ' itemprop="articleBody"', ' a=', ' "'])
SCRIPT_SENTINEL = "ZQXSCRIPTSENTINEL"
STYLE_SENTINEL = "ZQXSTYLESENTINEL"


def _element(children):
    return st.tuples(st.sampled_from(TAGS), ATTRIBUTES, st.lists(children, max_size=5), st.booleans()).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else ""))


html_text = st.one_of(quote_heavy_text, st.text(max_size=40), st.sampled_from(
    ["&amp;", "&lt;", "&#8220;", "&quot;", "&nbsp;", "<", ">", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<?xml?>"]))
html_fragment = st.recursive(html_text, _element, max_leaves=40)
scripts = st.sampled_from([
    f"<script>var s = '{SCRIPT_SENTINEL}'; document.write('<p>{SCRIPT_SENTINEL}</p>');</script>",
    f"<script type='text/javascript'>/* {SCRIPT_SENTINEL} */</script>",
    f"<style>p {{ color: red }} /* {STYLE_SENTINEL} */</style>",
    f"<style>.{STYLE_SENTINEL} {{ display: none }}</style>",
])
html_document = st.lists(st.one_of(html_fragment, scripts), max_size=8).map("".join)

json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | article_text,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                          max_leaves=8)
jsonl_record = st.fixed_dictionaries({}, optional={
    "text": json_value | article_text, "title": json_value, "url": json_value, "author": json_value,
    "published": json_value | st.sampled_from(["2024-03-05", "March 3, 2024", "yesterday", "0000-00-00"]),
    "source": json_value, "tags": json_value, "section": json_value})
jsonl_line = st.one_of(jsonl_record.map(lambda r: json.dumps(r, ensure_ascii=False)),
                       json_value.map(json.dumps), st.text(max_size=80), st.just(""))


def check_statements(article: Article) -> None:
    text = article.text
    for statement in extract(article):
        assert 0 <= statement.start <= statement.end <= len(text)
        assert text[statement.start:statement.end] == statement.text
        if statement.speaker_start is not None:
            assert 0 <= statement.speaker_start <= statement.speaker_end <= len(text)
            assert text[statement.speaker_start:statement.speaker_end] == statement.speaker_mention
        if statement.context is not None:
            assert statement.context in text


def check_article(article: Article) -> None:
    for start, end in article.paragraphs:
        assert 0 <= start < end <= len(article.text)
    assert article.content_hash  # body assembles
    check_statements(article)


# -- properties -------------------------------------------------------------------------------

def extractor_property(text: str) -> None:
    check_statements(Article(text=text, paragraphs=paragraph_spans(text), published="2024-03-05"))


def text_reader_property(text: str) -> None:
    for item in read_text_page(text, "fuzz.txt"):
        if isinstance(item, tuple):
            assert item == (0, "no article text found")
        else:
            assert item.text == text  # offsets index the file's own text
            check_article(item)


def html_reader_property(document: str) -> None:
    # Only text the parser really puts inside <script>/<style> must stay out: "<?<script>..." makes
    # the script a bogus comment and its words page text, in lxml as in a browser.
    tree = load_tree(document)
    visible = "" if tree is None else "".join(tree.xpath("//text()[not(ancestor::script) and not(ancestor::style)]"))
    hidden = [s for s in (SCRIPT_SENTINEL, STYLE_SENTINEL) if s not in visible]
    for item in read_html(document, "fuzz.html"):
        if isinstance(item, tuple):
            assert item == (0, "no article text found in the HTML")
            continue
        for sentinel in hidden:
            assert sentinel not in item.text and sentinel not in (item.title or "")
        check_article(item)


def jsonl_reader_property(lines: list[str]) -> None:
    content = "\n".join(lines)
    records = {number: line for number, line in enumerate(content.split("\n"), start=1) if line.strip()}
    results = list(read_jsonl(content, "fuzz.jsonl"))
    assert len(results) == len(records)  # one article or one error per non-blank line, in order
    for number, item in zip(records, results):
        if isinstance(item, tuple):
            assert item[0] == number and item[1]
        else:
            assert item.text == json.loads(records[number])["text"]
            check_article(item)


def file_property(data: bytes, extension: str) -> None:
    try:
        decode_bytes(data)
    except DecodeError:
        pass
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{extension}"
        path.write_bytes(data)
        for item in read_file(path):
            if isinstance(item, ReadError):
                assert str(item).startswith(str(path)) and item.reason
                assert not item.reason.startswith("reader failed"), item.reason  # a reader bug
            elif not isinstance(item, Skipped):  # a WARC record that is not an HTML page
                check_article(item)


raw_bytes = st.one_of(st.binary(max_size=400), article_text.map(lambda t: t.encode("utf-8")),
                      article_text.map(lambda t: t.encode("utf-16")),
                      article_text.map(lambda t: t.encode("cp1252", errors="ignore")))
extensions = st.sampled_from(sorted(EXTENSIONS))


# -- quick runs (default suite) ---------------------------------------------------------------

@QUICK
@given(article_text)
def test_extractor_quick(text):
    extractor_property(text)


@QUICK
@given(article_text)
def test_text_reader_quick(text):
    text_reader_property(text)


@QUICK
@given(html_document)
def test_html_reader_quick(document):
    html_reader_property(document)


@QUICK
@given(st.lists(jsonl_line, max_size=6))
def test_jsonl_reader_quick(lines):
    jsonl_reader_property(lines)


@QUICK
@given(raw_bytes, extensions)
def test_any_bytes_any_extension_quick(data, extension):
    file_property(data, extension)


def test_jsonl_keeps_line_separators_inside_records():
    # Caught by the JSON Lines property: str.splitlines() split a record at a raw U+2028 inside a JSON string.
    line = json.dumps({"text": "\u201cYes,\u201d she said.\u2028Next line\x1c\x85 here."}, ensure_ascii=False)
    [article] = list(read_jsonl(line + "\n" + "not json", "x.jsonl"))[:1]
    assert article.text == json.loads(line)["text"]
    assert list(read_jsonl(line + "\nnot json", "x.jsonl"))[1][0] == 2


def test_script_inside_a_heading_stays_out_of_the_title():
    # Found by fuzzing: trafilatura read the title from an <h1> with the text of the <script> inside it.
    document = (f"<script>var s = '{SCRIPT_SENTINEL}';</script><h1><div>said said said said said said said said"
                f"<script>var s = '{SCRIPT_SENTINEL}'; document.write('<p>{SCRIPT_SENTINEL}</p>');</script>")
    html_reader_property(document)


def test_html_fragment_rooted_in_svg():
    # Found by fuzzing: htmldate (inside trafilatura) asserted on a tree whose root was <svg>.
    html_reader_property(f"<SVG><script>var s = '{SCRIPT_SENTINEL}';</script><script>x</script>")
    html_reader_property("<svg><p>" + "Nothing here but words said by nobody at all. " * 3 + "</p></svg>")


def test_jsonl_odd_field_types_cost_nothing():
    # Found by fuzzing: "tags": 1 raised TypeError, which lost the rest of the file.
    content = "\n".join([json.dumps({"text": "0", "tags": 1}), json.dumps({"text": "x", "tags": [{"a": 1}, "b"]}),
                         json.dumps({"text": "y", "title": {"nested": [1]}, "published": ["2024"]})])
    articles = list(read_jsonl(content, "x.jsonl"))
    assert [(a.text, a.tags) for a in articles] == [("0", ["1"]), ("x", ["b"]), ("y", [])]


# -- long runs (pytest -m fuzz) ---------------------------------------------------------------

@pytest.mark.fuzz
@LONG
@given(article_text)
def test_extractor_fuzz(text):
    extractor_property(text)


@pytest.mark.fuzz
@LONG
@given(article_text)
def test_text_reader_fuzz(text):
    text_reader_property(text)


@pytest.mark.fuzz
@settings(LONG, max_examples=max(1, FUZZ_EXAMPLES // 3))  # trafilatura is the slow part
@given(html_document)
def test_html_reader_fuzz(document):
    html_reader_property(document)


@pytest.mark.fuzz
@LONG
@given(st.lists(jsonl_line, max_size=8))
def test_jsonl_reader_fuzz(lines):
    jsonl_reader_property(lines)


@pytest.mark.fuzz
@LONG
@given(raw_bytes, extensions)
def test_any_bytes_any_extension_fuzz(data, extension):
    file_property(data, extension)
