"""Publish step: Datasette over the database, configured by metadata.json."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlite_utils import Database

from .schema import ensure_schema

PROJECT_METADATA = Path(__file__).resolve().parent.parent / "metadata.json"
METADATA_DATABASE_KEY = "tracker"  # the database name metadata.json is written for


def load_metadata(db_path: str | Path, metadata_path: str | Path | None = None) -> dict:
    """metadata.json, with its database section renamed for the file being served
    (Datasette names a database after its file: data/news.db is "news")."""
    path = Path(metadata_path) if metadata_path else PROJECT_METADATA
    metadata = json.loads(path.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    name = Path(db_path).stem
    if METADATA_DATABASE_KEY in databases and name != METADATA_DATABASE_KEY:
        databases[name] = databases.pop(METADATA_DATABASE_KEY)
    return metadata


def datasette_command(db_path: str | Path, metadata_file: str | Path, host: str = "127.0.0.1", port: int = 8001,
                      extra: tuple[str, ...] = ()) -> list[str]:
    return [
        sys.executable, "-m", "datasette", "serve", str(db_path),
        "--metadata", str(metadata_file),
        "--host", host, "--port", str(port),
        "--setting", "facet_time_limit_ms", "1000",
        # Suggestions run a query per column on every table page: seconds at a million statements.
        "--setting", "suggest_facets", "off",
        *extra,
    ]


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, metadata_path: str | Path | None = None,
          extra: tuple[str, ...] = ()) -> int:
    ensure_schema(Database(db_path))  # an empty database still shows every table
    metadata = load_metadata(db_path, metadata_path)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(metadata, handle)
    try:
        return subprocess.call(datasette_command(db_path, handle.name, host, port, extra))
    except KeyboardInterrupt:
        return 0
    finally:
        Path(handle.name).unlink(missing_ok=True)
