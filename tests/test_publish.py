"""The published Datasette: facets, labels, search and canned queries, through its test client."""

import asyncio

import pytest
from datasette.app import Datasette

from tracker.ingest import ingest_paths
from tracker.publish import load_metadata


@pytest.fixture
def datasette(db, db_path, samples):
    ingest_paths(db, [samples])
    return Datasette([str(db_path)], metadata=load_metadata(db_path))


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def test_metadata_is_keyed_to_the_served_file(tmp_path):
    metadata = load_metadata(tmp_path / "news.db")
    assert "news" in metadata["databases"] and "tracker" not in metadata["databases"]
    assert {"title", "description_html", "license", "source"} <= set(metadata)


def test_statements_page_has_configured_facets(datasette):
    response = get(datasette, "/tracker/statements.json?_extra=facet_results")
    assert response.status_code == 200
    facets = response.json()["facet_results"]
    assert {"speaker_id", "kind", "source_id", "tags", "month_said"} <= set(facets)
    assert "Drought" in {row["value"] for row in facets["tags"]["results"]}
    speaker_labels = {row["label"] for row in facets["speaker_id"]["results"]}
    assert "Helen Okafor" in speaker_labels  # labels, not ids
    assert not any(f.get("truncated") is None for f in facets.values())


def test_tags_facet_is_on_demand_for_very_large_databases(db_path, db, samples, monkeypatch):
    import tracker.publish as publish

    ingest_paths(db, [samples])
    facets = lambda: load_metadata(db_path)["databases"]["tracker"]["tables"]["statements"]["facets"]  # noqa: E731
    assert {"array": "tags"} in facets()
    monkeypatch.setattr(publish, "ARRAY_FACET_LIMIT", 10)  # as if this were a million statements
    assert facets() == ["speaker_id", "kind", "source_id", "month_said"]


def test_statements_facets_are_search_limited_only_where_the_plugin_serves_them(tmp_path):
    plain = load_metadata(tmp_path / "tracker.db")["databases"]["tracker"]["tables"]["statements"]["facets"]
    assert "speaker_id" in plain  # metadata.json works in a plain `datasette` too
    served = load_metadata(tmp_path / "tracker.db", plugin=True)["databases"]["tracker"]["tables"]["statements"]
    assert {"tracker_column": "speaker_id"} in served["facets"] and "speaker_id" not in served["facets"]


def test_statements_sorted_newest_first(datasette):
    rows = get(datasette, "/tracker/statements.json?_shape=array&_size=max").json()
    dates = [r["date_said"] for r in rows]
    assert dates == sorted(dates, reverse=True)


def test_full_text_search_on_statements(datasette):
    rows = get(datasette, "/tracker/statements.json?_search=reservoirs&_shape=array").json()
    assert [r["text"] for r in rows] == ["Reservoirs are at their lowest level in thirty years"]


@pytest.mark.parametrize(
    "query, params, expected_column, expected_value",
    [
        ("speaker_statements", "speaker=Okafor", "text",
         "We would rather inconvenience drivers for a season than take a risk with a structure this old"),
        ("speaker_timeline", "speaker=Helen+Okafor", "month", "2024-03"),
        ("search_statements", "words=libraries", "speaker", "Aaron Feld"),
        ("tag_statements", "tag=Drought", "speaker", "Beatrice Lamont"),
    ],
)
def test_canned_queries(datasette, query, params, expected_column, expected_value):
    response = get(datasette, f"/tracker/{query}.json?{params}&_shape=array")
    assert response.status_code == 200, response.text
    assert expected_value in [row[expected_column] for row in response.json()]


def test_speaker_statements_lists_every_statement_newest_first(datasette):
    rows = get(datasette, "/tracker/speaker_statements.json?speaker=Helen+Okafor&_shape=array").json()
    expected = get(datasette, "/tracker/statements_view.json?speaker=Helen+Okafor&_shape=array&_size=max").json()
    assert len(rows) == len(expected) > 1
    assert [r["date_said"] for r in rows] == sorted((r["date_said"] for r in expected), reverse=True)
    assert sorted(r["text"] for r in rows) == sorted(r["statement"] for r in expected)


def test_speaker_timeline_counts_each_article_once_when_a_name_finds_two_speakers(db, db_path, samples):
    ingest_paths(db, [samples])
    # Two speakers quoted in one article, both found by one alias: that article counts once.
    first, second = next(iter(db.query(
        "select a.speaker_id as first, b.speaker_id as second from statements a join statements b "
        "on a.article_id = b.article_id and a.month_said = b.month_said and a.speaker_id < b.speaker_id limit 1"))).values()
    db["speaker_aliases"].insert_all([{"speaker_id": first, "alias": "Both of them", "source": "mention"},
                                      {"speaker_id": second, "alias": "Both of them", "source": "mention"}])
    expected = list(db.query(
        "select month_said as month, count(*) as statements, count(distinct article_id) as articles "
        "from statements where speaker_id in (?, ?) group by month_said order by month_said", [first, second]))
    ds = Datasette([str(db_path)], metadata=load_metadata(db_path))
    rows = get(ds, "/tracker/speaker_timeline.json?speaker=Both+of+them&_shape=array").json()
    assert rows == expected
    one = get(ds, f"/tracker/speaker_timeline.json?speaker={db['speakers'].get(first)['name']}&_shape=array").json()
    assert one == list(db.query(
        "select month_said as month, count(*) as statements, count(distinct article_id) as articles "
        "from statements where speaker_id = ? group by month_said order by month_said", [first]))
    assert sum(r["articles"] for r in rows) < sum(r["articles"] for r in one) + sum(
        r["articles"] for r in get(ds, f"/tracker/speaker_timeline.json?speaker={db['speakers'].get(second)['name']}"
                                       "&_shape=array").json())


# (canned query, its parameter, the most frequent value, every statement for it newest first)
CANNED_LISTS = [
    ("speaker_statements", "speaker",
     "select speakers.name from statements join speakers on speakers.id = speaker_id "
     "group by speakers.id order by count(*) desc limit 1",
     "select text from statements join speakers on speakers.id = speaker_id where speakers.name = ? "
     "order by date_said desc, statements.id desc"),
    ("tag_statements", "tag",
     "select tags.name from tags join article_tags on tag_id = tags.id join statements using (article_id) "
     "group by tags.id order by count(*) desc limit 1",
     "select text from statements where article_id in (select article_id from article_tags join tags "
     "on tags.id = tag_id where tags.name = ?) order by date_said desc, id"),
]


@pytest.mark.parametrize("query, param, most_frequent, every_statement", CANNED_LISTS)
def test_long_canned_lists_come_a_hundred_to_a_page(tmp_path, query, param, most_frequent, every_statement):
    from benchmarks.generate import write_corpus
    from sqlite_utils import Database

    write_corpus(tmp_path / "corpus", 90, seed=4, per_file=30)
    db = Database(tmp_path / "tracker.db")
    ingest_paths(db, [tmp_path / "corpus"])
    name = next(iter(db.query(most_frequent)))["name"]
    expected = [r["text"] for r in db.query(every_statement, [name])]
    assert len(expected) > 200  # three pages at least, the last one short
    ds = Datasette([str(tmp_path / "tracker.db")], metadata=load_metadata(tmp_path / "tracker.db"))

    def page(number):
        params = {param: name, "_shape": "array", **({"page": number} if number is not None else {})}
        response = asyncio.run(ds.client.get(f"/tracker/{query}.json", params=params))
        assert response.status_code == 200, response.text
        return [r["text"] for r in response.json()]

    assert page(None) == page("") == page("1") == page("nonsense") == expected[:100]
    pages = [page(str(n)) for n in range(1, len(expected) // 100 + 3)]
    assert [len(p) for p in pages[:-2]] == [100] * (len(expected) // 100) and pages[-1] == []
    assert sum(pages, []) == expected


def test_search_statements_lists_the_best_matches_first(datasette, db):
    rows = get(datasette, "/tracker/search_statements.json?words=the+to&_shape=array").json()
    expected = [r["rowid"] for r in db.query(
        "select rowid from statements_fts where statements_fts match '\"the\" \"to\"' "
        "order by bm25(statements_fts), rowid limit 200")]
    assert len(expected) > 3 and [r["id"] for r in rows] == expected
    assert rows[0]["speaker"] is not None or rows[0]["outlet"] is not None  # joined to its article


def test_search_query_treats_sql_as_words(datasette):
    response = get(datasette, "/tracker/search_statements.json?words=%27%3B+drop+table+statements%3B+--&_shape=array")
    assert response.status_code == 200
    assert response.json() == []
    assert get(datasette, "/tracker/statements.json?_size=1").status_code == 200


def test_denormalized_view_for_analysts(datasette):
    rows = get(datasette, "/tracker/statements_view.json?_shape=array&speaker=Grace+Mwangi").json()
    assert rows and {"statement", "speaker", "date_said", "article_title", "outlet", "url"} <= set(rows[0])
    assert rows[0]["outlet"] == "Valley Ledger"


def test_statements_html_page_renders(datasette):
    response = get(datasette, "/tracker/statements")
    assert response.status_code == 200
    assert "speaker_id" in response.text and "month_said" in response.text
