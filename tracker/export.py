"""Export step: statements out of the database as CSV or JSON Lines, streamed
row by row so a large database never sits in memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from sqlite_utils import Database

from .schema import ensure_schema

STATEMENT_COLUMNS = [
    "id", "text", "kind", "speaker", "speaker_type", "speaker_role", "speaker_affiliation", "speaker_mention",
    "cue", "date_said", "date_precision", "date_source", "date_phrase", "context",
    "article_title", "article_published", "outlet", "url", "tags",
]

STATEMENTS_SQL = """
select
  statements.id, statements.text, statements.kind,
  speakers.name as speaker, speakers.type as speaker_type, speakers.role as speaker_role,
  speakers.affiliation as speaker_affiliation, statements.speaker_mention, statements.cue,
  statements.date_said, statements.date_precision, statements.date_source, statements.date_phrase,
  statements.context, articles.title as article_title, articles.published as article_published,
  sources.name as outlet, articles.url, statements.tags
from statements
  left join speakers on speakers.id = statements.speaker_id
  left join articles on articles.id = statements.article_id
  left join sources on sources.id = articles.source_id
"""


def statements(db: Database, speakers: tuple[str, ...] = (), since: str | None = None,
               until: str | None = None) -> Iterator[dict]:
    """Statements, oldest first; ``speakers`` match a name or an alias, ``since``/``until``
    are inclusive ISO dates compared with the date said."""
    ensure_schema(db)
    where, params = [], []
    if speakers:
        marks = ", ".join("?" for _ in speakers)
        where.append(
            f"(speakers.name in ({marks}) or statements.speaker_id in "
            f"(select speaker_id from speaker_aliases where alias in ({marks})))"
        )
        params += [*speakers, *speakers]
    if since:
        where.append("statements.date_said >= ?")
        params.append(since)
    if until:
        # date_said may carry no time, but a bare date must include its whole day
        where.append("substr(statements.date_said, 1, 10) <= ?")
        params.append(until)
    sql = STATEMENTS_SQL + (" where " + " and ".join(where) if where else "")
    sql += " order by statements.date_said, statements.id"
    for row in db.query(sql, params):
        row["tags"] = json.loads(row["tags"]) if row["tags"] else []
        yield row


def write_jsonl(rows: Iterator[dict], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterator[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=STATEMENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        row["tags"] = ", ".join(row["tags"])
        writer.writerow(row)
        count += 1
    return count


WRITERS = {"csv": write_csv, "jsonl": write_jsonl}
