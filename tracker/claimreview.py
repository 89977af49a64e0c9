"""schema.org ClaimReview JSON-LD for published verdicts (https://schema.org/ClaimReview).

One ClaimReview per claim: its current verdict, the latest published review. Superseded
reviews and withdrawn claims are left out, as a fact-checker's page would show them.
"""

from __future__ import annotations

from sqlite_utils import Database

from .claims import ClaimError, get_claim, parse_day
from .schema import ensure_schema

DEFAULT_BASE_URL = "http://127.0.0.1:8001"  # where `tracker serve` publishes the claims table


def claim_reviews(db: Database, claim_id=None, since: str | None = None, base_url: str = DEFAULT_BASE_URL,
                  database_name: str = "tracker") -> list[dict]:
    ensure_schema(db)
    where = ["reviews.published = 1", "reviews.superseded_by is null", "claims.status != 'withdrawn'"]
    params: dict = {}
    if claim_id is not None:
        claim = get_claim(db, claim_id)
        params["claim_id"] = claim["id"]
        where.append("claims.id = :claim_id")
    if since:
        params["since"] = parse_day(since, "since date", allow_future=True)
        where.append("substr(reviews.published_at, 1, 10) >= :since")
    rows = db.query(
        f"""select reviews.*, claims.text as claim_text, claims.said_on, claims.first_appearance_url,
                   claims.first_appearance_article_id, speakers.name as speaker, speakers.type as speaker_type,
                   rating_scale.rating_value, rating_scale.best_rating, rating_scale.worst_rating
            from reviews join claims on claims.id = reviews.claim_id
              left join speakers on speakers.id = claims.speaker_id
              join rating_scale on rating_scale.label = reviews.verdict
            where {' and '.join(where)} order by reviews.published_at, reviews.id""",
        params,
    )
    base = base_url.rstrip("/")
    return [_claim_review(db, row, base, database_name) for row in rows]


def _claim_review(db: Database, row: dict, base: str, database_name: str) -> dict:
    appearances = [_creative_work(a) for a in db.query(
        """select claim_appearances.url, claim_appearances.statement_text, statements.text as statement,
                  articles.url as article_url, articles.title, articles.published
           from claim_appearances left join statements on statements.id = claim_appearances.statement_id
             left join articles on articles.id = claim_appearances.article_id
           where claim_appearances.claim_id = ?
           order by claim_appearances.id""", [row["claim_id"]])]
    first = _first_appearance(db, row, appearances)
    claim = {
        "@type": "Claim",
        "author": {"@type": "Organization" if row["speaker_type"] == "organization" else "Person",
                   "name": row["speaker"]},
        "datePublished": row["said_on"],
        "appearance": appearances,
    }
    if first:
        claim["firstAppearance"] = first
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": row["url"] or f"{base}/{database_name}/claims/{row['claim_id']}",
        "claimReviewed": row["claim_text"],
        "datePublished": row["published_at"][:10],
        "author": {"@type": "Person", "name": row["reviewer"]},
        "reviewBody": row["explanation"],
        "citation": [{"@type": "CreativeWork", "url": url} for url in (
            r["url"] for r in db.query("select url from review_evidence where review_id = ? order by id", [row["id"]]))],
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": row["rating_value"],
            "bestRating": row["best_rating"],
            "worstRating": row["worst_rating"],
            "alternateName": row["verdict"],
        },
        "itemReviewed": claim,
    }


def _creative_work(row: dict) -> dict:
    work = {"@type": "CreativeWork"}
    url = row["url"] or row["article_url"]
    if url:
        work["url"] = url
    if row["title"]:
        work["headline"] = row["title"]
    if row["published"]:
        work["datePublished"] = row["published"]
    quote = row["statement"] or row["statement_text"]
    if quote:
        work["text"] = quote
    return work


def _first_appearance(db: Database, row: dict, appearances: list[dict]) -> dict | None:
    """Where the checker said it first appeared; else the first appearance linked."""
    if row["first_appearance_url"]:
        return {"@type": "CreativeWork", "url": row["first_appearance_url"]}
    if row["first_appearance_article_id"]:
        article = db["articles"].get(row["first_appearance_article_id"])
        return _creative_work({"url": None, "article_url": article["url"], "title": article["title"],
                               "published": article["published"], "statement": None, "statement_text": None})
    return appearances[0] if appearances else None


__all__ = ["ClaimError", "claim_reviews", "DEFAULT_BASE_URL"]
