"""`tracker export ...`: the database in formats other tools read."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from sqlite_utils import Database

from . import export as exporting
from .claimreview import DEFAULT_BASE_URL, claim_reviews
from .cli import db_option, open_db
from .cli_claims import one_line_errors
from .dates import parse_date


@click.group()
def export():
    """Export data from the database for use in other tools."""


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


def _date_option(name: str, help: str):
    def convert(ctx, param, value):
        if value is None:
            return None
        parsed = parse_date(value)
        if not parsed:
            raise click.BadParameter(f"not a date: {value!r}")
        return parsed[:10]

    return click.option(name, callback=convert, help=help)


@export.command("statements")
@db_option
@click.option("--format", "fmt", type=click.Choice(sorted(exporting.WRITERS)), default="jsonl", show_default=True,
              help="csv (one header row) or jsonl (one JSON object a line).")
@click.option("--speaker", "speakers", multiple=True, help="Only this speaker, by name or alias; repeat for several.")
@_date_option("--since", "Only statements said on or after this date (any common form).")
@_date_option("--until", "Only statements said on or before this date.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def export_statements(db_path, fmt, speakers, since, until, output):
    """Write statements with speaker, date said, article and outlet, oldest first."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database")
    rows = exporting.statements(Database(db_path), speakers, since, until)
    write = exporting.WRITERS[fmt]
    if output:
        partial = Path(output).with_name(Path(output).name + ".partial")
        with open(partial, "w", encoding="utf-8", newline="") as out:
            count = write(rows, out)
        partial.replace(output)  # nothing half-written under the real name
    else:
        count = write(rows, sys.stdout)
    click.echo(f"{count} statements", err=True)
