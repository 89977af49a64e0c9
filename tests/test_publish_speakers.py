"""Datasette pages for speakers and quotes: facets, sorting, canned queries (test client)."""

import asyncio
from urllib.parse import quote as urlquote

import pytest
from datasette.app import Datasette
from sqlite_utils import Database

from tracker.ingest import ingest_paths
from tracker.publish import load_metadata

from .test_corpus import CORPUS, WALL


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    path = tmp_path_factory.mktemp("publish") / "tracker.db"
    ingest_paths(Database(path), [CORPUS])
    return Datasette([str(path)], metadata=load_metadata(path))


def get(datasette, path):
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, response.text
    return response.json()


def test_speakers_view_facets_and_counts(datasette):
    data = get(datasette, "/tracker/speakers_view.json?_extra=facet_results&_shape=objects&_size=max")
    facets = data["facet_results"]
    assert {"type", "role", "affiliation", "roles", "needs_review"} <= set(facets)
    assert {r["value"]: r["count"] for r in facets["type"]["results"]} == {
        "person": 7, "organization": 1, "anonymous group": 1}
    assert {r["value"]: r["count"] for r in facets["roles"]["results"]} == {
        "Governor": 1, "Former Governor": 1, "Transport Minister": 1, "Finance Secretary": 1,
        "chief engineer of the port": 1, "port engineer": 1}
    rows = data["rows"]
    assert [r["statements"] for r in rows] == sorted((r["statements"] for r in rows), reverse=True)
    harlan = next(r for r in rows if r["name"] == "Robert J. Harlan")
    assert {k: harlan[k] for k in ("statements", "articles", "quotes", "first_said", "last_said", "roles")} == {
        "statements": 6, "articles": 4, "quotes": 2, "first_said": "2025-03-03", "last_said": "2025-04-03",
        "roles": '["Former Governor","Governor"]'}


def test_speakers_view_facet_filter(datasette):
    rows = get(datasette, "/tracker/speakers_view.json?_shape=array&roles__arraycontains=Former+Governor")
    assert [r["name"] for r in rows] == ["Robert J. Harlan"]
    flagged = get(datasette, "/tracker/speakers_view.json?_shape=array&needs_review=1")
    assert [(r["name"], r["review_reason"]) for r in flagged] == [
        ("Brandt", "surname only; fits 2 speakers: Klaus Brandt, Helga Brandt")]


def test_quotes_sorted_by_outlets_and_by_first_seen(datasette):
    by_outlets = get(datasette, "/tracker/quotes.json?_shape=array&_size=3")
    assert [(r["id"], r["outlet_count"]) for r in by_outlets] == [(3, 4), (1, 4), (2, 3)]  # ties: newest id first
    by_date = get(datasette, "/tracker/quotes.json?_shape=array&_sort=first_seen")
    assert [r["first_seen"] for r in by_date] == sorted(r["first_seen"] for r in by_date)
    contested = get(datasette, "/tracker/quotes.json?_shape=array&contested=1&_labels=on")
    assert [(r["text"], r["speaker_id"]["label"]) for r in contested] == [(WALL, "Robert J. Harlan")]


def test_where_did_this_quote_appear(datasette):
    rows = get(datasette, "/tracker/quote_appearances.json?_shape=array&quote=" + urlquote("harbour wall before"))
    assert [(r["published"], r["outlet"], r["attributed_to"], r["as_reported"]) for r in rows] == [
        ("2025-03-03", "Bayside Courier", "Robert J. Harlan", WALL),
        ("2025-03-04", "Northern Star", "Robert J. Harlan", "We will rebuild the harbour wall before the winter storms arrive"),
        ("2025-03-06", "Eastport Gazette", "Marta Núñez", "We will rebuild the harbour wall before the winter storms arrive"),
        ("2025-04-02", "Capital Dispatch", "Robert J. Harlan", WALL),
    ]
    by_id = get(datasette, "/tracker/quote_appearances.json?_shape=array&quote=3")
    assert [r["outlet"] for r in by_id] == ["Northern Star", "Eastport Gazette", "The Lantern", "Westbrook Chronicle"]


def test_contested_attributions(datasette):
    rows = get(datasette, "/tracker/contested_attributions.json?_shape=array")
    assert rows == [
        {"quote_id": 1, "quote": WALL, "speaker": "Robert J. Harlan", "statements": 3, "articles": 3,
         "outlets": "Bayside Courier,Northern Star,Capital Dispatch", "first_seen": "2025-03-03"},
        {"quote_id": 1, "quote": WALL, "speaker": "Marta Núñez", "statements": 1, "articles": 1,
         "outlets": "Eastport Gazette", "first_seen": "2025-03-06"},
    ]


def test_quote_search_and_pages_render(datasette):
    rows = get(datasette, "/tracker/quotes.json?_shape=array&_search=fishermen")
    assert [r["id"] for r in rows] == [6]
    for page in ("/tracker/quotes", "/tracker/speakers_view", "/tracker/quote_attributions", "/tracker/speaker_roles",
                 "/tracker/contested_attributions", "/tracker/quote_appearances?quote=ferry"):
        assert asyncio.run(datasette.client.get(page)).status_code == 200, page
