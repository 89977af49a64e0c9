"""Every table's shape, in one place. ``ensure_schema(db)`` creates what is
missing and adds what an older database lacks; it is safe to run any time."""

from __future__ import annotations

from sqlite_utils import Database

# name -> (columns, pk, foreign keys, not null)
TABLES: dict[str, dict] = {
    "sources": {
        "columns": {"id": int, "name": str, "domain": str},
        "pk": "id",
    },
    "articles": {
        "columns": {
            "id": int,
            "title": str,
            "summary": str,
            "author": str,
            "url": str,
            "published": str,
            "section": str,
            "source_id": int,
            "body": str,
            "content_hash": str,
            "path": str,
            "format": str,
            "extractor_version": str,
            "ingested_at": str,
        },
        "pk": "id",
        "foreign_keys": [("source_id", "sources", "id")],
    },
    "speakers": {
        "columns": {"id": int, "name": str, "type": str, "role": str, "affiliation": str},
        "pk": "id",
    },
    "speaker_aliases": {
        "columns": {"speaker_id": int, "alias": str},
        "pk": ("speaker_id", "alias"),
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    "statements": {
        "columns": {
            "id": int,
            "article_id": int,
            "speaker_id": int,
            "source_id": int,  # the article's outlet, repeated here so the statements page can facet on it
            "text": str,
            "kind": str,
            "cue": str,
            "speaker_mention": str,
            "speaker_start": int,
            "speaker_end": int,
            "start_offset": int,
            "end_offset": int,
            "date_said": str,
            "month_said": str,  # YYYY-MM, for the month facet and timelines
            "date_precision": str,
            "date_source": str,
            "date_phrase": str,
            "tags": str,  # JSON array of the article's tags, for Datasette's array facet
            "context": str,
            "extractor_version": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("article_id", "articles", "id"),
            ("speaker_id", "speakers", "id"),
            ("source_id", "sources", "id"),
        ],
    },
    "tags": {
        "columns": {"id": int, "name": str},
        "pk": "id",
    },
    "article_tags": {
        "columns": {"article_id": int, "tag_id": int},
        "pk": ("article_id", "tag_id"),
        "foreign_keys": [("article_id", "articles", "id"), ("tag_id", "tags", "id")],
    },
    "ingest_errors": {
        "columns": {"id": int, "path": str, "line": int, "reason": str, "failed_at": str},
        "pk": "id",
    },
}

# (table, columns, unique)
INDEXES = [
    ("sources", ["name"], True),
    ("articles", ["url"], False),
    ("articles", ["content_hash"], False),
    ("articles", ["path"], False),
    ("articles", ["published"], False),
    ("speakers", ["name", "type"], True),
    ("speaker_aliases", ["alias"], False),
    ("statements", ["kind"], False),
    ("statements", ["date_said"], False),
    ("statements", ["month_said"], False),
    # A speaker's statements newest first, and per month, straight from the index (canned queries).
    ("statements", ["speaker_id", "date_said"], False),
    ("statements", ["speaker_id", "month_said", "article_id"], False),
    ("statements", ["article_id", "date_said"], False),
    ("tags", ["name"], True),
    ("ingest_errors", ["path"], False),
]

FTS = {
    "statements": ["text"],
    "articles": ["title", "body"],
}

VIEWS = {
    # One row per statement with everything an analyst joins for: write SQL against this.
    "statements_view": """
select
  statements.id as statement_id,
  statements.text as statement,
  statements.kind,
  speakers.name as speaker,
  speakers.type as speaker_type,
  speakers.role as speaker_role,
  statements.speaker_mention,
  statements.cue,
  statements.date_said,
  statements.date_precision,
  statements.date_source,
  articles.title as article_title,
  articles.published as article_published,
  sources.name as outlet,
  articles.url,
  statements.article_id
from statements
  left join speakers on speakers.id = statements.speaker_id
  left join articles on articles.id = statements.article_id
  left join sources on sources.id = articles.source_id
""".strip(),
}


def ensure_schema(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    with db.atomic():
        for name, shape in TABLES.items():
            table = db[name]
            if not table.exists():
                table.create(
                    shape["columns"],
                    pk=shape["pk"],
                    foreign_keys=shape.get("foreign_keys"),
                )
                continue
            existing = {c.name for c in table.columns}
            for column, column_type in shape["columns"].items():
                if column not in existing:
                    table.add_column(column, column_type)
    for name, shape in TABLES.items():
        known = {fk.column for fk in db[name].foreign_keys}
        missing = [fk for fk in shape.get("foreign_keys", []) if fk[0] not in known]
        if missing:
            db.add_foreign_keys([(name, *fk) for fk in missing])
    for table, columns, unique in INDEXES:
        db[table].create_index(columns, unique=unique, if_not_exists=True)
    db.index_foreign_keys()
    for table, columns in FTS.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, create_triggers=True, tokenize="porter")
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
