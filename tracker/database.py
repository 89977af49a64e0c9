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
import time
from collections.abc import Callable, Iterator
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


class BatchLost(Exception):
    """Articles already stored in the open batch were lost with it: the run must stop, not go on."""


class WriteBatch:
    """Articles written many to a transaction, each in its own savepoint: an article is stored
    whole or not at all, and a commit every ``max_articles`` articles or ``max_seconds`` seconds
    saves rewriting the same index pages once per article. A crash loses at most the batch not
    yet committed, never part of an article, and the next run stores those articles again.

        with WriteBatch(db) as batch:
            for article in articles:
                try:
                    with batch.article():
                        store_article(...)
                except Exception:
                    ...  # this article is not stored; the others are
                batch.commit_if_due()  # outside the try: a failed commit must stop the run
    """

    def __init__(self, db: Database, max_articles: int = 200, max_seconds: float = 1.0,
                 on_rollback: Callable[[], None] | None = None):
        self.db, self.max_articles, self.max_seconds = db, max_articles, max_seconds
        self.on_rollback = on_rollback
        self.pending = 0
        self.started = 0.0

    def __enter__(self) -> WriteBatch:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        # Everything in the open transaction is whole articles (a failed one was rolled back to
        # its savepoint), so even on an interrupt the finished ones are kept.
        try:
            self.commit()
        except BaseException:
            self.rollback()
            if kind is None:
                raise

    @contextmanager
    def article(self) -> Iterator[Database]:
        conn = self.db.conn
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()
        conn.execute("SAVEPOINT article")
        try:
            yield self.db
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO article")
                conn.execute("RELEASE article")
            elif self.pending:  # SQLite rolled back the whole transaction (disk full, I/O error)
                lost, self.pending = self.pending, 0
                if self.on_rollback:
                    self.on_rollback()
                raise BatchLost(f"the last {lost} articles stored were rolled back: {error}") from error
            raise
        conn.execute("RELEASE article")
        self.pending += 1

    def commit_if_due(self) -> None:
        if self.pending >= self.max_articles or (self.pending and time.monotonic() - self.started >= self.max_seconds):
            self.commit()

    def commit(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")
        self.pending = 0

    def rollback(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("ROLLBACK")
        self.pending = 0
        if self.on_rollback:
            self.on_rollback()


def checkpoint(db: Database) -> None:
    """Copy what the WAL holds into the database file, without waiting for readers: after an
    ingest run the .db file alone is complete (a backup or a copy of it misses nothing)."""
    db.execute("PRAGMA wal_checkpoint(PASSIVE)")


def insert_rows(db: Database, table: str, rows: list[dict], ignore: bool = False) -> int | None:
    """Plain executemany for the per-article inserts (sqlite-utils' insert_all introspects the
    table on every call, which cost more than the insert itself); the schema is ensure_schema's.
    Returns the new row's id when one row is inserted."""
    if not rows:
        return None
    columns = list(rows[0])
    sql = (f"insert {'or ignore ' if ignore else ''}into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"values ({', '.join('?' * len(columns))})")
    if len(rows) == 1:
        return db.conn.execute(sql, [rows[0][c] for c in columns]).lastrowid
    db.conn.executemany(sql, [[r[c] for c in columns] for r in rows])
    return None
