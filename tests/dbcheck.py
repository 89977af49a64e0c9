"""Whole-database checks shared by the crash and concurrency tests."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tracker.schema import FTS, TABLES

# Every table as rows without ids or timestamps, foreign keys replaced by what they point at,
# so two databases built by different runs compare equal when they hold the same data.
DUMP_QUERIES = {
    "articles": """select a.title, a.summary, a.author, a.url, a.published, a.section, s.name, a.body,
        a.content_hash, a.path, a.format, a.extractor_version, a.statement_count
        from articles a left join sources s on s.id = a.source_id""",
    "statements": """select a.content_hash, st.text, st.kind, st.cue, sp.name, sp.type, st.speaker_mention,
        st.speaker_start, st.speaker_end, st.start_offset, st.end_offset, st.date_said, st.month_said,
        st.date_precision, st.date_source, st.date_phrase, st.tags, st.context, so.name, st.extractor_version
        from statements st join articles a on a.id = st.article_id left join speakers sp on sp.id = st.speaker_id
        left join sources so on so.id = st.source_id""",
    "speakers": "select name, type, role, affiliation from speakers",
    "speaker_aliases": "select sp.name, al.alias from speaker_aliases al join speakers sp on sp.id = al.speaker_id",
    "sources": "select name, domain from sources",
    "tags": "select name from tags",
    "article_tags": """select a.content_hash, t.name from article_tags x join articles a on a.id = x.article_id
        join tags t on t.id = x.tag_id""",
    "ingest_errors": "select path, line, reason from ingest_errors",
}

HALF_WRITTEN = """select a.id, a.statement_count, count(s.id) from articles a
    left join statements s on s.article_id = a.id group by a.id having a.statement_count is not count(s.id)"""


def in_stored_order(db, table: str) -> str:
    """SELECT every row of a table in the order it is stored: by rowid, or by key for a WITHOUT ROWID table."""
    if "WITHOUT ROWID" in db[table].schema:
        return f"select * from [{table}] order by {', '.join(db[table].pks)}"
    return f"select rowid as _rowid, * from [{table}] order by rowid"


def dump(db_path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db_path)
    try:
        dumped = {name: sorted(conn.execute(sql).fetchall(), key=repr) for name, sql in DUMP_QUERIES.items()}
        counts = {name: conn.execute(f"select count(*) from [{name}]").fetchone()[0] for name in TABLES}
    finally:
        conn.close()
    dumped["_counts"] = sorted(counts.items())
    return dumped


def check_consistent(db_path: Path) -> int:
    """Integrity, foreign keys, full-text indexes, and no half-written article; returns the article count."""
    conn = sqlite3.connect(db_path, timeout=60)
    try:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        if "articles" not in tables:
            return 0  # killed before the schema was committed
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        check_full_text(conn)
        assert conn.execute(HALF_WRITTEN).fetchall() == []
        return conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()


def check_full_text(conn) -> None:
    """Each full-text index holds exactly its table's rows: FTS5's integrity-check with rank 1
    compares an external-content index with the content table and raises if they differ."""
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    for table in FTS:
        if f"{table}_fts" in tables:
            conn.execute(f"insert into [{table}_fts] ([{table}_fts], rank) values ('integrity-check', 1)")


def tracker_command(*args: str) -> list[str]:
    """``tracker ARGS`` in a fresh interpreter (the one running the tests)."""
    return [sys.executable, "-c", "from tracker.cli import cli; cli()", *args]


def run_tracker(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(tracker_command(*args), capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
