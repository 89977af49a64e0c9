"""The project's Datasette plugin through Datasette's test client: charts,
statement card, speaker timelines and the search-everything page."""

import asyncio
import re
from html import unescape

import pytest

from tracker.datasette_plugin import PLUGINS_DIR, TEMPLATES_DIR
from tracker.datasette_plugin.charts import bar_chart, month_range, timeline_chart
from tracker.ingest import ingest_paths
from tracker.publish import datasette_app, datasette_command


@pytest.fixture
def filled(db, db_path, samples):
    ingest_paths(db, [samples])
    return db_path


def get(app, path):
    return asyncio.run(app.client.get(path))


def test_serve_passes_templates_and_plugins(tmp_path):
    command = datasette_command(tmp_path / "tracker.db", tmp_path / "m.json")
    assert command[command.index("--template-dir") + 1] == str(TEMPLATES_DIR)
    assert command[command.index("--plugins-dir") + 1] == str(PLUGINS_DIR)


def test_statements_page_has_top_speakers_and_monthly_charts(filled, db):
    html = get(datasette_app(filled), "/tracker/statements").text
    bars = re.findall(r'<a href="/tracker/statements\?speaker_id=(\d+)"><g class="bar"><title>([^<]+): (\d+)</title>', html)
    top = list(db.query(
        "select speaker_id, count(*) as n from statements where speaker_id is not null"
        " group by speaker_id order by n desc limit 12"))
    assert [int(n) for _, _, n in bars] == [row["n"] for row in top]
    assert 'aria-label="Statements per month"' in html
    assert 'href="/-/timeline?speaker=' in html



def test_statement_charts_are_kept_until_the_database_changes(filled, db, monkeypatch):
    from tracker.datasette_plugin import hooks

    app = datasette_app(filled)
    counted = []
    real = hooks.top_speakers

    async def counting(database, limit):
        counted.append(limit)
        return await real(database, limit)

    monkeypatch.setattr(hooks, "top_speakers", counting)

    def first_bar(html):
        return re.search(r'<g class="bar"><title>([^<]+): (\d+)</title>', html).groups()

    name, count = first_bar(get(app, "/tracker/statements").text)
    assert first_bar(get(app, "/tracker/statements?kind=direct").text) == (name, count)
    assert len(counted) == 1  # the second page reused the charts
    db.execute("update statements set speaker_id = (select id from speakers where name = ?)"
               " where speaker_id is not null", [name])
    db.conn.commit()
    total = db.execute("select count(*) from statements where speaker_id is not null").fetchone()[0]
    assert first_bar(get(app, "/tracker/statements").text) == (name, str(total))
    assert len(counted) == 2

def test_statement_card_shows_quote_speaker_date_outlet_and_context(filled, db):
    [row] = db.query("select id, article_id from statements where text like 'We would rather inconvenience%'")
    html = get(datasette_app(filled), f"/tracker/statements/{row['id']}").text
    card = html[html.index('<article class="statement-card"'):html.index("</article>")]

    def text_of(css_class):
        found = re.search(rf'class="{css_class}"[^>]*>(.*?)</(?:p|dd|blockquote)>', card, re.S)
        return unescape(re.sub(r"<[^>]+>", "", found.group(1)))

    assert {name: text_of(name) for name in ("kind", "who", "date-said", "outlet", "article", "context")} == {
        "kind": "direct quote",
        "who": "— Helen Okafor, Mayor, Port Alder",
        "date-said": "2024-03-01 (“on Friday” in the text)",
        "outlet": "Coastal Herald, 2024-03-03",
        "article": "Harbour Bridge Repairs Will Close Two Lanes Until Summer",
        "context": '"We would rather inconvenience drivers for a season than take a risk with a structure this old,"'
                   " Okafor told reporters at city hall.",
    }
    assert f'href="/tracker/articles/{row["article_id"]}"' in card
    assert "<mark>We would rather inconvenience" in card


def test_other_rows_have_no_card(filled):
    html = get(datasette_app(filled), "/tracker/articles/1").text
    assert 'id="statement-card"' not in html


def test_timeline_by_name_and_alias(filled):
    app = datasette_app(filled)
    html = get(app, "/-/timeline?speaker=Okafor&speaker=Ingrid+Solberg&speaker=Nobody+Atall").text
    assert re.findall(r'<g class="series" data-speaker="([^"]+)">', html) == ["Helen Okafor", "Ingrid Solberg"]
    assert "No speaker called Nobody Atall." in html
    default = get(app, "/-/timeline").text
    assert len(re.findall(r'<g class="series"', default)) == 3
    empty = get(app, "/-/timeline?speaker=").text
    assert "Tick a speaker" in empty and '<g class="series"' not in empty


def test_speaker_row_page_shows_their_timeline(filled, db):
    [row] = db.query("select id from speakers where name = 'Helen Okafor'")
    html = get(datasette_app(filled), f"/tracker/speakers/{row['id']}").text
    assert re.findall(r'<g class="series" data-speaker="([^"]+)">', html) == ["Helen Okafor"]
    assert "<title>Helen Okafor, 2024-03: 2</title>" in html


def section_titles(html: str, name: str) -> list[str]:
    part = html.split(f'id="results-{name}"')[1].split("</section>")[0]
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', part)


def test_search_everything_without_claims_table(filled, db):
    for table in ("claim_tags", "claim_appearances", "review_evidence", "reviews", "claims"):
        db.execute(f"drop table if exists [{table}]")  # a database from before the claims workflow
    html = get(datasette_app(filled), "/-/search-all?q=okafor").text
    assert section_titles(html, "speakers") == ["Helen Okafor"]
    assert section_titles(html, "articles") == ["Harbour Bridge Repairs Will Close Two Lanes Until Summer"]
    # her statements, though the quotes do not name her
    assert section_titles(html, "statements") == [
        "two lanes of the Harbour Bridge will close from next week while crews replace corroded steel beneath the deck",
        "We would rather inconvenience drivers for a season than take a risk with a structure this old",
    ]
    assert 'id="results-claims"' not in html


@pytest.mark.parametrize("query", ['"', "bridge AND", "NEAR(", "*", "'; drop table statements; --"])
def test_search_everything_takes_any_text(filled, query):
    response = get(datasette_app(filled), "/-/search-all?q=" + query.replace(" ", "+").replace("#", "%23"))
    assert response.status_code == 200


@pytest.mark.parametrize("with_fts", [False, True])
def test_search_everything_finds_claims_when_the_table_exists(filled, db, with_fts):
    db["claims"].insert_all([
        {"id": 1, "text": "The bridge beams are rusted through", "verdict": "Mostly true", "status": "published"},
        {"id": 2, "text": "Libraries lend more books than ever", "verdict": "False", "status": "published"},
    ], pk="id")
    if with_fts and not db["claims_fts"].exists():
        db["claims"].enable_fts(["text"])
    if not with_fts and db["claims_fts"].exists():
        db["claims"].disable_fts()
    html = get(datasette_app(filled), "/-/search-all?q=bridge").text
    assert section_titles(html, "claims") == ["The bridge beams are rusted through"]
    assert 'href="/tracker/claims/1"' in html and "Mostly true" in html


def test_month_range_fills_quiet_months():
    assert month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


def test_charts_escape_labels():
    svg = str(bar_chart([("<script>x</script>", 3, "/a?b=1&c=2")], "Top"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and 'href="/a?b=1&amp;c=2"' in svg
    line = str(timeline_chart(["2024-01", "2024-02"], [('A "B"', [1, 0])], "T"))
    assert 'data-speaker="A &quot;B&quot;"' in line and line.count("<circle") == 1


# -- facets on a search that matches many statements ---------------------------

FACETED = ["speaker_id", "kind", "source_id", "month_said"]


def search_facet_counts(db, words, column):
    """What a facet over the statements matching ``words`` must show: every value's count."""
    return {row[0]: row[1] for row in db.execute(
        f"select {column}, count(*) from statements where id in"
        " (select rowid from statements_fts where statements_fts match ?)"
        f" and {column} is not null group by {column}", [words]).fetchall()}


def facet_counts(data, column):
    return {row["value"]: row["count"] for row in data["facet_results"][column]["results"]}


def test_search_within_the_limit_counts_its_facets_exactly(filled, db, monkeypatch):
    from tracker.datasette_plugin import facets

    monkeypatch.setattr(facets, "SEARCH_FACET_LIMIT", 30)
    app = datasette_app(filled)
    data = get(app, "/tracker/statements.json?_search=the").json()
    assert data["filtered_table_rows_count"] == 23
    assert set(FACETED) <= set(data["facet_results"])
    for column in FACETED:
        assert facet_counts(data, column) == search_facet_counts(db, "the", column)
        assert data["facet_results"][column]["type"] == "column"
    html = get(app, "/tracker/statements?_search=the").text
    assert 'class="facets-on-request"' not in html
    assert set(FACETED) <= set(re.findall(r'id="facet-[^"]*" data-column="([^"]+)"', html))


@pytest.mark.parametrize("query", ["_search=the", "_search=the&kind=direct&_facet_size=2", "_search=nosuchword"])
def test_search_facets_counted_in_one_query_are_datasettes_own(filled, monkeypatch, query):
    from datasette.facets import ColumnFacet

    from tracker.datasette_plugin.facets import SearchLimitedColumnFacet

    app = datasette_app(filled)
    together = get(app, f"/tracker/statements.json?{query}").json()["facet_results"]

    async def one_query_per_facet(self):
        return await ColumnFacet.facet_results(self)

    monkeypatch.setattr(SearchLimitedColumnFacet, "_counted_together", one_query_per_facet)
    separately = get(datasette_app(filled), f"/tracker/statements.json?{query}").json()["facet_results"]
    assert together == separately
    assert set(FACETED) <= set(together)


def test_search_past_the_limit_shows_rows_and_count_and_offers_its_facets(filled, db, monkeypatch):
    from tracker.datasette_plugin import facets

    monkeypatch.setattr(facets, "SEARCH_FACET_LIMIT", 10)
    app = datasette_app(filled)
    data = get(app, "/tracker/statements.json?_search=the").json()
    assert data["filtered_table_rows_count"] == 23 and len(data["rows"]) == 23
    assert not set(FACETED) & set(data["facet_results"])  # none counted, none shown wrong
    html = get(app, "/tracker/statements?_search=the").text
    offer = re.search(r'<p class="facets-on-request">(.*?)</p>', html, re.S).group(1)
    assert "more than 10 statements" in offer and "these 23 statements" in offer
    link = unescape(re.search(r'<a href="([^"]+)"', offer).group(1))
    assert link == "/tracker/statements?_search=the" + "".join(f"&_facet={c}" for c in FACETED)
    assert not set(FACETED) & set(re.findall(r'id="facet-[^"]*" data-column="([^"]+)"', html))
    # on request: Datasette's own column facets, exact, each once
    asked = get(app, link.replace("/tracker/statements?", "/tracker/statements.json?")).json()
    assert sorted(asked["facet_results"]) == sorted(FACETED + ["tags"])  # tags: on request past 20,000 statements
    for column in FACETED:
        assert facet_counts(asked, column) == search_facet_counts(db, "the", column)
    assert 'class="facets-on-request"' not in get(app, link).text


def test_unfiltered_and_filtered_pages_count_their_facets_whatever_the_limit(filled, db, monkeypatch):
    from tracker.datasette_plugin import facets

    monkeypatch.setattr(facets, "SEARCH_FACET_LIMIT", 1)  # the limit is for searches only
    app = datasette_app(filled)
    data = get(app, "/tracker/statements.json").json()
    assert facet_counts(data, "kind") == dict(db.execute("select kind, count(*) from statements group by kind").fetchall())
    data = get(app, "/tracker/statements.json?kind=indirect").json()
    assert facet_counts(data, "kind") == {"indirect": 22}
    assert 'class="facets-on-request"' not in get(app, "/tracker/statements?kind=indirect").text


def test_a_facet_asked_for_on_a_small_search_is_shown_once(filled, monkeypatch):
    data = get(datasette_app(filled), "/tracker/statements.json?_search=we&_facet=kind").json()
    assert [name for name in data["facet_results"] if name.startswith("kind")] == ["kind"]
    assert data["facet_results"]["kind"]["hideable"]  # the one asked for, with its remove link
