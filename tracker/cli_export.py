"""`tracker export ...`: the database in formats other tools read."""

from __future__ import annotations

import json

import click

from .claimreview import DEFAULT_BASE_URL, claim_reviews
from .cli import db_option, open_db
from .cli_claims import one_line_errors


@click.group()
def export():
    """Export data for other tools."""


@export.command("claimreview")
@click.option("--claim", "claim_id", metavar="ID", help="Only this claim.")
@click.option("--since", metavar="DATE", help="Only reviews published on or after DATE.")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True,
              help="Where the database is published; a review without its own --url links to its claim there.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default stdout).")
@db_option
@one_line_errors
def claimreview(claim_id, since, base_url, output, db_path):
    """schema.org ClaimReview JSON-LD (a JSON array) for every claim's published verdict."""
    reviews = claim_reviews(open_db(db_path), claim_id, since, base_url)
    output.write(json.dumps(reviews, ensure_ascii=False, indent=2) + "\n")
