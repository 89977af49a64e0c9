"""`tracker export ...`: take the data elsewhere."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from sqlite_utils import Database

from . import export as exporting
from .dates import parse_date


@click.group()
def export():
    """Export data from the database for use in other tools."""


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
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default="data/tracker.db", show_default=True,
              help="SQLite database file.")
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
