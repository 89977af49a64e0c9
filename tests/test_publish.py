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
