"""RSS and Atom feeds and WARC web archives, built in the tests."""

import io
import json

from sqlite_utils import Database
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tracker.cli import cli
from tracker.readers import ReadError, Skipped, read_file

from .conftest import write

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://harbourgazette.example/</link>
  <description>News from the harbour town</description>
  <item>
    <title>Ferry timetable cut for winter</title>
    <link>https://harbourgazette.example/ferry-winter</link>
    <dc:creator>Tomas Berg</dc:creator>
    <pubDate>Tue, 05 Nov 2024 09:30:00 +0000</pubDate>
    <category>Transport</category>
    <category>Ferries</category>
    <description>Fewer sailings from December.</description>
    <content:encoded><![CDATA[<p>The island ferry will sail four times a day instead of six from December, the operator said on Monday.</p>
<p>"We would rather run fewer boats than cancel them at the last minute," said operations manager <b>Lena Fisk</b>.</p>]]></content:encoded>
  </item>
  <item>
    <title>Market square to be repaved</title>
    <link>https://harbourgazette.example/market-square</link>
    <pubDate>Wed, 06 Nov 2024 14:00:00 +0000</pubDate>
    <description>&lt;p&gt;Work on the &lt;i&gt;market square&lt;/i&gt; starts in March, &amp;amp; traders say they were not asked.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Empty entry</title>
    <link>https://harbourgazette.example/empty</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title>
  <id>urn:uuid:6c1f0e0a-valley</id>
  <updated>2024-06-02T10:00:00Z</updated>
  <entry>
    <title>Reservoir levels recover after rain</title>
    <link href="https://valleycourier.example/reservoir"/>
    <id>urn:uuid:reservoir-2024</id>
    <published>2024-06-01T08:15:00Z</published>
    <updated>2024-06-02T10:00:00Z</updated>
    <author><name>Ruth Adeyemi</name></author>
    <category term="Water"/>
    <summary>Good news for gardeners.</summary>
    <content type="html">&lt;p&gt;The reservoir is at eighty percent after a wet May, the water board said.&lt;/p&gt;&lt;p&gt;"The hosepipe ban will end on Friday," said board chair Samuel Okoro.&lt;/p&gt;</content>
  </entry>
</feed>
"""

PAGE = """<!doctype html><html><head><title>Bridge repairs delayed | Riverside Post</title>
<meta property="og:site_name" content="Riverside Post">
<meta name="author" content="Ines Varga">
</head><body><nav>Home | Local | Sport</nav><article><h1>Bridge repairs delayed</h1>
<p>Repairs to the old river bridge will not start before the summer, the county engineer told councillors this week.</p>
<p>"The steel we ordered has not arrived, and we will not start a job we cannot finish," said county engineer Paul Hartley.</p>
<p>Drivers will keep using the diversion through the industrial estate until then, which adds ten minutes to the trip.</p>
</article></body></html>"""


def build_warc(gzip: bool = False) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)

    def response(uri, body, content_type, date):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(record)

    response("https://riversidepost.example/bridge", PAGE.encode("utf-8"), "text/html; charset=utf-8",
             "2024-03-14T16:20:00Z")
    response("https://riversidepost.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png",
             "2024-03-14T16:20:01Z")
    writer.write_record(writer.create_warc_record(
        "https://riversidepost.example/bridge", "request", payload=io.BytesIO(b"GET /bridge HTTP/1.1\r\n\r\n"),
        warc_headers_dict={"WARC-Date": "2024-03-14T16:20:00Z"},
    ))
    return buffer.getvalue()


def test_rss_entries_are_articles(tmp_path):
    path = write(tmp_path, "gazette.rss", RSS)
    items = list(read_file(path))
    ferry, market, empty = items
    assert {
        "title": ferry.title, "url": ferry.url, "author": ferry.author, "published": ferry.published,
        "source": ferry.source, "tags": ferry.tags, "summary": ferry.summary, "format": ferry.format,
    } == {
        "title": "Ferry timetable cut for winter", "url": "https://harbourgazette.example/ferry-winter",
        "author": "Tomas Berg", "published": "2024-11-05T09:30:00", "source": "Harbour Gazette",
        "tags": ["Transport", "Ferries"], "summary": "Fewer sailings from December.", "format": "feed",
    }
    # full text from content:encoded, HTML turned into paragraphs, no tags left
    assert ferry.body == (
        "The island ferry will sail four times a day instead of six from December, the operator said on Monday.\n\n"
        "\"We would rather run fewer boats than cancel them at the last minute,\" said operations manager Lena Fisk."
    )
    # no content: the summary, its escaped HTML read as HTML
    assert market.body == "Work on the market square starts in March, & traders say they were not asked."
    assert market.author is None and market.tags == []
    assert isinstance(empty, ReadError)
    assert str(empty) == f"{path}:3: entry 'Empty entry' has no content or summary"


def test_atom_entry_with_html_content(tmp_path):
    path = write(tmp_path, "courier.atom", ATOM)
    [article] = list(read_file(path))
    assert (article.title, article.url, article.author, article.published, article.source, article.tags) == (
        "Reservoir levels recover after rain", "https://valleycourier.example/reservoir", "Ruth Adeyemi",
        "2024-06-01T08:15:00", "Valley Courier", ["Water"],
    )
    assert article.paragraphs and "<p>" not in article.text
    assert article.body.endswith('"The hosepipe ban will end on Friday," said board chair Samuel Okoro.')


def test_xml_that_is_not_a_feed_is_a_clear_error(tmp_path):
    path = write(tmp_path, "sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    [error] = list(read_file(path))
    assert isinstance(error, ReadError)
    assert str(error) == f"{path}: no RSS or Atom entries found"


def test_format_feed_forces_the_reader(tmp_path):
    path = write(tmp_path, "courier.txt", ATOM)
    [article] = list(read_file(path, "feed"))
    assert article.format == "feed" and article.source == "Valley Courier"


def test_feeds_ingest_with_statements(runner, db_path, tmp_path):
    write(tmp_path / "feeds", "gazette.rss", RSS)
    write(tmp_path / "feeds", "courier.atom", ATOM)
    result = runner.invoke(cli, ["ingest", str(tmp_path / "feeds"), "--db", str(db_path)])
    assert result.exit_code == 1  # the empty RSS entry
    assert result.output.splitlines()[-1] == "articles: 3 added, 0 unchanged, 0 replaced, 1 failed; statements: 5 added"
    db = Database(db_path)
    rows = list(db.query(
        "select statements.speaker_mention, statements.text, sources.name as outlet, articles.url from statements"
        " join sources on sources.id = statements.source_id join articles on articles.id = statements.article_id"
        " where statements.kind = 'direct' order by statements.id"))
    assert rows == [
        {"speaker_mention": "board chair Samuel Okoro", "text": "The hosepipe ban will end on Friday",
         "outlet": "Valley Courier", "url": "https://valleycourier.example/reservoir"},
        {"speaker_mention": "operations manager Lena Fisk",
         "text": "We would rather run fewer boats than cancel them at the last minute",
         "outlet": "Harbour Gazette", "url": "https://harbourgazette.example/ferry-winter"},
    ]
    tags = {r["name"] for r in db.query("select name from tags")}
    assert tags == {"Transport", "Ferries", "Water"}


def test_warc_html_responses_are_articles(tmp_path):
    path = write(tmp_path, "crawl.warc", build_warc())
    items = list(read_file(path))
    article, skipped = items
    assert (article.url, article.title, article.author, article.source, article.published, article.fetched,
            article.format) == (
        "https://riversidepost.example/bridge", "Bridge repairs delayed", "Ines Varga", "Riverside Post",
        "2024-03-14T16:20:00", "2024-03-14T16:20:00", "warc",
    )
    assert "The steel we ordered has not arrived" in article.body and "Home | Local" not in article.body
    assert skipped == Skipped(str(path), 2, "WARC records skipped (not HTML responses)")


def test_warc_page_date_wins_over_fetch_date(tmp_path):
    dated = PAGE.replace("</head>", '<meta property="article:published_time" content="2024-03-12"></head>')
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://riversidepost.example/bridge", "response", payload=io.BytesIO(dated.encode()), http_headers=headers,
        warc_headers_dict={"WARC-Date": "2024-03-14T16:20:00Z"}))
    path = write(tmp_path, "crawl.warc.gz", buffer.getvalue())
    [article] = list(read_file(path))
    assert (article.published, article.fetched) == ("2024-03-12", "2024-03-14T16:20:00")


def test_warc_ingest_counts_skipped_records(runner, db_path, tmp_path):
    path = write(tmp_path, "crawl.warc.gz", build_warc(gzip=True))
    result = runner.invoke(cli, ["ingest", str(path), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "articles: 1 added, 0 unchanged, 0 replaced, 0 failed; statements: 2 added; "
        "2 WARC records skipped (not HTML responses)")
    db = Database(db_path)
    [row] = db.query("select url, published, fetched_at, format from articles")
    assert row == {"url": "https://riversidepost.example/bridge", "published": "2024-03-14T16:20:00",
                   "fetched_at": "2024-03-14T16:20:00", "format": "warc"}
    dates = [(r["date_said"], r["date_precision"]) for r in db.query("select date_said, date_precision from statements")]
    assert dates == [("2024-03-11", "week"), ("2024-03-14", "day")]  # "told councillors this week", then the publication day


def test_not_a_warc_is_a_clear_error(tmp_path):
    path = write(tmp_path, "broken.warc", b"this is not an archive\n")
    [error] = list(read_file(path))
    assert isinstance(error, ReadError)
    assert str(error) == f"{path}:1: not a WARC record"


def test_extract_notes_skipped_records(runner, tmp_path):
    path = write(tmp_path, "crawl.warc", build_warc())
    result = runner.invoke(cli, ["extract", "--json", str(path)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # "the county engineer told councillors" comes before the engineer is named: no speaker yet
    assert [line["speaker"] for line in lines] == [None, "Paul Hartley"]
    assert "2 WARC records skipped" in result.stderr


def test_feed_entries_without_links_are_kept_apart(runner, db_path, tmp_path):
    items = "".join(
        f"<item><title>Notice {n}</title><description>The harbour office posted notice number {n} about "
        f"berth fees for the coming season today.</description></item>" for n in (1, 2))
    path = write(tmp_path, "notices.rss", f'<rss version="2.0"><channel><title>Harbour Office</title>{items}</channel></rss>')
    first = runner.invoke(cli, ["ingest", str(path), "--db", str(db_path)])
    again = runner.invoke(cli, ["ingest", str(path), "--db", str(db_path)])
    assert first.output.splitlines()[-1].startswith("articles: 2 added, 0 unchanged")
    assert again.output.splitlines()[-1].startswith("articles: 0 added, 2 unchanged")
    assert [r["path"] for r in Database(db_path).query("select path from articles order by id")] == [
        f"{path}#1", f"{path}#2"]
