"""HTML, JSON Lines, encodings and file discovery."""

from tracker.readers import ReadError, find_files, read_file

from .conftest import write

ARTICLE_HTML = """<!doctype html><html><head>
<title>Ferry fares rise | Island Times</title>
<link rel="canonical" href="https://islandtimes.example/ferry-fares">
<meta property="og:site_name" content="Island Times">
<meta name="author" content="Noor Said">
<meta property="article:published_time" content="2024-02-20T08:00:00Z">
<meta name="keywords" content="Ferries, Transport">
</head><body><nav>Home | News | Sport</nav><article>
<h1>Ferry fares rise</h1>
<p>Ferry fares will rise by eight percent in April, the operator announced on Monday, blaming fuel costs.</p>
<p>"Nobody likes a price rise, and we held off as long as we could," said operator spokesperson Ella Grant.</p>
<p>Commuters said the increase would hit those who travel daily the hardest, as they have no other way to the mainland.</p>
</article><footer>Copyright Island Times</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    path = write(tmp_path, "ferry.html", ARTICLE_HTML)
    [article] = list(read_file(path))
    assert {
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "tags": article.tags,
        "format": article.format,
    } == {
        "title": "Ferry fares rise",
        "author": "Noor Said",
        "published": "2024-02-20",
        "source": "Island Times",
        "url": "https://islandtimes.example/ferry-fares",
        "tags": ["Ferries", "Transport"],
        "format": "html",
    }
    assert "Nobody likes a price rise" in article.body
    assert "Home | News" not in article.body and "Copyright" not in article.body


def test_html_without_article_text_is_an_error(tmp_path):
    path = write(tmp_path, "empty.html", "<html><body><nav>Home</nav></body></html>")
    [error] = list(read_file(path))
    assert isinstance(error, ReadError)
    assert str(error) == f"{path}: no article text found in the HTML"


def test_jsonl_articles_and_bad_lines(tmp_path):
    path = write(tmp_path, "feed.jsonl", "\n".join([
        '{"text": "First story text.", "title": "One", "published": "3 March 2024", "tags": "a, b"}',
        "{not json",
        '{"title": "no text"}',
        '{"text": "Second story.", "url": "https://example.org/2", "source": "Example", "author": "Kim Lee"}',
    ]))
    items = list(read_file(path))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError", "Article"]
    first, bad_json, no_text, second = items
    assert (first.title, first.published, first.tags, first.body) == ("One", "2024-03-03", ["a", "b"], "First story text.")
    assert str(bad_json) == f"{path}:2: invalid JSON: Expecting property name enclosed in double quotes at column 2"
    assert str(no_text) == f"{path}:3: missing or empty 'text'"
    assert (second.url, second.source, second.author) == ("https://example.org/2", "Example", "Kim Lee")


def test_windows_1252_smart_quotes_decode(tmp_path):
    path = write(tmp_path, "old.txt", "\u201cWe will rebuild,\u201d said Ada Park.\n".encode("cp1252"))
    [article] = list(read_file(path))
    assert article.body == "\u201cWe will rebuild,\u201d said Ada Park."


def test_utf16_with_bom(tmp_path):
    path = write(tmp_path, "wide.txt", "\u201cHello there,\u201d said Ada Park.\n".encode("utf-16"))
    [article] = list(read_file(path))
    assert article.body == "\u201cHello there,\u201d said Ada Park."


def test_empty_and_binary_files_are_errors(tmp_path):
    empty = write(tmp_path, "empty.txt", "")
    binary = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert [str(e) for e in read_file(empty)] == [f"{empty}: empty file"]
    assert [str(e) for e in read_file(binary)] == [f"{binary}: binary file, not text"]


def test_find_files_walks_directories_in_order_and_reports_missing(tmp_path):
    write(tmp_path, "b/two.txt", "x")
    write(tmp_path, "a/one.html", "x")
    write(tmp_path, "a/skip.pdf", "x")
    write(tmp_path, "a/.hidden.txt", "x")
    found = list(find_files([tmp_path, tmp_path / "missing.txt"]))
    assert [str(p.relative_to(tmp_path)) for p in found[:-1]] == ["a/one.html", "b/two.txt"]
    assert str(found[-1]) == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_unknown_extension_names_the_option(tmp_path):
    path = write(tmp_path, "notes.pdf", "A short note.")
    assert [str(e) for e in read_file(path)] == [f"{path}: unknown format (extension .pdf); use --format"]
    [article] = list(read_file(path, "text"))
    assert article.body == "A short note."
