"""Opening the database for writing, in one place: WAL, a busy timeout, and
write transactions that take the write lock up front.

WAL lets Datasette read while an ingest writes (readers see the last
committed state, never a half-written article). The busy timeout makes a
second writer wait for the first instead of failing. ``BEGIN IMMEDIATE``
takes the write lock before the first read: a deferred transaction that reads
and then writes can fail at once with "database is locked" when another
writer committed in between, and no busy timeout helps with that.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

BUSY_TIMEOUT_SECONDS = 60.0


def open_database(path: str | Path) -> Database:
    """The database at ``path``, ready for writing alongside readers and other writers."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        db.execute("PRAGMA journal_mode = wal")
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One transaction holding the write lock from its start; nested ``db.atomic()`` blocks become savepoints."""
    if db.conn.in_transaction:  # already inside one: let the outer transaction decide
        yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def checkpoint(db: Database) -> None:
    """Copy what the WAL holds into the database file, without waiting for readers: after an
    ingest run the .db file alone is complete (a backup or a copy of it misses nothing)."""
    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
