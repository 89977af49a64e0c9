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
            "fetched_at": str,  # when a web archive fetched the page (WARC-Date)
            "statement_count": int,  # statements stored with the article, in the same transaction
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
    "claims": {
        "columns": {
            "id": int,
            "text": str,
            "speaker_id": int,
            "said_on": str,
            "first_appearance_url": str,
            "first_appearance_article_id": int,
            "status": str,  # open | in_review | published | withdrawn
            "verdict": str,  # the latest published review's verdict, kept here for the facet
            "reviewed_by": str,  # and its reviewer
            "verdict_review_id": int,
            "tags": str,  # JSON array, for Datasette's array facet
            "created_by": str,
            "created_at": str,
            "updated_at": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("speaker_id", "speakers", "id"),
            ("first_appearance_article_id", "articles", "id"),
        ],
    },
    "claim_appearances": {
        "columns": {
            "id": int,
            "claim_id": int,
            "statement_id": int,
            "article_id": int,
            "url": str,  # where it appeared when that page is not an ingested article
            "statement_text": str,  # kept so the link survives a re-ingest that renumbers statements
            "linked_by": str,
            "linked_at": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("claim_id", "claims", "id"),
            ("statement_id", "statements", "id"),
            ("article_id", "articles", "id"),
        ],
    },
    "claim_tags": {
        "columns": {"claim_id": int, "tag_id": int},
        "pk": ("claim_id", "tag_id"),
        "foreign_keys": [("claim_id", "claims", "id"), ("tag_id", "tags", "id")],
    },
    "rating_scale": {
        "columns": {
            "label": str,
            "rating_value": int,
            "best_rating": int,
            "worst_rating": int,
            "position": int,
            "active": int,  # a label taken off the scale stays for the reviews that used it
        },
        "pk": "label",
    },
    "reviews": {
        "columns": {
            "id": int,
            "claim_id": int,
            "verdict": str,
            "explanation": str,
            "reviewer": str,
            "reviewed_on": str,
            "url": str,  # the published fact-check page, if it lives elsewhere
            "published": int,
            "published_at": str,
            "superseded_by": int,
            "created_at": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("claim_id", "claims", "id"),
            ("verdict", "rating_scale", "label"),
            ("superseded_by", "reviews", "id"),
        ],
    },
    "review_evidence": {
        "columns": {"id": int, "review_id": int, "url": str},
        "pk": "id",
        "foreign_keys": [("review_id", "reviews", "id")],
    },
    "events": {
        "columns": {
            "id": int,
            "at": str,
            "by": str,
            "entity": str,  # claim | appearance | review | speaker | rating_scale
            "entity_id": str,
            "claim_id": int,
            "action": str,
            "before": str,  # JSON
            "after": str,  # JSON
        },
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
        # the key is the whole row: one B-tree instead of a table and its primary-key index
        "without_rowid": True,
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
    # The id alone (12 MB at a million statements, against 358 MB of rows): counting the statements a
    # search matches (Datasette's "select count(*) from statements where id in (select rowid from
    # statements_fts ...)") looks each id up here rather than in the table, 62 -> 44 ms for 81,689.
    ("statements", ["id"], False),
    # A quote's statements per speaker and per outlet: a statement joining a popular quote updates
    # its counts from these (tracker/quotes.py add_statements) instead of reading every statement.
    ("statements", ["quote_id", "speaker_id"], False),
    ("statements", ["quote_id", "source_id"], False),
    ("tags", ["name"], True),
    ("ingest_errors", ["path"], False),
    ("claims", ["status"], False),
    ("claims", ["verdict"], False),
    ("claims", ["reviewed_by"], False),
    ("claims", ["said_on"], False),
    ("claim_appearances", ["claim_id", "statement_id"], False),
    ("reviews", ["reviewer"], False),
    ("events", ["claim_id"], False),
    ("events", ["entity", "entity_id"], False),
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


# Rows a new database starts with, inserted only while the table is empty.
SEEDS = {
    # The default rating scale. "unproven" is off the true..false line; it is exported as
    # 0 on a 0..6 scale so ratingValue stays within worstRating..bestRating.
    "rating_scale": [
        {"label": label, "rating_value": value, "best_rating": 6, "worst_rating": 0 if value == 0 else 1,
         "position": position, "active": 1}
        for position, (label, value) in enumerate([
            ("true", 6), ("mostly true", 5), ("half true", 4), ("mostly false", 3),
            ("false", 2), ("pants on fire", 1), ("unproven", 0),
        ], start=1)
    ],
}

TRIGGERS = {
    # The event log is append-only in SQLite itself, whoever writes to the file.
    "events_no_update": "BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
    "events_no_delete": "BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
    # A re-ingest deletes and re-adds an article's statements: detach claim links first
    # (logged), and re-attach them to the new statement with the same text.
    "statements_detach_claims": """BEFORE DELETE ON statements
WHEN EXISTS (SELECT 1 FROM claim_appearances WHERE statement_id = old.id)
BEGIN
  INSERT INTO events (at, by, entity, entity_id, claim_id, action, before, after)
    SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), 'tracker ingest', 'appearance', id, claim_id, 'detach',
           json_object('statement_id', statement_id), json_object('statement_id', NULL)
    FROM claim_appearances WHERE statement_id = old.id;
  UPDATE claim_appearances SET statement_id = NULL WHERE statement_id = old.id;
END""",
    "statements_reattach_claims": """AFTER INSERT ON statements
WHEN EXISTS (SELECT 1 FROM claim_appearances WHERE statement_id IS NULL AND article_id = new.article_id
             AND statement_text = new.text)
BEGIN
  INSERT INTO events (at, by, entity, entity_id, claim_id, action, before, after)
    SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), 'tracker ingest', 'appearance', id, claim_id, 'reattach',
           json_object('statement_id', NULL), json_object('statement_id', new.id)
    FROM claim_appearances WHERE statement_id IS NULL AND article_id = new.article_id AND statement_text = new.text;
  UPDATE claim_appearances SET statement_id = new.id
    WHERE statement_id IS NULL AND article_id = new.article_id AND statement_text = new.text;
END""",
}


def _index_foreign_keys(db: Database) -> None:
    """Like sqlite-utils' index_foreign_keys, but a foreign key that already leads a composite
    index (statements.speaker_id in (speaker_id, date_said)) gets none of its own: every index
    is written on every insert. One made by an earlier version is dropped."""
    for name in db.table_names():
        table = db[name]
        indexes = table.indexes
        for fk in table.foreign_keys:
            led = [i for i in indexes if i.columns[0] == fk.column and len(i.columns) > 1]
            own = [i for i in indexes if i.columns == [fk.column]]
            if led:
                for index in own:
                    if index.name == f"idx_{name}_{fk.column}":
                        db.execute(f"DROP INDEX [{index.name}]")
            elif not own:
                table.create_index([fk.column], find_unique_name=True)
                indexes = table.indexes


def _full_text_triggers(db: Database, table: str, columns: list[str]) -> None:
    """Keep ``{table}_fts`` in step on delete and update; new rows are indexed by ``index_new_rows``.

    sqlite-utils' triggers index each row as it is inserted. Every insert then runs under a
    statement journal and makes each full-text index flush its pending terms as a new segment:
    a third of the time an ingest spends storing. Instead a write indexes its new rows in bulk
    before it commits. The rows indexed are those up to the highest rowid in the index's
    ``_docsize`` table (new rowids are always higher); the delete and update triggers touch the
    index only for those, and a row deleted before it was indexed leaves nothing behind. Our
    update trigger also fires only when an indexed column changes (a quote's counts or a
    statement's speaker change often, its text rarely)."""
    indexed = f"old.rowid <= (SELECT max(id) FROM [{table}_fts_docsize])"
    existing = {r["name"]: r["sql"] for r in db.query(
        "select name, sql from sqlite_master where type = 'trigger' and name in (?, ?, ?)",
        [f"{table}_ai", f"{table}_ad", f"{table}_au"])}
    if f"{table}_ai" not in existing and all(indexed in existing.get(f"{table}_{s}", "") for s in ("ad", "au")):
        return
    old = ", ".join(f"old.[{c}]" for c in columns)
    names = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    delete = f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {names}) VALUES('delete', old.rowid, {old});"
    for name in existing:
        db.execute(f"DROP TRIGGER [{name}]")
    db.execute(f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] WHEN {indexed} BEGIN\n  {delete}\nEND")
    db.execute(
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {names} ON [{table}] WHEN {indexed} BEGIN\n  {delete}\n"
        f"  INSERT INTO [{table}_fts] (rowid, {names}) VALUES (new.rowid, {new});\nEND")


def index_new_rows(db: Database) -> None:
    """Add the rows written since the last call to the full-text indexes. Every write path that
    inserts into a table in ``FTS`` calls this before it commits (ensure_schema too, for rows
    another tool inserted)."""
    for table, columns in FTS.items():
        names = ", ".join(f"[{c}]" for c in columns)
        db.conn.execute(
            f"INSERT INTO [{table}_fts] (rowid, {names}) SELECT rowid, {names} FROM [{table}] "
            f"WHERE rowid > coalesce((SELECT max(id) FROM [{table}_fts_docsize]), 0)")


def ensure_schema(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")  # per connection, and not inside a transaction
    with db.atomic():  # one transaction: on a file, many small schema writes cost a sync each
        for name, shape in TABLES.items():
            table = db[name]
            if not table.exists():
                if shape.get("without_rowid"):
                    db.execute(db.create_table_sql(name, shape["columns"], pk=shape["pk"],
                                                   foreign_keys=shape.get("foreign_keys")).strip().rstrip(";")
                               + " WITHOUT ROWID")
                else:
                    table.create(shape["columns"], pk=shape["pk"], foreign_keys=shape.get("foreign_keys"))
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
        _index_foreign_keys(db)
        for table, columns in FTS.items():
            if not db[f"{table}_fts"].exists():
                db[table].enable_fts(columns, create_triggers=True, tokenize="porter")
            _full_text_triggers(db, table, columns)
        index_new_rows(db)
        current = {r["name"]: r["sql"] for r in db.query("select name, sql from sqlite_master where type = 'view'")}
        for name, sql in VIEWS.items():
            if name not in current or sql not in current[name]:
                db.create_view(name, sql, replace=True)
        for name, sql in TRIGGERS.items():
            db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {sql}")
        for name, rows in SEEDS.items():
            if not db[name].count:
                db[name].insert_all(rows)
