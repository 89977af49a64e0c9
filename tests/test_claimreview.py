"""`tracker export claimreview`: schema.org ClaimReview JSON-LD for published verdicts."""

import datetime as dt
import json
import re
import sqlite3
from urllib.parse import urlparse

import pytest
from sqlite_utils import Database

from tracker.cli import cli

from .test_claims import _check_unchanged, dump, ingested, statement_id  # noqa: F401 (fixture)

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def db_path(ingested, tmp_path):  # noqa: F811
    import shutil

    path = tmp_path / "tracker.db"
    shutil.copy(ingested, path)
    return path


@pytest.fixture
def checked(runner, db_path, monkeypatch):
    """Three claims: one published and later superseded, one published, one draft only."""
    monkeypatch.setenv("TRACKER_USER", "Ana Ruiz")

    def run(*args):
        result = runner.invoke(cli, ["claim", *args, "--db", str(db_path)])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[-1]

    bridge = run("add", "Two lanes of the Harbour Bridge will close", "--speaker", "Helen Okafor",
                 "--said-on", "2024-03-01", "--appeared-in", "https://news.example/bridge")
    run("link", bridge, str(statement_id(db_path, "two lanes of the Harbour")))
    run("review", bridge, "--verdict", "mostly true", "--explanation", "First look.", "--evidence",
        "https://city.example/a", "--publish")
    run("review", bridge, "--verdict", "true", "--explanation", "Confirmed by the works notice.",
        "--evidence", "https://city.example/a", "--evidence", "https://city.example/b", "--publish", "--by", "Bo Lee")
    strike = run("add", "A strike would cost about $400,000 a day", "--speaker", "Leonard Fischer",
                 "--said-on", "2024-04-18")
    run("link", strike, str(statement_id(db_path, "a strike would cost")))
    run("review", strike, "--verdict", "unproven", "--explanation", "No costing was published.",
        "--evidence", "https://transit.example/budget", "--publish", "--url", "https://checks.example/strike-cost")
    draft = run("add", "Every litre counts", "--speaker", "Beatrice Lamont", "--said-on", "2024-06-10")
    run("review", draft, "--verdict", "false", "--explanation", "Draft.", "--evidence", "https://water.example/")
    return {"bridge": int(bridge), "strike": int(strike), "draft": int(draft)}


def export(runner, db_path, *args):
    result = runner.invoke(cli, ["export", "claimreview", "--db", str(db_path), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def is_url(value) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def check_creative_work(work):
    assert work["@type"] == "CreativeWork"
    assert "url" in work or "headline" in work
    if "url" in work:
        assert is_url(work["url"])


def test_every_published_verdict_is_a_valid_claimreview(runner, db_path, checked):
    reviews = export(runner, db_path)
    assert isinstance(reviews, list) and len(reviews) == 2  # current verdicts only: no superseded, no draft
    scale = {row["label"]: row for row in Database(db_path)["rating_scale"].rows}
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert is_url(review["url"])
        assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
        assert DAY.match(review["datePublished"]) and dt.date.fromisoformat(review["datePublished"])
        assert review["author"]["@type"] == "Person" and review["author"]["name"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        label = scale[rating["alternateName"]]
        assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
            label["rating_value"], label["best_rating"], label["worst_rating"])
        assert all(isinstance(rating[k], int) for k in ("ratingValue", "bestRating", "worstRating"))
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert claim["author"]["@type"] in ("Person", "Organization") and claim["author"]["name"]
        assert DAY.match(claim["datePublished"])
        assert claim["appearance"]
        for work in claim["appearance"]:
            check_creative_work(work)
        check_creative_work(claim["firstAppearance"])
        for citation in review["citation"]:
            assert citation["@type"] == "CreativeWork" and is_url(citation["url"])


def test_claimreview_values(runner, db_path, checked):
    by_claim = {r["claimReviewed"]: r for r in export(runner, db_path)}
    bridge = by_claim["Two lanes of the Harbour Bridge will close"]
    assert bridge["url"] == f"http://127.0.0.1:8001/tracker/claims/{checked['bridge']}"
    assert bridge["author"] == {"@type": "Person", "name": "Bo Lee"}  # the superseding review
    assert bridge["reviewRating"] == {"@type": "Rating", "ratingValue": 6, "bestRating": 6, "worstRating": 1,
                                      "alternateName": "true"}
    assert [c["url"] for c in bridge["citation"]] == ["https://city.example/a", "https://city.example/b"]
    item = bridge["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Helen Okafor"}
    assert item["datePublished"] == "2024-03-01"
    assert item["firstAppearance"] == {"@type": "CreativeWork", "url": "https://news.example/bridge"}
    assert [w.get("url") for w in item["appearance"]] == ["https://news.example/bridge", None]
    assert item["appearance"][1]["headline"] == "Harbour Bridge Repairs Will Close Two Lanes Until Summer"
    strike = by_claim["A strike would cost about $400,000 a day"]
    assert strike["url"] == "https://checks.example/strike-cost"
    assert strike["reviewRating"]["alternateName"] == "unproven"
    assert strike["itemReviewed"]["firstAppearance"]["url"].startswith("https://")  # the first linked appearance


def test_filters_claim_since_and_withdrawn(runner, db_path, checked):
    only = export(runner, db_path, "--claim", str(checked["strike"]))
    assert [r["claimReviewed"] for r in only] == ["A strike would cost about $400,000 a day"]
    assert export(runner, db_path, "--claim", str(checked["draft"])) == []
    assert len(export(runner, db_path, "--since", "2024-01-01")) == 2
    assert export(runner, db_path, "--since", (dt.date.today() + dt.timedelta(days=2)).isoformat()) == []
    runner.invoke(cli, ["claim", "status", str(checked["bridge"]), "withdrawn", "--db", str(db_path),
                        "--by", "Ana Ruiz"])
    assert len(export(runner, db_path)) == 1


def test_base_url_and_output_file(runner, db_path, checked, tmp_path):
    out = tmp_path / "reviews.jsonld"
    result = runner.invoke(cli, ["export", "claimreview", "--db", str(db_path), "--base-url",
                                 "https://facts.example/", "-o", str(out)])
    assert result.exit_code == 0, result.output
    urls = [r["url"] for r in json.loads(out.read_text(encoding="utf-8"))]
    assert f"https://facts.example/tracker/claims/{checked['bridge']}" in urls


@pytest.mark.parametrize("args, expected", [
    (["--claim", "99"], "no claim with id 99"),
    (["--since", "the other day"], "since date 'the other day' is not a date"),
])
def test_export_bad_input(runner, db_path, checked, args, expected):
    before = dump(db_path)
    result = runner.invoke(cli, ["export", "claimreview", "--db", str(db_path), *args])
    _check_unchanged(result, db_path, before, [expected])


def test_export_reads_only(runner, db_path, checked):
    connection = sqlite3.connect(db_path)
    changes_before = connection.execute("select count(*) from events").fetchone()[0]
    export(runner, db_path)
    assert connection.execute("select count(*) from events").fetchone()[0] == changes_before
    connection.close()
