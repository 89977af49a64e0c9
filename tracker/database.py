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
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path

from sqlite_utils import Database

BUSY_TIMEOUT_SECONDS = 60.0
MAX_PARAMETERS = 999  # bound parameters per statement in any SQLite build (SQLITE_MAX_VARIABLE_NUMBER)


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


class WriteBatch:
    """Articles written many to a transaction: ``add`` keeps an article in memory, and every
    ``max_articles`` articles or ``max_seconds`` seconds ``write`` stores the pending ones in one
    transaction. Fewer commits and savepoints save rewriting the same index pages, and the
    full-text indexes flush what they hold at every savepoint. ``write`` (tracker/store.py
    ``store_articles``) keeps each article whole or not at all and returns one result per
    article: what ``done`` is told. It runs first thing in the transaction (right after BEGIN
    IMMEDIATE), so it may undo what it wrote by rolling back and beginning a new transaction. A
    crash loses at most the batch not yet committed, never part of an article, and the next run
    stores those articles again.

        with WriteBatch(db, write) as batch:
            for article in articles:
                batch.add((article, statements), done=count)
            batch.after(record_errors)  # runs in the transaction of the next write
    """

    def __init__(self, db: Database, write: Callable[[list], list], max_articles: int = 200,
                 max_seconds: float = 1.0, on_rollback: Callable[[], None] | None = None):
        self.db, self.write, self.max_articles, self.max_seconds = db, write, max_articles, max_seconds
        self.on_rollback = on_rollback
        self.pending: list = []
        self.done: list[Callable] = []
        self.callbacks: list[Callable[[], None]] = []
        self.started = 0.0

    def __enter__(self) -> WriteBatch:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        # The pending articles are whole (extracted and checked), so even on an interrupt they are stored.
        try:
            self.flush()
        except BaseException:
            if kind is None:
                raise

    def add(self, item, done: Callable[[object], None]) -> None:
        if not self.pending:
            self.started = time.monotonic()
        self.pending.append(item)
        self.done.append(done)
        if len(self.pending) >= self.max_articles or time.monotonic() - self.started >= self.max_seconds:
            self.flush()

    def after(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the articles added so far are written, in the same transaction."""
        self.callbacks.append(callback)

    def flush(self) -> None:
        if not self.pending and not self.callbacks:
            return
        items, done, callbacks = self.pending, self.done, self.callbacks
        self.pending, self.done, self.callbacks = [], [], []
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            results = self.write(items) if items else []
            for tell, result in zip(done, results):
                tell(result)
            for callback in callbacks:
                callback()
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if self.on_rollback:
                self.on_rollback()
            raise


def checkpoint(db: Database) -> None:
    """Copy what the WAL holds into the database file, without waiting for readers: after an
    ingest run the .db file alone is complete (a backup or a copy of it misses nothing)."""
    db.execute("PRAGMA wal_checkpoint(PASSIVE)")


def select_rows(db: Database, sql: str, params=()) -> list[dict]:
    """Rows as dicts, for the per-article path. sqlite-utils' ``db.query`` wraps each SELECT in a
    savepoint, and each savepoint makes the full-text indexes flush what they hold in memory: on
    the ingest path that wrote a small index segment per query."""
    cursor = db.conn.execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row)) for row in cursor]


def update_row(db: Database, table: str, pk: int, values: dict) -> None:
    """``db[table].update(pk, values)`` without its table introspection, for the per-article path."""
    db.conn.execute(f"update [{table}] set {', '.join(f'[{c}] = ?' for c in values)} where id = ?", [*values.values(), pk])


@lru_cache(maxsize=256)
def _insert_sql(table: str, columns: tuple[str, ...], ignore: bool) -> tuple[str, str]:
    """The start of an INSERT for these columns, and one row's placeholders."""
    head = f"insert {'or ignore ' if ignore else ''}into [{table}] ({', '.join(f'[{c}]' for c in columns)}) values "
    return head, f"({', '.join('?' * len(columns))})"


def insert_rows(db: Database, table: str, rows: list[dict], ignore: bool = False,
                one_statement: bool = False) -> int | None:
    """Plain executemany for the per-article inserts (sqlite-utils' insert_all introspects the
    table on every call, which cost more than the insert itself); the schema is ensure_schema's.
    Returns the new row's id when one row is inserted.

    ``one_statement``: all rows in one INSERT with many VALUES rows instead (same rows, same
    order, same ids), for a table with an insert trigger. Inside a transaction, an insert that
    fires a trigger (which may abort on a foreign key) runs under a statement journal: every page
    it touches is first copied there, once per statement. One statement for an article's rows
    copies each page once instead of once per row."""
    if not rows:
        return None
    columns = tuple(rows[0])
    head, row_marks = _insert_sql(table, columns, ignore)
    values = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)  # in column order
    if len(rows) == 1:
        return db.conn.execute(head + row_marks, values(rows[0])).lastrowid
    if one_statement:
        per_statement = max(1, MAX_PARAMETERS // len(columns))
        for start in range(0, len(rows), per_statement):
            chunk = rows[start:start + per_statement]
            db.conn.execute(head + ", ".join([row_marks] * len(chunk)), list(chain.from_iterable(map(values, chunk))))
        return None
    db.conn.executemany(head + row_marks, map(values, rows))
    return None
