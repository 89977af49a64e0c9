"""`tracker speakers ...`: look at and curate the speakers linked across articles."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click
from sqlite_utils import Database

from . import speakers as lib
from .cli import db_option
from .schema import ensure_schema


def _open(db_path: str) -> Database:
    if not Path(db_path).exists():
        _fail(f"{db_path}: no such database; run `tracker ingest` first")
    db = Database(db_path)
    ensure_schema(db)
    return db


def _fail(message: str):
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def reports_errors(command):
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except lib.SpeakerError as error:
            _fail(str(error))
    return wrapper


@click.group()
def speakers():
    """List, inspect and curate speakers across articles.

    NAME may be a speaker's name, any of its aliases (case and accents ignored)
    or #ID. Every change is written to the speaker_events table.
    """


@speakers.command("list")
@db_option
@click.option("--search", help="Only speakers whose name or an alias contains this.")
@click.option("--needs-review", is_flag=True, help="Only speakers flagged for review (ambiguous names).")
def list_command(db_path, search, needs_review):
    """List speakers with their statement counts, most quoted first."""
    rows = lib.list_speakers(_open(db_path), search=search, needs_review=needs_review)
    for row in rows:
        flag = f"  needs review: {row['review_reason']}" if row["needs_review"] else ""
        click.echo(f"#{row['id']}\t{row['name']}\t{row['type']}\t{_count(row['statements'], 'statement')}\t"
                   f"{_count(row['articles'], 'article')}{flag}")
    if not rows:
        click.echo("no speakers", err=True)


@speakers.command()
@click.argument("name")
@db_option
@reports_errors
def show(name, db_path):
    """Show a speaker: aliases, roles with dates, counts, first and last statement."""
    info = lib.describe(_open(db_path), name)
    speaker, counts = info["speaker"], info["counts"]
    click.echo(f"{speaker['name']} (#{speaker['id']}, {speaker['type']})")
    if speaker["needs_review"]:
        click.echo(f"needs review: {speaker['review_reason']}")
    if speaker["wikidata_id"] or speaker["description"]:
        click.echo(f"wikidata: {speaker['wikidata_id'] or '-'}; description: {speaker['description'] or '-'}")
    click.echo(f"aliases: {', '.join(info['aliases']) or '-'}")
    for role in info["roles"]:
        label = ", ".join(x for x in (role["role"], role["affiliation"]) if x)
        when = role["first"] if role["first"] == role["last"] else f"{role['first']} to {role['last']}"
        click.echo(f"role: {label} ({when}, {_count(role['articles'], 'article')})")
    click.echo(f"statements: {counts['statements']} in {_count(counts['articles'], 'article')} "
               f"from {_count(counts['outlets'], 'outlet')}; quotes: {counts['quotes']}")
    for label, statement in (("first", info["first"]), ("last", info["last"])):
        if statement:
            click.echo(f"{label}: {statement['date_said']} {statement['outlet'] or '-'}: {statement['text']}")


@speakers.command()
@click.argument("keep")
@click.argument("other")
@db_option
@reports_errors
def merge(keep, other, db_path):
    """Merge speaker OTHER into KEEP: statements, roles, claims and aliases move to KEEP.

    Undo with `tracker speakers split OTHER`.
    """
    click.echo(lib.merge(_open(db_path), keep, other)["summary"])


@speakers.command()
@click.argument("name")
@db_option
@click.option("--event", "event_id", type=int, help="Undo this merge event instead of the latest one for NAME.")
@reports_errors
def split(name, db_path, event_id):
    """Undo the merge that took the speaker NAME: it comes back with what it had."""
    click.echo(lib.split(_open(db_path), name, event_id)["summary"])


@speakers.command()
@click.argument("name")
@click.argument("alias")
@db_option
@reports_errors
def alias(name, alias, db_path):
    """Add ALIAS as another name of NAME; articles naming ALIAS later link to NAME."""
    click.echo(lib.add_alias(_open(db_path), name, alias)["summary"])


@speakers.command()
@click.argument("name")
@click.argument("new_name")
@db_option
@reports_errors
def rename(name, new_name, db_path):
    """Give NAME the canonical name NEW_NAME; the old name stays an alias."""
    click.echo(lib.rename(_open(db_path), name, new_name)["summary"])


@speakers.command("set")
@click.argument("name")
@db_option
@click.option("--wikidata", help="Wikidata item id such as Q22686 (stored, never fetched).")
@click.option("--description", help="A short description of who this is.")
@click.option("--reviewed", is_flag=True, help="Clear the needs-review flag.")
@reports_errors
def set_command(name, db_path, wikidata, description, reviewed):
    """Store a Wikidata id, a description, or clear the review flag of NAME."""
    click.echo(lib.set_details(_open(db_path), name, wikidata=wikidata, description=description,
                               reviewed=reviewed)["summary"])


@speakers.command("suggest-merges")
@db_option
def suggest_merges(db_path):
    """Print likely duplicates with the reason, as `merge` commands for a person to confirm."""
    suggestions = lib.suggest_merges(_open(db_path))
    for s in suggestions:
        click.echo(f"tracker speakers merge '#{s['keep_id']}' '#{s['other_id']}'  "
                   f"# {s['keep']} <- {s['other']}: {s['reason']}")
    if not suggestions:
        click.echo("no likely duplicates", err=True)


@speakers.command()
@db_option
def log(db_path):
    """The speaker event log: merges, splits, aliases, renames, settings."""
    for row in _open(db_path).query("select * from speaker_events order by id"):
        undone = f" (undone by {row['undone_by']})" if row["undone_by"] else ""
        click.echo(f"{row['id']}\t{row['at']}\t{row['action']}\t{row['summary']}{undone}")


@speakers.command()
@db_option
def reindex(db_path):
    """Bring a database ingested before cross-article speakers and quotes up to date.

    Fills the alias keys the resolver looks names up by and rebuilds every
    statement's quote. Speakers are kept; run suggest-merges for duplicates.
    """
    done = lib.reindex(_open(db_path))
    click.echo(f"aliases indexed: {done['aliases']}; quotes: {done['quotes']}")
