"""Bad input, one test each: the run goes on, the bad item gets one line naming it (and the line
where it applies) with the reason, the good items land, the exit code is 1 when anything failed,
and ingest_errors keeps what failed so ``tracker ingest --retry-failed`` can try again."""

import json
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from sqlite_utils import Database

from tracker.cli import cli
from tracker.extract import extract
from tracker.extract.units import find_quotes, sentence_spans
from tracker.models import Article, Statement
from tracker.readers.decode import MAX_ARTICLE_BYTES
from tracker.readers.text import paragraph_spans
from tracker.store import store_article

from .conftest import write
from .synthetic import article_text, jsonl_line


def ingest(runner, db_path, *paths, extra=()):
    return runner.invoke(cli, ["ingest", *map(str, paths), "--db", str(db_path), "--silent", *extra])


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def errors_table(db_path) -> list[tuple]:
    return [(r["path"], r["line"], r["reason"]) for r in Database(db_path).query(
        "select path, line, reason from ingest_errors order by id")]


def titles(db_path) -> list[str]:
    return [r["title"] for r in Database(db_path).query("select title from articles order by id")]


@pytest.fixture
def good(tmp_path) -> Path:
    return write(tmp_path, "good.txt", article_text(1))


def assert_one_failure(result, db_path, bad: Path, reason: str, line: int | None = None):
    where = f"{bad}:{line}" if line else f"{bad}"
    assert result.exit_code == 1, result.output
    assert error_lines(result) == [f"error: {where}: {reason}"]
    assert errors_table(db_path) == [(str(bad), line, reason)]
    assert ", 1 failed; statements: " in result.stdout


def test_empty_file(runner, db_path, tmp_path, good):
    bad = write(tmp_path, "empty.txt", b"")
    blank = write(tmp_path, "blank.txt", b" \n\n\t\n")
    result = ingest(runner, db_path, good, bad, blank)
    assert result.exit_code == 1
    assert error_lines(result) == [f"error: {bad}: empty file", f"error: {blank}: empty file"]
    assert len(titles(db_path)) == 1
    assert errors_table(db_path) == [(str(bad), None, "empty file"), (str(blank), None, "empty file")]


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def test_image_renamed_txt(runner, db_path, tmp_path, good):
    bad = write(tmp_path, "photo.txt", tiny_png())
    result = ingest(runner, db_path, good, bad)
    assert_one_failure(result, db_path, bad, "binary file, not text")
    assert len(titles(db_path)) == 1


def test_windows_1252_smart_quotes_decode(runner, db_path, tmp_path):
    text = ("Harbour Works Delayed\n\nBy Lena Novak | Harbour Times | May 2, 2024\n\n"
            "\u201cThe harbour wall will not be ready before June,\u201d said Mayor Ana Lopez. "
            "She called it a \u2018setback\u2019 \u2013 nothing more.\n")
    path = write(tmp_path, "cp1252.txt", text.encode("cp1252"))
    assert b"\x93" in path.read_bytes()  # really Windows-1252, not UTF-8
    result = ingest(runner, db_path, path)
    assert result.exit_code == 0, result.output
    db = Database(db_path)
    body = db["articles"].get(1)["body"]
    assert "\u201cThe harbour wall" in body and "\u2018setback\u2019 \u2013" in body
    assert "\u00e2\u20ac" not in body  # the mojibake UTF-8-read-as-1252 would give
    assert [(r["text"], r["kind"]) for r in db.query("select text, kind from statements")] == [
        ("The harbour wall will not be ready before June", "direct")]


def test_utf16_with_bom(runner, db_path, tmp_path):
    utf8 = write(tmp_path, "a/story.txt", article_text(7))
    utf16 = write(tmp_path, "b/story.txt", article_text(7).encode("utf-16"))
    assert utf16.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    rows = []
    for path in (utf8, utf16):
        db_file = tmp_path / f"{path.parent.name}.db"
        assert ingest(runner, db_file, path).exit_code == 0
        rows.append([(r["text"], r["start_offset"]) for r in Database(db_file).query("select * from statements order by id")])
    assert rows[0] and rows[0] == rows[1]


def test_50_megabyte_file_is_refused_without_reading_it(runner, db_path, tmp_path, good):
    bad = tmp_path / "huge.txt"
    with bad.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs, written instantly
    size = bad.stat().st_size
    started = time.perf_counter()
    result = ingest(runner, db_path, good, bad)
    assert time.perf_counter() - started < 10
    assert_one_failure(result, db_path, bad, f"too large for one article ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})")
    assert len(titles(db_path)) == 1


def test_50_megabyte_jsonl_record_is_refused_and_its_neighbours_land(runner, db_path, tmp_path):
    bad = tmp_path / "huge.jsonl"
    filler = "Word " * (10 * 1024 * 1024)  # 50 MB of text in one record
    bad.write_text(jsonl_line(1) + "\n" + json.dumps({"text": filler}) + "\n" + jsonl_line(2) + "\n", encoding="utf-8")
    assert bad.stat().st_size > 50 * 1024 * 1024
    result = ingest(runner, db_path, bad)
    line_length = len(json.dumps({"text": filler}))
    assert_one_failure(result, db_path, bad,
                       f"too large for one article ({line_length:,} characters; the limit is {MAX_ARTICLE_BYTES:,})", line=2)
    assert titles(db_path) == ["Story 1", "Story 2"]


def test_html_with_no_article_body(runner, db_path, tmp_path, good):
    bad = write(tmp_path, "menu.html", "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
                                       "<a href='/news'>News</a></nav><footer>Contact us</footer></body></html>")
    result = ingest(runner, db_path, good, bad)
    assert_one_failure(result, db_path, bad, "no article text found in the HTML")


def test_html_scripts_and_styles_stay_out_of_the_body(runner, db_path, tmp_path):
    page = """<html><head><title>Park Opens</title><style>body { color: red } /* STYLE_TEXT */</style>
    <script>var tracking = "SCRIPT_TEXT_HEAD";</script></head><body><article><h1>Park Opens</h1>
    <p>The new riverside park opened on Saturday after two years of building work and much debate.</p>
    <script>document.write("SCRIPT_TEXT_BODY <p>fake paragraph</p>");</script>
    <style>.ad { display: none } STYLE_TEXT_BODY</style>
    <p>\u201cThis park belongs to everyone who lives along the river,\u201d said Mayor Ana Lopez at the opening.</p>
    <noscript>NOSCRIPT_TEXT</noscript>
    <p>Officials said the park would host a market every Sunday during the summer months.</p>
    </article></body></html>"""
    path = write(tmp_path, "park.html", page)
    result = ingest(runner, db_path, path)
    assert result.exit_code == 0, result.output
    db = Database(db_path)
    body = db["articles"].get(1)["body"]
    assert "riverside park" in body and "belongs to everyone" in body
    for leaked in ("SCRIPT_TEXT", "STYLE_TEXT", "color: red", "display: none", "document.write", "fake paragraph"):
        assert leaked not in body
    for row in db["statements"].rows:
        assert "SCRIPT" not in row["text"] and "SCRIPT" not in (row["context"] or "")


def test_jsonl_malformed_line_among_good_ones_then_retry(runner, db_path, tmp_path):
    bad = write(tmp_path, "wire.jsonl", "\n".join([jsonl_line(1), '{"title": "cut off", "text": "Half a rec', jsonl_line(3)]) + "\n")
    result = ingest(runner, db_path, bad)
    reason = "invalid JSON: Unterminated string starting at at column 30"
    assert_one_failure(result, db_path, bad, reason, line=2)
    assert titles(db_path) == ["Story 1", "Story 3"]

    bad.write_text("\n".join([jsonl_line(1), jsonl_line(2), jsonl_line(3)]) + "\n", encoding="utf-8")  # fixed by hand
    retry = runner.invoke(cli, ["ingest", "--retry-failed", "--db", str(db_path)])
    assert retry.exit_code == 0, retry.output
    assert retry.stderr.startswith("retrying 1 failed path\n")
    assert retry.stdout.startswith("articles: 1 added, 2 unchanged, 0 replaced, 0 failed; statements: ")
    assert titles(db_path) == ["Story 1", "Story 3", "Story 2"]
    assert errors_table(db_path) == []


def test_retry_failed_keeps_what_still_fails(runner, db_path, tmp_path, good):
    bad = write(tmp_path, "empty.txt", b"")
    ingest(runner, db_path, good, bad)
    again = runner.invoke(cli, ["ingest", "--retry-failed", "--db", str(db_path)])
    assert again.exit_code == 1
    assert error_lines(again) == [f"error: {bad}: empty file"]
    assert errors_table(db_path) == [(str(bad), None, "empty file")]  # replaced, not piled up


def test_errors_of_one_file_are_not_cleared_by_its_good_lines(db, tmp_path):
    from tracker.ingest import ingest_paths

    bad = write(tmp_path, "wire.jsonl", "\n".join(["not json", jsonl_line(2), jsonl_line(3)]) + "\n")
    summary = ingest_paths(db, [bad])
    assert (summary.added, summary.failed) == (2, 1)
    assert [(r["path"], r["line"]) for r in db["ingest_errors"].rows] == [(str(bad), 1)]


UNBALANCED = """Quotes Gone Wrong

By Omar Haddad | Valley Ledger | June 3, 2024

"We will finish the road by autumn, said Councillor Joan Ellis, without a closing mark.

Ellis added that nobody had asked" about the cost.

\u201cOne opening \u201cand another\u201d and a lone closing\u201d mark\u201d here, said Pavel Ivanov.

\u00abThe bridge is safe, he said. \u201d\u201d\u201c"

A last paragraph with "straight "quotes" everywhere" said Ana Lopez "
"""


def test_unbalanced_quote_marks(runner, db_path, tmp_path, good):
    path = write(tmp_path, "unbalanced.txt", UNBALANCED)
    result = ingest(runner, db_path, good, path)
    assert result.exit_code == 0, result.output
    db = Database(db_path)
    article = db["articles"].get(2)
    rows = list(db.query("select * from statements where article_id = 2"))
    assert article["statement_count"] == len(rows) > 0
    for row in rows:
        assert UNBALANCED[row["start_offset"]:row["end_offset"]] == row["text"]


def many_quotes(count: int, per_paragraph: int) -> str:
    paragraphs = ["Mayor Ana Lopez spoke for hours at the council meeting."]
    for first in range(0, count, per_paragraph):
        paragraphs.append(" ".join(f"\u201cPoint {n} stands,\u201d she said."
                                   for n in range(first, min(count, first + per_paragraph))))
    return "\n\n".join(paragraphs)


def test_ten_thousand_quotes_in_one_paragraph_units_are_not_quadratic():
    text = many_quotes(10_000, 10_000)
    paragraphs = paragraph_spans(text)
    started = time.perf_counter()
    quotes = find_quotes(text, paragraphs)
    p_start, p_end = paragraphs[1]
    sentences = sentence_spans(text, p_start, p_end, quotes)
    elapsed = time.perf_counter() - started
    assert len(quotes) == 10_000 and len(sentences) == 10_000
    assert elapsed < 1.5  # linear: 0.03 s; the old scan of every quote per sentence took 4.8 s


def test_ten_thousand_statements_store_in_one_transaction(db):
    text = many_quotes(10_000, 1)
    quotes = find_quotes(text, paragraph_spans(text))
    statements = [Statement(text=text[q.start:q.end], start=q.start, end=q.end, kind="direct", speaker="Ana Lopez",
                            speaker_mention="she", speaker_type="person", mention_kind="pronoun") for q in quotes]
    article = Article(text=text, paragraphs=paragraph_spans(text), path="many.txt")
    from tracker.schema import ensure_schema
    ensure_schema(db)
    started = time.perf_counter()
    store_article(db, article, statements, "test")
    assert time.perf_counter() - started < 30  # ~2 s; a per-row lookup scan would be minutes
    assert db["statements"].count == 10_000 == db["articles"].get(1)["statement_count"]


def test_extractor_time_grows_linearly_with_quotes():
    def seconds(count):
        text = many_quotes(count, 1)
        article = Article(text=text, paragraphs=paragraph_spans(text))
        started = time.perf_counter()
        found = extract(article)
        assert len(found) == count
        return time.perf_counter() - started

    small, large = seconds(1000), seconds(4000)
    assert large < 8 * small  # linear is 4x; quadratic is 16x


@pytest.mark.stress
def test_ten_thousand_quotes_ingest(runner, db_path, tmp_path, good):
    path = write(tmp_path, "many.txt", many_quotes(10_000, 1))
    result = ingest(runner, db_path, good, path)
    assert result.exit_code == 0, result.output
    db = Database(db_path)
    assert db["statements"].count_where("article_id = 2") == 10_000 == db["articles"].get(2)["statement_count"]


def test_unreadable_file_simulated(runner, db_path, tmp_path, good, monkeypatch):
    # Tests run as root, where chmod 000 does not stop a read: make the read fail the way it would.
    locked = write(tmp_path, "dir/locked.txt", article_text(2))
    other = write(tmp_path, "dir/other.txt", article_text(3))
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = ingest(runner, db_path, good, tmp_path / "dir")
    assert_one_failure(result, db_path, locked, "cannot read: Permission denied")
    assert len(titles(db_path)) == 2 and other.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; the simulated test covers this")
def test_unreadable_file_and_directory_chmod(runner, db_path, tmp_path, good):
    locked = write(tmp_path, "dir/locked.txt", article_text(2))
    write(tmp_path, "dir/sub/inside.txt", article_text(3))
    locked.chmod(0)
    (tmp_path / "dir" / "sub").chmod(0)
    try:
        result = ingest(runner, db_path, good, tmp_path / "dir")
    finally:
        (tmp_path / "dir" / "sub").chmod(0o755)
        locked.chmod(0o644)
    assert result.exit_code == 1
    assert sorted(error_lines(result)) == sorted([f"error: {locked}: cannot read: Permission denied",
                                                  f"error: {tmp_path / 'dir' / 'sub'}: cannot read directory: Permission denied"])


def test_broken_symlinks(runner, db_path, tmp_path, good):
    folder = tmp_path / "dir"
    write(tmp_path, "dir/real.txt", article_text(4))
    link = folder / "link.txt"
    link.symlink_to(folder / "gone.txt")
    result = ingest(runner, db_path, good, folder)
    assert_one_failure(result, db_path, link, f"broken symbolic link (to {folder / 'gone.txt'})")
    assert len(titles(db_path)) == 2


def test_reader_crash_costs_one_file(runner, db_path, tmp_path, good, monkeypatch):
    import tracker.readers as readers

    def broken(content, path):
        raise RecursionError("maximum recursion depth exceeded")
        yield  # a generator, like the real readers

    monkeypatch.setitem(readers.READERS, "html", broken)
    bad = write(tmp_path, "page.html", "<p>x</p>")
    result = ingest(runner, db_path, good, bad)
    assert_one_failure(result, db_path, bad, "reader failed: RecursionError: maximum recursion depth exceeded")


def test_jsonl_records_without_urls_are_separate_articles(runner, db_path, tmp_path):
    # Found while writing the README: matching by file path made each URL-less record replace the first.
    lines = [json.dumps({"title": f"Note {n}", "text": f"\u201cItem {n} is ready,\u201d said Director Omar Haddad."})
             for n in range(3)]
    path = write(tmp_path, "notes.jsonl", "\n".join(lines) + "\n")
    first = ingest(runner, db_path, path)
    assert first.stdout.startswith("articles: 3 added, 0 unchanged, 0 replaced, 0 failed")
    again = ingest(runner, db_path, path)
    assert again.stdout.startswith("articles: 0 added, 3 unchanged, 0 replaced, 0 failed")
    assert titles(db_path) == ["Note 0", "Note 1", "Note 2"]
    assert Database(db_path)["statements"].count == 3


def test_ingest_needs_paths_or_retry(runner, db_path):
    result = runner.invoke(cli, ["ingest", "--db", str(db_path)])
    assert result.exit_code == 2 and "give PATHS to ingest, or --retry-failed" in result.output
    nothing = runner.invoke(cli, ["ingest", "--retry-failed", "--db", str(db_path)])
    assert nothing.exit_code == 0
    assert (nothing.stderr, nothing.stdout) == (
        "retrying 0 failed paths\n", "articles: 0 added, 0 unchanged, 0 replaced, 0 failed; statements: 0 added\n")


def test_extractor_crash_costs_one_article(runner, db_path, tmp_path, good, monkeypatch):
    import tracker.cli as cli_module
    import tracker.ingest as ingest_module

    real_extract = ingest_module.extract

    def fragile(article):
        if "boom" in article.text:
            raise IndexError("string index out of range")
        return real_extract(article)

    monkeypatch.setattr(ingest_module, "extract", fragile)
    monkeypatch.setattr(cli_module, "extract", fragile)
    bad = write(tmp_path, "boom.txt", "A Headline Here\n\nThe word boom is here and it goes on for a while.\n")
    result = ingest(runner, db_path, good, bad)
    assert_one_failure(result, db_path, bad, "IndexError: string index out of range")
    printed = runner.invoke(cli, ["extract", str(good), str(bad)])
    assert printed.exit_code == 1
    assert error_lines(printed) == [f"error: {bad}: extraction failed: IndexError: string index out of range"]
    assert printed.stdout.count('"file": ') >= 1  # the good file's statements still printed
