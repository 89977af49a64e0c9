"""`tracker claim ...`: the fact-checker's commands, thin wrappers over tracker.claims."""

from __future__ import annotations

import functools
import json
import sys

import click

from . import claims
from .cli import db_option, open_db


def by_option(command):
    return click.option(
        "--by", envvar="TRACKER_USER", metavar="NAME",
        help="Who is acting (recorded in the event log). Defaults to $TRACKER_USER; required to write.",
    )(command)


def one_line_errors(command):
    """Bad input: one line on stderr, exit code 1 (the library has written nothing)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except claims.ImportFailed as failed:
            for line in failed.errors:
                click.echo(f"error: {line}", err=True)
            click.echo(f"error: {failed}", err=True)
            sys.exit(1)
        except claims.ClaimError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)

    return wrapper


@click.group()
def claim():
    """Fact-check claims: add, match to statements, link, review, publish.

    Every change is recorded in the append-only `events` table with who made it
    (--by NAME or $TRACKER_USER), when, and the values before and after.
    """


@claim.command()
@click.argument("text")
@click.option("--speaker", required=True, metavar="NAME", help="Who made the claim: a speaker name or alias.")
@click.option("--said-on", required=True, metavar="DATE", help=f"When it was said: {claims.DATE_FORMS}.")
@click.option("--appeared-in", metavar="URL|ARTICLE_ID", help="Where it first appeared: a URL or an ingested article's id.")
@click.option("--statement", "statements", multiple=True, metavar="ID", help="An ingested statement that makes this claim (repeatable).")
@click.option("--tag", "tags", multiple=True, metavar="T", help="A tag (repeatable).")
@click.option("--new-speaker", is_flag=True, help="Add the speaker if no speaker of that name exists.")
@by_option
@db_option
@one_line_errors
def add(text, speaker, said_on, appeared_in, statements, tags, new_speaker, by, db_path):
    """Add a claim to check. Prints the new claim's id alone on the last line.

    An unknown speaker is refused with the closest known names, unless --new-speaker.
    """
    db = open_db(db_path)
    claim_id = claims.add_claim(db, by, text, speaker, said_on, appeared_in, statements, tags, new_speaker)
    row = db["claims"].get(claim_id)
    name = db["speakers"].get(row["speaker_id"])["name"]
    click.echo(f"added claim by {name}, said on {row['said_on']}, status open")
    click.echo(str(claim_id))


@claim.command()
@click.argument("claim_id")
@click.option("--text", help="New claim text.")
@click.option("--speaker", metavar="NAME", help="New speaker.")
@click.option("--said-on", metavar="DATE", help=f"New date: {claims.DATE_FORMS}.")
@click.option("--new-speaker", is_flag=True, help="Add the speaker if no speaker of that name exists.")
@by_option
@db_option
@one_line_errors
def edit(claim_id, text, speaker, said_on, new_speaker, by, db_path):
    """Change a claim's text, speaker or date (the old values stay in the event log)."""
    row = claims.edit_claim(open_db(db_path), by, claim_id, text, speaker, said_on, new_speaker)
    click.echo(f"claim {row['id']} updated")


@claim.command()
@click.argument("claim_id")
@click.option("--limit", default=10, show_default=True, help="How many candidates to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
@one_line_errors
def match(claim_id, limit, as_json, db_path):
    """Ingested statements most likely to be this claim, best first, with scores.

    Candidates come from full-text search on the claim's words and from the same speaker;
    score = 0.45 x word overlap + 0.35 x fuzzy similarity + 0.2 if the speaker is the same.
    Link the right ones with `tracker claim link`.
    """
    candidates = claims.match_claim(open_db(db_path), claim_id, limit)
    if as_json:
        for c in candidates:
            click.echo(json.dumps(c.__dict__, ensure_ascii=False))
        return
    if not candidates:
        click.echo("no candidate statements")
        return
    click.echo(f"{'score':>5}  {'statement':>9}  {'overlap':>7}  {'similar':>7}  speaker           said        text")
    for c in candidates:
        text = c.text if len(c.text) <= 70 else c.text[:67] + "..."
        mark = " (linked)" if c.linked else ""
        click.echo(f"{c.score:5.3f}  {c.statement_id:>9}  {c.word_overlap:7.3f}  {c.similarity:7.3f}  "
                   f"{(c.speaker or '-')[:16]:<16}  {c.date_said or '-':<10}  {text}{mark}")


@claim.command()
@click.argument("claim_id")
@click.argument("statement_ids", nargs=-1, required=True)
@by_option
@db_option
@one_line_errors
def link(claim_id, statement_ids, by, db_path):
    """Record that statements make this claim (all ids are checked before any is linked)."""
    added, already = claims.link(open_db(db_path), by, claim_id, statement_ids)
    if added:
        click.echo(f"claim {claim_id}: linked statement(s) {', '.join(map(str, added))}")
    if already:
        click.echo(f"claim {claim_id}: already linked: {', '.join(map(str, already))}")


@claim.command()
@click.argument("claim_id")
@click.argument("statement_ids", nargs=-1, required=True)
@by_option
@db_option
@one_line_errors
def unlink(claim_id, statement_ids, by, db_path):
    """Remove links made by mistake (each removal is kept in the event log)."""
    removed = claims.unlink(open_db(db_path), by, claim_id, statement_ids)
    click.echo(f"claim {claim_id}: unlinked statement(s) {', '.join(map(str, removed))}")


@claim.command()
@click.argument("claim_id")
@click.option("--verdict", required=True, metavar="LABEL", help="A label on the rating scale (see `tracker claim scale`).")
@click.option("--explanation", required=True, metavar="TEXT", help="Why: the reviewer's summary.")
@click.option("--evidence", multiple=True, metavar="URL", help="A source backing the verdict (repeat for several; at least one).")
@click.option("--date", "reviewed_on", metavar="DATE", help="Review date (default today).")
@click.option("--url", metavar="URL", help="The fact-check's own page, if published elsewhere.")
@click.option("--publish", is_flag=True, help="Publish now: this review becomes the claim's verdict.")
@by_option
@db_option
@one_line_errors
def review(claim_id, verdict, explanation, evidence, reviewed_on, url, publish, by, db_path):
    """Review a claim. A published review cannot be edited; review again to supersede it."""
    db = open_db(db_path)
    review_id = claims.add_review(db, by, claim_id, verdict, explanation, evidence, publish, reviewed_on, url)
    row = db["reviews"].get(review_id)
    state = "published" if row["published"] else "draft"
    click.echo(f"review {review_id} of claim {row['claim_id']}: {row['verdict']} ({state})")


@claim.command("edit-review")
@click.argument("review_id")
@click.option("--verdict", metavar="LABEL", help="New verdict.")
@click.option("--explanation", metavar="TEXT", help="New explanation.")
@click.option("--evidence", multiple=True, metavar="URL", help="Replace the evidence list (repeatable).")
@click.option("--date", "reviewed_on", metavar="DATE", help="New review date.")
@click.option("--url", metavar="URL", help="The fact-check's own page.")
@by_option
@db_option
@one_line_errors
def edit_review(review_id, verdict, explanation, evidence, reviewed_on, url, by, db_path):
    """Change a draft review. Published reviews are refused: supersede them instead."""
    row = claims.edit_review(open_db(db_path), by, review_id, verdict, explanation, evidence, reviewed_on, url)
    click.echo(f"review {row['id']} updated")


@claim.command()
@click.argument("review_id")
@by_option
@db_option
@one_line_errors
def publish(review_id, by, db_path):
    """Publish a draft review: it becomes its claim's verdict, superseding the previous one."""
    db = open_db(db_path)
    claims.publish_review(db, by, review_id)
    row = db["reviews"].get(int(review_id))
    click.echo(f"review {row['id']} published: claim {row['claim_id']} is {row['verdict']}")


@claim.command()
@click.argument("claim_id")
@click.argument("status", metavar="STATUS")
@by_option
@db_option
@one_line_errors
def status(claim_id, status, by, db_path):
    """Move a claim to STATUS: open, in_review, published or withdrawn.

    Withdrawing is how a claim is taken down; nothing is deleted."""
    row = claims.set_status(open_db(db_path), by, claim_id, status)
    click.echo(f"claim {row['id']} is {row['status']}")


@claim.command("list")
@click.option("--status", type=click.Choice(claims.STATUSES), help="Only claims with this status.")
@click.option("--speaker", metavar="NAME", help="Only this speaker's claims (name or alias).")
@click.option("--verdict", metavar="LABEL", help="Only claims with this current verdict.")
@click.option("--since", metavar="DATE", help="Only claims said on or after DATE.")
@db_option
@one_line_errors
def list_command(status, speaker, verdict, since, db_path):
    """Claims, newest said first: id, status, verdict, date said, speaker, text."""
    rows = claims.list_claims(open_db(db_path), status, speaker, verdict, since)
    for row in rows:
        text = row["text"] if len(row["text"]) <= 60 else row["text"][:57] + "..."
        click.echo(f"{row['id']:>4}  {row['status']:<9}  {row['verdict'] or '-':<13}  {row['said_on']}  "
                   f"{row['speaker'] or '-':<16}  {text}")
    click.echo(f"{len(rows)} claim(s)")


@claim.command()
@click.argument("claim_id")
@click.option("--json", "as_json", is_flag=True, help="Everything as one JSON object.")
@db_option
@one_line_errors
def show(claim_id, as_json, db_path):
    """A claim with its appearances, reviews (with evidence) and full history."""
    details = claims.claim_details(open_db(db_path), claim_id)
    if as_json:
        click.echo(json.dumps(details, ensure_ascii=False, indent=2))
        return
    c = details["claim"]
    click.echo(f"claim {c['id']}: {c['text']}")
    click.echo(f"  speaker: {c['speaker']}   said on: {c['said_on']}   status: {c['status']}   "
               f"verdict: {c['verdict'] or '-'}")
    if c["first_appearance_url"] or c["first_appearance_article_id"]:
        click.echo(f"  first appeared: {c['first_appearance_url'] or 'article ' + str(c['first_appearance_article_id'])}")
    if c["tags"]:
        click.echo(f"  tags: {', '.join(json.loads(c['tags']))}")
    click.echo(f"  created by {c['created_by']} at {c['created_at']}")
    click.echo("appearances:")
    for a in details["appearances"]:
        where = a["article_title"] or a["url"] or "-"
        what = f"statement {a['statement_id']}" if a["statement_id"] else "article" if a["article_id"] else "page"
        quote = f' "{a["statement_text"]}"' if a["statement_text"] else ""
        click.echo(f"  {what} in {where}{quote} (linked by {a['linked_by']})")
    click.echo("reviews:")
    for r in details["reviews"]:
        state = f"published {r['published_at']}" if r["published"] else "draft"
        if r["superseded_by"]:
            state += f", superseded by review {r['superseded_by']}"
        click.echo(f"  review {r['id']}: {r['verdict']} by {r['reviewer']} on {r['reviewed_on']} ({state})")
        click.echo(f"    {r['explanation']}")
        for url in r["evidence"]:
            click.echo(f"    evidence: {url}")
    click.echo("history:")
    for e in details["history"]:
        click.echo(f"  {e['at']}  {e['by']}  {e['action']} {e['entity']} {e['entity_id']}")


@claim.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--new-speaker", is_flag=True, help="Add speakers not yet in the database (else per row: new_speaker=yes).")
@by_option
@db_option
@one_line_errors
def import_command(file, new_speaker, by, db_path):
    """Add claims from FILE.csv (header row) or FILE.jsonl, all or nothing.

    Columns/keys: text, speaker, said_on (required); appeared_in, statement (ids separated
    by spaces or ;), tags (separated by ;), new_speaker (yes/no). One bad row and nothing is
    written; every bad row is listed with its line number and reason.
    """
    ids = claims.import_claims(open_db(db_path), by, file, new_speaker)
    click.echo(f"imported {len(ids)} claim(s): ids {ids[0]}-{ids[-1]}")


@claim.command()
@click.option("--load", "load_path", type=click.Path(exists=True, dir_okay=False),
              help="Replace the scale with a CSV: label, rating_value, best_rating, worst_rating.")
@by_option
@db_option
@one_line_errors
def scale(load_path, by, db_path):
    """Show the rating scale, or replace it with --load (labels left out are retired, not deleted)."""
    db = open_db(db_path)
    rows = claims.load_scale(db, by, load_path) if load_path else claims.scale(db)
    for row in rows:
        click.echo(f"{row['label']:<15} {row['rating_value']:>2}  (worst {row['worst_rating']}, best {row['best_rating']})")
