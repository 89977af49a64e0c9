"""Datasette hooks: extra template variables for the statements and speakers
pages, and the /-/timeline and /-/search-all pages."""

from __future__ import annotations

import os
import re
from html import escape
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import path_with_added_args
from datasette.utils.asgi import Response
from markupsafe import Markup

from .charts import bar_chart, month_range, timeline_chart
from . import facets
from .facets import FACET_TYPE, SearchLimitedColumnFacet, is_search, requested_facets

__all__ = ["extra_template_vars", "register_routes", "menu_links", "prepare_connection", "register_facet_classes"]

TOP_SPEAKERS = 12
DEFAULT_TIMELINE_SPEAKERS = 3
SEARCH_LIMIT = 20


async def tracker_database(datasette):
    """The database that holds the statements (Datasette names it after its file)."""
    for name, database in datasette.databases.items():
        if name != "_internal" and await database.table_exists("statements"):
            return database
    return None


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    async def inner():
        if not database or table not in ("statements", "speakers"):
            return {}
        db = datasette.get_database(database)
        if not await db.table_exists("statements"):
            return {}
        if view_name == "table" and table == "statements":
            extra = {"facets_on_request": facets_on_request(datasette, database, table, request)}
            try:
                extra["tracker_charts"] = await statement_charts(datasette, db)
            except QueryInterrupted:  # a database too big for the time limit: the page without charts
                pass
            return extra
        if view_name == "row" and request is not None:
            pk = request.url_vars.get("pks")
            if table == "statements":
                return {"statement_card": await statement_card(datasette, db, pk)}
            if table == "speakers":
                return {"speaker_timeline": await speaker_timeline_for_row(datasette, db, pk)}
        return {}

    return inner


# Read pages through a memory map instead of copying each into SQLite's small page cache: a
# search that matches tens of thousands of statements reads each of them. Pages past the map are
# read through that cache, so map the whole file: SQLite caps the size at its build's limit (2 GB
# for Python's sqlite3 here; a million statements are a 1.3 GB file). It is address space, not
# memory: the pages are the operating system's file cache, shared by every connection.
MMAP_BYTES = 1 << 40


@hookimpl
def prepare_connection(conn):
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


@hookimpl
def register_facet_classes():
    return [SearchLimitedColumnFacet]


def facets_on_request(datasette, database, table, request) -> dict | None:
    """For a search: the configured facets it counts only on request, and the link that asks for
    them. The page shows the offer when the search matches more than ``limit`` rows."""
    if request is None or not is_search(request):
        return None
    asked = requested_facets(request)
    columns = []
    for config in datasette.table_metadata(database, table).get("facets", []):
        if isinstance(config, dict) and FACET_TYPE in config:
            column = config[FACET_TYPE]
            if isinstance(column, dict):
                column = column.get("column") or column.get("simple")
            if column not in asked:
                columns.append(column)
    if not columns:
        return None
    return {"limit": facets.SEARCH_FACET_LIMIT, "columns": columns,
            "url": path_with_added_args(request, [("_facet", c) for c in columns])}


@hookimpl
def register_routes():
    return [
        (r"^/-/timeline$", timeline_page),
        (r"^/-/search-all$", search_all_page),
    ]


@hookimpl
def menu_links(datasette, actor):
    return [
        {"href": datasette.urls.path("/-/search-all"), "label": "Search everything"},
        {"href": datasette.urls.path("/-/timeline"), "label": "Speaker timelines"},
    ]


# -- statements page ---------------------------------------------------------

# The charts count the whole table, whatever the page filters: at a million statements that is
# over 100 ms per page view. They are kept until the database files change (any committed write
# changes the WAL's or the database's size or modification time).
_CHARTS_CACHE: dict[tuple, tuple[tuple, dict]] = {}


def _files_state(db) -> tuple | None:
    if db.is_memory or not db.path:
        return None
    state = []
    for suffix in ("", "-wal"):
        try:
            info = os.stat(db.path + suffix)
        except OSError:
            state.append(None)
        else:
            state.append((info.st_mtime_ns, info.st_size, info.st_ino))
    return tuple(state)


async def statement_charts(datasette, db) -> dict:
    state = _files_state(db)
    key = (db.path, datasette.urls.table(db.name, "statements"))  # the links depend on the instance's base URL
    cached = _CHARTS_CACHE.get(key) if state else None
    if cached and cached[0] == state:
        return cached[1]
    charts = await _statement_charts(datasette, db)
    if state:
        _CHARTS_CACHE[key] = (state, charts)
    return charts


async def _statement_charts(datasette, db) -> dict:
    top = await top_speakers(db, TOP_SPEAKERS)
    statements_url = datasette.urls.table(db.name, "statements")
    bars = [(row["name"], row["n"], f"{statements_url}?speaker_id={row['id']}") for row in top]
    months = (await db.execute(
        "select month_said, count(*) as n from statements where month_said is not null group by month_said"
    )).rows
    counts = {row["month_said"]: row["n"] for row in months}
    timeline = Markup("")
    if counts:
        axis = month_range(min(counts), max(counts))
        timeline = timeline_chart(axis, [("All speakers", [counts.get(m, 0) for m in axis])], "Statements per month",
                                  width=560, height=340)
    names = [row["name"] for row in top[:DEFAULT_TIMELINE_SPEAKERS]]
    return {
        "top_speakers": bar_chart(bars, "Top speakers (click to filter)", width=540),
        "per_month": timeline,
        "timeline_url": datasette.urls.path("/-/timeline") + ("?" + urlencode([("speaker", n) for n in names]) if names else ""),
    }


async def top_speakers(db, limit: int) -> list:
    return list((await db.execute(
        "select speakers.id, speakers.name, speakers.role, count(*) as n from statements"
        " join speakers on speakers.id = statements.speaker_id"
        " group by speakers.id order by n desc, speakers.name limit ?", [limit],
    )).rows)


# -- statement card ----------------------------------------------------------

CARD_SQL = """
select statements.id, statements.text, statements.kind, statements.cue, statements.context,
  statements.date_said, statements.date_precision, statements.date_source, statements.date_phrase,
  statements.speaker_mention, statements.speaker_id, speakers.name as speaker, speakers.type as speaker_type,
  speakers.role as speaker_role, speakers.affiliation as speaker_affiliation,
  statements.article_id, articles.title as article_title, articles.url as article_url,
  articles.published as article_published, articles.source_id, sources.name as outlet
from statements
  left join speakers on speakers.id = statements.speaker_id
  left join articles on articles.id = statements.article_id
  left join sources on sources.id = articles.source_id
where statements.id = ?
"""


async def statement_card(datasette, db, pk) -> dict | None:
    rows = (await db.execute(CARD_SQL, [pk])).rows
    if not rows:
        return None
    card = dict(rows[0])
    card["context_html"] = highlight(card["context"] or "", card["text"] or "")
    card["speaker_url"] = datasette.urls.row(db.name, "speakers", card["speaker_id"]) if card["speaker_id"] else None
    card["article_row_url"] = datasette.urls.row(db.name, "articles", card["article_id"]) if card["article_id"] else None
    card["outlet_url"] = (datasette.urls.table(db.name, "statements") + f"?source_id={card['source_id']}"
                          if card["source_id"] else None)
    card["timeline_url"] = (datasette.urls.path("/-/timeline") + "?" + urlencode({"speaker": card["speaker"]})
                            if card["speaker"] else None)
    return card


def highlight(context: str, quote: str) -> Markup:
    """The paragraph around a statement, with the statement marked."""
    at = context.find(quote) if quote else -1
    if at < 0:
        return Markup(escape(context))
    return Markup(f"{escape(context[:at])}<mark>{escape(quote)}</mark>{escape(context[at + len(quote):])}")


# -- speaker timelines -------------------------------------------------------

async def speaker_months(db, name: str) -> tuple[str | None, dict[str, int]]:
    """The speaker's own name (an alias finds it) and their statements per month."""
    found = (await db.execute(
        "select id, name from speakers where name = ? or id in (select speaker_id from speaker_aliases where alias = ?)",
        [name, name])).rows
    if not found:
        return None, {}
    ids = [row["id"] for row in found]
    label = found[0]["name"] if len({row["name"] for row in found}) == 1 else name
    marks = ", ".join("?" for _ in ids)
    rows = (await db.execute(
        f"select month_said, count(*) as n from statements where speaker_id in ({marks})"
        " and month_said is not null group by month_said", ids)).rows
    return label, {row["month_said"]: row["n"] for row in rows}


async def timeline_svg(db, names: list[str]) -> tuple[Markup, list[str], list[str]]:
    """The chart for these speakers, the speakers found (by their own names), and the names not found."""
    found, missing, per_speaker = [], [], []
    for name in names:
        label, months = await speaker_months(db, name)
        if label is None:
            missing.append(name)
            continue
        if label in found:
            continue
        found.append(label)
        per_speaker.append((label, months))
    all_months = [m for _, months in per_speaker for m in months]
    if not all_months:
        return Markup(""), found, missing
    axis = month_range(min(all_months), max(all_months))
    series = [(name, [months.get(m, 0) for m in axis]) for name, months in per_speaker]
    title = "Statements per month: " + ", ".join(found)
    return timeline_chart(axis, series, title if len(title) < 90 else "Statements per month"), found, missing


async def speaker_timeline_for_row(datasette, db, pk) -> dict | None:
    rows = (await db.execute("select name from speakers where id = ?", [pk])).rows
    if not rows:
        return None
    name = rows[0]["name"]
    svg, _, _ = await timeline_svg(db, [name])
    return {"svg": svg, "url": datasette.urls.path("/-/timeline") + "?" + urlencode({"speaker": name})}


async def timeline_page(datasette, request):
    db = await tracker_database(datasette)
    if db is None:
        return Response.html("No statements table in any database.", status=404)
    top = await top_speakers(db, TOP_SPEAKERS)
    chosen = [s.strip() for s in request.args.getlist("speaker") if s.strip()]
    chosen = list(dict.fromkeys(chosen))
    if not chosen and "speaker" not in request.args:
        chosen = [row["name"] for row in top[:DEFAULT_TIMELINE_SPEAKERS]]
    svg, found, missing = await timeline_svg(db, chosen)
    names = [row["name"] for row in (await db.execute("select name from speakers order by name limit 2000")).rows]
    context = {
        "database": db.name,
        "chart": svg,
        "chosen": found,
        "found": found,
        "missing": missing,
        "top": top,
        "others": [name for name in found if name not in {row["name"] for row in top}],
        "all_names": names,
        "statements_url": datasette.urls.table(db.name, "statements"),
    }
    return Response.html(await datasette.render_template("tracker_timeline.html", context, request=request))


# -- one search box ----------------------------------------------------------

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


def fts_words(q: str) -> str | None:
    """Every word of the box as a quoted FTS term (all must match); stray quotes and operators are not syntax."""
    words = re.findall(r"\w+", q)
    return " ".join(f'"{word}"' for word in words) or None


def marked(snippet: str | None) -> Markup:
    """An FTS snippet with its match markers turned into <mark>, everything else escaped."""
    text = escape(snippet or "")
    return Markup(text.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


async def search_all(datasette, db, q: str) -> list[dict]:
    sections = []
    statements_url = datasette.urls.table(db.name, "statements")
    match = fts_words(q)
    select = ("select statements.id, statements.text, statements.date_said, speakers.name as speaker,"
              " sources.name as outlet from statements"
              " left join speakers on speakers.id = statements.speaker_id"
              " left join sources on sources.id = statements.source_id")
    rows = [] if match is None else list((await db.execute(
        select + " join statements_fts on statements_fts.rowid = statements.id"
        " where statements_fts match :match order by statements_fts.rank limit :limit",
        {"match": match, "limit": SEARCH_LIMIT + 1})).rows)
    # then what the speakers of that name said, though their words do not name them
    seen = {r["id"] for r in rows}
    rows += [r for r in (await db.execute(
        select + " where statements.speaker_id in (select id from speakers where name like :like"
        " union select speaker_id from speaker_aliases where alias like :like)"
        " order by statements.date_said, statements.id limit :limit",
        {"like": f"%{q}%", "limit": SEARCH_LIMIT + 1})).rows if r["id"] not in seen]
    sections.append({
        "name": "Statements", "more_url": f"{statements_url}?{urlencode({'_search': q})}",
        "results": [{
            "url": datasette.urls.row(db.name, "statements", r["id"]),
            "title": r["text"],
            "meta": " · ".join(x for x in (r["speaker"], r["date_said"], r["outlet"]) if x),
        } for r in rows],
    })
    rows = [] if match is None else (await db.execute(
        "select articles.id, articles.title, articles.published, sources.name as outlet,"
        " snippet(articles_fts, -1, char(2), char(3), '…', 16) as snippet"
        " from articles_fts join articles on articles.id = articles_fts.rowid"
        " left join sources on sources.id = articles.source_id"
        " where articles_fts match :match order by articles_fts.rank limit :limit",
        {"match": match, "limit": SEARCH_LIMIT + 1})).rows
    sections.append({
        "name": "Articles", "more_url": f"{datasette.urls.table(db.name, 'articles')}?{urlencode({'_search': q})}",
        "results": [{
            "url": datasette.urls.row(db.name, "articles", r["id"]),
            "title": r["title"] or f"Article {r['id']}",
            "meta": " · ".join(x for x in (r["outlet"], r["published"]) if x),
            "snippet": marked(r["snippet"]),
        } for r in rows],
    })
    like = f"%{q}%"
    rows = (await db.execute(
        "select speakers.id, speakers.name, speakers.role, speakers.affiliation,"
        " (select count(*) from statements where statements.speaker_id = speakers.id) as n from speakers"
        " where speakers.name like :like or speakers.role like :like or speakers.affiliation like :like"
        " or speakers.id in (select speaker_id from speaker_aliases where alias like :like)"
        " order by n desc, speakers.name limit :limit",
        {"like": like, "limit": SEARCH_LIMIT + 1})).rows
    sections.append({
        "name": "Speakers", "more_url": f"{datasette.urls.table(db.name, 'speakers')}?{urlencode({'name__contains': q})}",
        "results": [{
            "url": datasette.urls.row(db.name, "speakers", r["id"]),
            "title": r["name"],
            "meta": " · ".join(x for x in (r["role"], r["affiliation"], f"{r['n']} statements") if x),
        } for r in rows],
    })
    claims = await search_claims(datasette, db, q)
    if claims is not None:
        sections.append(claims)
    for section in sections:
        section["truncated"] = len(section["results"]) > SEARCH_LIMIT
        section["results"] = section["results"][:SEARCH_LIMIT]
    return sections


async def search_claims(datasette, db, q: str) -> dict | None:
    """Claims, when the database has them: through their FTS table if there is one, else every text column."""
    if not await db.table_exists("claims"):
        return None
    details = await db.table_column_details("claims")
    text_columns = [c.name for c in details if (c.type or "").upper() in ("TEXT", "") and c.name != "id"]
    pks = await db.primary_keys("claims") or ["rowid"]
    if not text_columns:
        return None
    label = next((c for c in ("text", "claim", "claim_text", "title", "claim_reviewed") if c in text_columns),
                 text_columns[0])
    fts = await db.fts_table("claims")
    if fts and fts_words(q):
        sql = (f"select claims.rowid as _rowid, claims.* from claims where rowid in"
               f" (select rowid from [{fts}] where [{fts}] match :match) limit :limit")
        params = {"match": fts_words(q), "limit": SEARCH_LIMIT + 1}
    else:
        where = " or ".join(f"[{c}] like :like" for c in text_columns)
        sql = f"select rowid as _rowid, * from claims where {where} limit :limit"
        params = {"like": f"%{q}%", "limit": SEARCH_LIMIT + 1}
    rows = (await db.execute(sql, params)).rows
    meta_columns = [c for c in ("rating", "verdict", "claimant", "publisher", "review_date") if c in text_columns]
    return {
        "name": "Claims",
        "more_url": datasette.urls.table(db.name, "claims"),
        "results": [{
            "url": datasette.urls.row(db.name, "claims", ",".join(str(r[pk] if pk != "rowid" else r["_rowid"]) for pk in pks)),
            "title": r[label] or "(no text)",
            "meta": " · ".join(str(r[c]) for c in meta_columns if r[c]),
        } for r in rows],
    }


async def search_all_page(datasette, request):
    db = await tracker_database(datasette)
    if db is None:
        return Response.html("No statements table in any database.", status=404)
    q = (request.args.get("q") or "").strip()
    sections = await search_all(datasette, db, q) if q else []
    context = {"database": db.name, "q": q, "sections": sections,
               "total": sum(len(s["results"]) for s in sections)}
    return Response.html(await datasette.render_template("tracker_search.html", context, request=request))
