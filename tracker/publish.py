"""Publish step: Datasette over the database, configured by metadata.json."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path


from .datasette_plugin import PLUGINS_DIR, TEMPLATES_DIR
from .datasette_plugin.facets import FACET_TYPE
from .database import open_database, write_transaction
from .schema import ensure_schema

SQL_TIME_LIMIT_MS = 1000  # Datasette's default, pinned: a runaway query from the public is cut off
PUBLIC_WARNING = (
    "warning: --public binds 0.0.0.0: anyone who can reach this machine can read every table "
    "(statements, speakers, article bodies, the file paths in articles.path and ingest_errors), "
    "run read-only SQL and download JSON/CSV. Nothing can be written."
)
ARRAY_FACET_LIMIT = 20_000  # statements; past it the tags facet (JSON parsed per row) is on demand only
PROJECT_METADATA = Path(__file__).resolve().parent.parent / "metadata.json"
METADATA_DATABASE_KEY = "tracker"  # the database name metadata.json is written for


def load_metadata(db_path: str | Path, metadata_path: str | Path | None = None, plugin: bool = False) -> dict:
    """metadata.json, with its database section renamed for the file being served
    (Datasette names a database after its file: data/news.db is "news").

    ``plugin``: for a Datasette that loads the project's plugin (``tracker serve``, ``datasette_app``),
    whose column facets on statements a broad search counts on request (datasette_plugin/facets.py).
    metadata.json itself keeps Datasette's plain column facets, for a plain ``datasette`` too."""
    path = Path(metadata_path) if metadata_path else PROJECT_METADATA
    metadata = json.loads(path.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    name = Path(db_path).stem
    if METADATA_DATABASE_KEY in databases and name != METADATA_DATABASE_KEY:
        databases[name] = databases.pop(METADATA_DATABASE_KEY)
    if name in databases and statement_count(db_path) > ARRAY_FACET_LIMIT:
        # Datasette's array facet parses every row's JSON: seconds past a few hundred thousand
        # statements. There the tags facet is on demand (?_facet_array=tags), not on every page.
        statements = databases[name].get("tables", {}).get("statements", {})
        statements["facets"] = [f for f in statements.get("facets", []) if not isinstance(f, dict)]
    if plugin and name in databases:
        statements = databases[name].get("tables", {}).get("statements", {})
        statements["facets"] = [{FACET_TYPE: f} if isinstance(f, str) else f for f in statements.get("facets", [])]
    return metadata


def statement_count(db_path: str | Path) -> int:
    """How many statements (by the highest rowid: instant at any size); 0 for a new database."""
    if not Path(db_path).exists():
        return 0
    connection = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True)
    try:
        return connection.execute("select max(rowid) from statements").fetchone()[0] or 0
    except sqlite3.Error:
        return 0
    finally:
        connection.close()


def datasette_command(db_path: str | Path, metadata_file: str | Path, host: str = "127.0.0.1", port: int = 8001,
                      extra: tuple[str, ...] = ()) -> list[str]:
    return [
        sys.executable, "-m", "datasette", "serve", str(db_path),
        "--metadata", str(metadata_file),
        "--host", host, "--port", str(port),
        "--setting", "facet_time_limit_ms", "1000",
        "--template-dir", str(TEMPLATES_DIR),  # charts, statement card, search box
        "--plugins-dir", str(PLUGINS_DIR),  # the hooks behind them, /-/timeline and /-/search-all
        "--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS),
        # Suggestions run a query per column on every table page: seconds at a million statements.
        "--setting", "suggest_facets", "off",
        *extra,
    ]


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, metadata_path: str | Path | None = None,
          extra: tuple[str, ...] = ()) -> int:
    db = open_database(db_path)
    with write_transaction(db):
        ensure_schema(db)  # an empty database still shows every table
    metadata = load_metadata(db_path, metadata_path, plugin=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(metadata, handle)
    # SIGTERM (a service manager, `kill`) must stop Datasette too, not orphan it: turned into the
    # KeyboardInterrupt on which subprocess.call kills its child.
    previous = _on_sigterm(_interrupt)
    try:
        return subprocess.call(datasette_command(db_path, handle.name, host, port, extra))
    except KeyboardInterrupt:
        return 0
    finally:
        _on_sigterm(previous)
        Path(handle.name).unlink(missing_ok=True)


def datasette_app(db_path: str | Path, metadata_path: str | Path | None = None):
    """The Datasette that `tracker serve` runs, in process (for tests and scripts)."""
    from datasette.app import Datasette

    return Datasette([str(db_path)], metadata=load_metadata(db_path, metadata_path, plugin=True),
                     template_dir=str(TEMPLATES_DIR), plugins_dir=str(PLUGINS_DIR))


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _on_sigterm(handler):
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        return None
