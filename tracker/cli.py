"""The `tracker` command line: thin wrappers over the library functions."""

from __future__ import annotations

import json
import sqlite3
import sys

import click
from sqlite_utils import Database

from . import publish
from .database import open_database
from .extract import extract
from .ingest import COMMIT_EVERY, Overrides, failed_paths, ingest_paths
from .readers import FORMATS, ReadError, Skipped, find_files, read_file

DEFAULT_DB = "data/tracker.db"


def db_option(command):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False), default=DEFAULT_DB, show_default=True,
        help="SQLite database file.",
    )(command)


def format_option(command):
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=None,
        help="Read every file as this format instead of going by its extension.",
    )(command)


def open_db(db_path: str) -> Database:
    db = open_database(db_path)  # WAL and a busy timeout: see tracker/database.py
    context = click.get_current_context(silent=True)
    if context is not None:
        # Closing the last connection checkpoints the WAL into the file: a command leaves a
        # database that is whole on its own (and can be copied) when it ends.
        context.call_on_close(db.close)
    return db


@click.group()
@click.version_option(package_name="tracker")
def cli():
    """Track who said what, when, and where it was reported.

    Ingest news articles into SQLite, then publish them with Datasette.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@format_option
@click.option("--source", help="Outlet that published the articles (overrides the file).")
@click.option("--url", help="URL of the article (overrides the file).")
@click.option("--published", help="Publication date, any common form (overrides the file).")
@click.option("--author", help="Author of the article (overrides the file).")
@click.option("--silent", is_flag=True, help="No progress bar.")
@click.option("--retry-failed", is_flag=True,
              help="Also re-read every path recorded in the ingest_errors table by earlier runs.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract in this many processes (one writer); with --dask local, the cluster's size.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Extract on a Dask cluster (tcp://host:8786, or 'local'); needs pip install 'tracker[dask]'.")
@click.option("--commit-every", type=click.IntRange(min=1), default=COMMIT_EVERY, show_default=True,
              help="Commit after this many articles, and at least once a second; each article is stored "
                   "whole or not at all either way (1: readers see each article as soon as it is stored).")
def ingest(paths, db_path, fmt, source, url, published, author, silent, retry_failed, workers, dask_address,
           commit_every):
    """Read articles from PATHS (files or directories) into the database.

    Plain text (.txt, .md), HTML (.html, .htm), JSON Lines (.jsonl), RSS and
    Atom feeds (.rss, .atom, .xml) and web archives (.warc, .warc.gz) are
    read; directories are walked recursively. Re-ingesting an unchanged
    article changes nothing; a changed one replaces its statements. What
    cannot be read is reported, kept in ingest_errors, and the exit code is 1.
    """
    if not paths and not retry_failed:
        raise click.UsageError("give PATHS to ingest, or --retry-failed")
    db = open_db(db_path)
    if retry_failed:
        retry = [p for p in failed_paths(db) if p not in paths]
        click.echo(f"retrying {len(retry)} failed path{'s' if len(retry) != 1 else ''}", err=True)
        paths = (*paths, *retry)
    overrides = Overrides(source=source, url=url, published=published, author=author)

    def report(error: ReadError) -> None:
        click.echo(f"error: {error}", err=True)

    def progress(files):
        if silent or len(files) < 2 or not sys.stderr.isatty():
            return files
        return _progress_bar(files)

    try:
        if workers > 1 or dask_address:
            from .parallel import ingest_parallel

            summary = ingest_parallel(db, paths, fmt=fmt, overrides=overrides, on_error=report, progress=progress,
                                      workers=workers, dask=dask_address, commit_every=commit_every)
        else:
            summary = ingest_paths(db, paths, fmt=fmt, overrides=overrides, on_error=report, progress=progress,
                                   commit_every=commit_every)
    except RuntimeError as error:  # no Dask
        raise click.ClickException(str(error)) from None
    except sqlite3.OperationalError as error:  # a write the database refused (disk full, I/O error)
        raise click.ClickException(f"{db_path}: {error}; the batch being written was not stored, "
                                   "run the same command again to store it") from None
    click.echo(str(summary))
    if summary.failed:
        sys.exit(1)


def _progress_bar(files):
    with click.progressbar(files, label="Ingesting", file=sys.stderr) as bar:
        yield from bar


@cli.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="JSON Lines output (the default; kept for scripts).")
@format_option
@click.option("--published", help="Publication date to resolve 'on Tuesday' against, if the file has none.")
def extract_command(files, as_json, fmt, published):
    """Print the statements found in FILES as JSON Lines, without touching a database."""
    failed = False
    overrides = Overrides(published=published)
    for item in find_files(files, fmt):
        if isinstance(item, ReadError):
            click.echo(f"error: {item}", err=True)
            failed = True
            continue
        for article in read_file(item, fmt):
            if isinstance(article, Skipped):
                click.echo(f"note: {article}", err=True)
                continue
            if isinstance(article, ReadError):
                click.echo(f"error: {article}", err=True)
                failed = True
                continue
            if published and not article.published:
                overrides.apply(article)
            try:
                statements = extract(article)
            except Exception as error:  # an extractor bug costs one article, not the run
                click.echo(f"error: {item}: extraction failed: {type(error).__name__}: {error}", err=True)
                failed = True
                continue
            for statement in statements:
                click.echo(json.dumps(statement.to_json(str(item)), ensure_ascii=False))
    if failed:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind; loopback only by default.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--metadata", "metadata_path", type=click.Path(exists=True, dir_okay=False),
              help="Datasette metadata file (default: the project's metadata.json).")
@click.option("--public", is_flag=True,
              help="Bind 0.0.0.0: everyone who can reach this machine can read every table (see README).")
def serve(db_path, host, port, metadata_path, public):
    """Publish the database with Datasette: faceted statements, search, canned queries.

    Read-only: no page writes, arbitrary SQL runs on a read-only connection
    within a time limit, and robots.txt asks crawlers to stay away.
    """
    if public:
        host = "0.0.0.0"
        click.echo(publish.PUBLIC_WARNING, err=True)
    open_db(db_path)
    click.echo(f"Serving {db_path} at http://{host}:{port}/", err=True)
    sys.exit(publish.serve(db_path, host=host, port=port, metadata_path=metadata_path))


@cli.command("init-db")
@db_option
def init_db(db_path):
    """Create the database, or bring an older one up to date with the current schema."""
    from .schema import ensure_schema

    ensure_schema(open_db(db_path))
    click.echo(f"{db_path}: schema up to date")


from .cli_claims import claim  # noqa: E402  (after cli's helpers, which it uses)
from .cli_export import export  # noqa: E402  (a group in its own module)
from .cli_speakers import speakers  # noqa: E402  (after db_option, which it uses)

cli.add_command(claim)
cli.add_command(export)
cli.add_command(speakers)
