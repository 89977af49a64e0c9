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
        "columns": {"id": int, "name": str, "type": str, "role": str, "affiliation": str,
                    "needs_review": int, "review_reason": str, "wikidata_id": str, "description": str},
        "pk": "id",
    },
    "speaker_aliases": {
        "columns": {"speaker_id": int, "alias": str,
                    "source": str, "key": str, "surname_key": str},  # source: name (resolves) | mention
        "pk": ("speaker_id", "alias"),
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    # One quote reported by many articles (tracker/quotes.py); before statements, which point here.
    "quotes": {
        "columns": {
            "id": int,
            "text": str,  # the longest variant reported
            "text_key": str,  # normalized text of that variant
            "speaker_id": int,  # the speaker most outlets name
            "first_seen": str,
            "first_article_id": int,
            "article_count": int,
            "outlet_count": int,
            "statement_count": int,
            "speaker_count": int,
            "contested": int,  # 1 when outlets name different speakers
        },
        "pk": "id",
        "foreign_keys": [("speaker_id", "speakers", "id"), ("first_article_id", "articles", "id")],
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
            "speaker_name": str,  # the name the extractor gave, before resolving across articles
            "quote_id": int,
        },
        "pk": "id",
        "foreign_keys": [
            ("article_id", "articles", "id"),
            ("speaker_id", "speakers", "id"),
            ("source_id", "sources", "id"),
            ("quote_id", "quotes", "id"),
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
    "speaker_roles": {
        "columns": {"id": int, "speaker_id": int, "role": str, "affiliation": str, "article_id": int, "date": str},
        "pk": "id",
        "foreign_keys": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    },
    # merge, split, alias, rename, set: what changed, with what split needs to undo a merge
    "speaker_events": {
        "columns": {"id": int, "at": str, "action": str, "speaker_id": int, "other_speaker_id": int,
                    "summary": str, "detail": str, "undone_by": int},
        "pk": "id",
    },
    # 4-word shingles of every variant of a quote, so a new statement finds its quote by index
    "quote_shingles": {
        "columns": {"shingle": int, "quote_id": int},
        "pk": ("shingle", "quote_id"),
        "foreign_keys": [("quote_id", "quotes", "id")],
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
    ("tags", ["name"], True),
    ("ingest_errors", ["path"], False),
    ("speaker_aliases", ["key"], False),
    ("speaker_aliases", ["surname_key"], False),
    ("speakers", ["needs_review"], False),
    ("speaker_roles", ["role"], False),
    ("quotes", ["text_key"], False),
    ("quotes", ["outlet_count"], False),
    ("quotes", ["first_seen"], False),
    ("quotes", ["contested"], False),
]

FTS = {
    "statements": ["text"],
    "articles": ["title", "body"],
    "quotes": ["text"],
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
    # Speakers with their counts and every role they were given (an array for Datasette's facet).
    "speakers_view": """
select
  speakers.id,
  speakers.name,
  speakers.type,
  speakers.role,
  speakers.affiliation,
  (select json_group_array(role) from (select distinct role from speaker_roles
     where speaker_roles.speaker_id = speakers.id and role is not null order by role)) as roles,
  speakers.needs_review,
  speakers.review_reason,
  speakers.wikidata_id,
  (select count(*) from statements where statements.speaker_id = speakers.id) as statements,
  (select count(distinct article_id) from statements where statements.speaker_id = speakers.id) as articles,
  (select count(*) from quotes where quotes.speaker_id = speakers.id) as quotes,
  (select min(date_said) from statements where statements.speaker_id = speakers.id) as first_said,
  (select max(date_said) from statements where statements.speaker_id = speakers.id) as last_said
from speakers
""".strip(),
    # Who each quote is attributed to, and by which outlets: a contested quote has several rows.
    "quote_attributions": """
select
  statements.quote_id,
  quotes.text as quote,
  quotes.contested,
  statements.speaker_id,
  speakers.name as speaker,
  count(*) as statements,
  count(distinct statements.article_id) as articles,
  group_concat(distinct sources.name) as outlets,
  min(articles.published) as first_seen
from statements
  join quotes on quotes.id = statements.quote_id
  left join speakers on speakers.id = statements.speaker_id
  left join articles on articles.id = statements.article_id
  left join sources on sources.id = statements.source_id
group by statements.quote_id, statements.speaker_id
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
