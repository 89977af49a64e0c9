"""The same quote across outlets, as in Quotebank: one ``quotes`` row per quotation,
every statement reporting it pointing there through ``statements.quote_id``.

Which statements form quotes: direct, partial and mixed statements whose quoted
words (for a mixed statement, only the words inside quotation marks) are at least
``MIN_QUOTE_WORDS`` words long. Shorter fragments ("a disaster", "historic") are
too common to say that two outlets report one quotation.

Matching is on normalized words: case, accents, punctuation, curly versus straight
marks, ellipses and square brackets are ignored. A statement joins a quote when
at least ``MIN_SHARED`` of the shorter text's words appear in order in the other:
a shortened variant (every word contained) or a lightly edited one ("We won't" for
"We will not") matches. Candidates come from indexes only: the exact normalized
text (``quotes.text_key``) and 4-word shingles (``quote_shingles``), never a scan.

A quote's row is a pure function of its statements (``quote_values``): canonical
text is the longest variant (the first in code point order among equals), the
speaker is the one most statements name, first seen is the earliest article. It is
contested when two statements name speakers who cannot be one person (different
names, or a person and an organization). A statement joining a quote updates that
row from indexed counts (``add_statements``), never by reading earlier statements.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from sqlite_utils import Database

from .database import insert_rows, select_rows, update_row
from .names import compatible, fold
from .models import Statement
from .schema import index_new_rows

QUOTE_KINDS = ("direct", "partial", "mixed")
MIN_QUOTE_WORDS = 6
MIN_SHARED = 0.8
SHINGLE = 4
MAX_CANDIDATES = 10
WINNOW = 3  # shingles per window when storing: see _fingerprints
MAX_SHINGLES = 500  # fingerprints looked up per statement: enough to find any quote

QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…")
WORD = re.compile(r"\w+(?:'\w+)*")


def quoted_words(text: str, kind: str) -> str:
    """The words a statement quotes: all of a direct or partial one, the quoted parts of a mixed one."""
    if kind != "mixed":
        return text
    parts = [m.group(1).strip() for m in QUOTED.finditer(text)]
    return " ... ".join(p for p in parts if p)


def normalize(text: str) -> list[str]:
    """Words compared across outlets: 'We’ll […] win…' and "we'll win" give the same words."""
    return list(_normalized(text))


@lru_cache(maxsize=16384)  # a quote's variants are normalized again each time it is refreshed
def _normalized(text: str) -> tuple[str, ...]:
    if not text.isascii():  # ASCII is its own NFKC form and has no curly marks
        text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = ELLIPSIS.sub(" ", fold(text))
    words = WORD.findall(text.replace("_", " "))
    return tuple(w.replace("'", "") for w in words) if "'" in text else tuple(words)


def quote_tokens(text: str, kind: str) -> list[str] | None:
    """The normalized words if this statement forms a quote, else None."""
    if kind not in QUOTE_KINDS:
        return None
    tokens = normalize(quoted_words(text, kind))
    return tokens if len(tokens) >= MIN_QUOTE_WORDS else None


def _hashes_in_order(text_key: str) -> tuple[int, ...]:
    words = [word.encode() for word in text_key.split()]
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return tuple(from_bytes(blake2b(b" ".join(words[i:i + SHINGLE]), digest_size=8).digest(), "big", signed=True)
                 for i in range(len(words) - SHINGLE + 1))


@lru_cache(maxsize=4096)  # one statement's words are looked up, then indexed
def _fingerprints(text_key: str) -> frozenset[int]:
    """The shingles stored and looked up for a text, winnowed (Schleimer, Wilkerson and Aiken
    2003): the smallest hash of every WINNOW consecutive shingles. Two texts that share a run of
    SHINGLE + WINNOW - 1 words (6, the shortest quote) share that run's smallest hash, and both
    keep it: about half the rows and lookups of using every shingle, nothing missed."""
    hashes = _hashes_in_order(text_key)
    if len(hashes) <= WINNOW:
        return frozenset([min(hashes)] if hashes else [])
    return frozenset(map(min, *(hashes[i:] for i in range(WINNOW))))  # the minimum of each window


PREFILTER = 0.5  # shared shingles / the shorter text's shingles, before aligning words


def shared_fraction(a: list[str], b: list[str]) -> float:
    """How much of the shorter word list appears, in order, in the longer."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter:
        return 0.0
    blocks = SequenceMatcher(None, shorter, longer, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / len(shorter)


STOP_SHINGLE = 16  # a 4-word run in more quotes than this is a common phrase ("we are going to"): it names no quote
MAX_REMEMBERED_STOPS = 500_000  # about 40 MB
UNION_TERMS = 100  # SQLite allows at most 500 terms in one compound SELECT


def find_quote(db: Database, tokens: list[str], stop_shingles: set[int] | None = None) -> int | None:
    """The quote these words report, if one is stored. ``stop_shingles`` (kept by the caller over
    an ingest run) remembers shingles already found too common, so their lists are not read again."""
    key = " ".join(tokens)
    return _exact_quote(db, key) or _similar_quote(db, tokens, key, set() if stop_shingles is None else stop_shingles)


def _exact_quote(db: Database, key: str) -> int | None:
    row = db.conn.execute("select id from quotes where text_key = ? order by id limit 1", [key]).fetchone()
    return row[0] if row else None


def _similar_quote(db: Database, tokens: list[str], key: str, stop_shingles: set[int]) -> int | None:
    hashes = [h for h in sorted(_fingerprints(key))[:MAX_SHINGLES] if h not in stop_shingles]
    if not hashes:
        return None
    # Each shingle's posting list is read up to STOP_SHINGLE + 1 rows: the work per statement stays
    # bounded however many quotes share a common phrase (a grouped count over whole lists made
    # ingest slow down as the database grew).
    postings: dict[int, list[int]] = {}
    for start in range(0, len(hashes), UNION_TERMS):
        chunk = hashes[start:start + UNION_TERMS]
        sql = " union all ".join([_POSTING] * len(chunk))
        for shingle, quote in db.conn.execute(sql, chunk):
            postings.setdefault(shingle, []).append(quote)
    if len(stop_shingles) > MAX_REMEMBERED_STOPS:  # memory stays bounded on any corpus; they are found again
        stop_shingles.clear()
    stop_shingles.update(h for h, quotes_ in postings.items() if len(quotes_) > STOP_SHINGLE)
    shared = Counter(q for quotes_ in postings.values() if len(quotes_) <= STOP_SHINGLE for q in quotes_)
    if not shared:
        return None
    top = sorted(shared, key=lambda q: (-shared[q], q))[:MAX_CANDIDATES]
    keys = dict(db.conn.execute(f"select id, text_key from quotes where id in ({','.join('?' * len(top))})", top))
    mine = _grams(key)
    best, best_score = None, MIN_SHARED
    for quote in top:
        theirs = _grams(keys.get(quote) or "")
        common = len(mine & theirs)
        # Most of the shorter text's shingles must be shared before the (slow) word alignment is
        # worth running: a common phrase shared by unrelated quotes stops here.
        possible = max(1, min(len(mine), len(theirs)))
        if common < PREFILTER * possible:
            continue
        if common >= 0.95 * possible:  # nearly every shingle of the shorter text shared: the words are there, in order
            score = 1.0
        else:
            words = (keys.get(quote) or "").split()
            # The words aligned in order are among the words both texts have: when even those are
            # too few to win, the alignment cannot win either.
            ceiling = _words_in_common(tokens, words)
            if ceiling < best_score or (best is not None and ceiling <= best_score):
                continue
            score = shared_fraction(tokens, words)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = quote, score
            if score == 1.0:  # a later candidate would have to score higher
                break
    return best


def _words_in_common(a: list[str], b: list[str]) -> float:
    """How much of the shorter word list is in the longer, in any order: shared_fraction's ceiling."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter:
        return 0.0
    return sum((Counter(shorter) & Counter(longer)).values()) / len(shorter)


_POSTING = f"select * from (select shingle, quote_id from quote_shingles where shingle = ? limit {STOP_SHINGLE + 1})"


@lru_cache(maxsize=4096)
def _grams(text_key: str) -> frozenset[str]:
    words = text_key.split()
    return frozenset(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def quote_for(db: Database, statement: Statement, stop_shingles: set[int] | None = None) -> int | None:
    """The quote a statement reports: an existing one it matches, or a new one. Its numbers
    are filled in by ``refresh_quotes`` once the statements are stored."""
    quote, _ = match_or_create(db, statement, stop_shingles)
    return quote


def match_or_create(db: Database, statement: Statement, stop_shingles: set[int] | None = None,
                    own_row: dict | None = None) -> tuple[int | None, bool]:
    """(quote id, whether it was created) for a statement. ``own_row`` (the statement's
    ``quote_values`` columns) lets a new quote be written with its numbers at once: a quote
    reported by this one statement needs no ``refresh_quotes``."""
    tokens = quote_tokens(statement.text, statement.kind)
    if tokens is None:
        return None, False
    key = " ".join(tokens)
    quote = _exact_quote(db, key)
    if quote is not None:
        return quote, False  # the same words: its shingles are indexed already
    quote = _similar_quote(db, tokens, key, set() if stop_shingles is None else stop_shingles)
    created = quote is None
    if created:
        values = quote_values([own_row]) if own_row else {"text": quoted_words(statement.text, statement.kind)}
        values["text_key"] = key
        quote = insert_rows(db, "quotes", [values])
    # plain SQL on the per-statement path: sqlite-utils' insert_all introspects the table each call
    db.conn.executemany("insert or ignore into quote_shingles (shingle, quote_id) values (?, ?)",
                        [(s, quote) for s in _fingerprints(key)])
    return quote, created


def unlink_article(db: Database, article_id: int) -> None:
    """Detach an article's statements from their quotes (before they are replaced)."""
    affected = [r["quote_id"] for r in db.query(
        "select distinct quote_id from statements where article_id = ? and quote_id is not null", [article_id])]
    if affected:
        db.execute("update statements set quote_id = null where article_id = ?", [article_id])
        refresh_quotes(db, affected)


def refresh_quotes(db: Database, quote_ids) -> None:
    """Recompute these quotes from their statements, and write only the columns that changed
    (the full-text index is touched only when the text is). SQLite groups a quote's statements
    by text and by speaker, so the work in Python stays the same however often a quote is
    reported (reading every statement row made ingest slow down as popular quotes grew)."""
    ids = sorted(set(quote_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        totals = {row["quote_id"]: row for row in select_rows(db, _TOTALS.format(marks=marks), chunk)}
        variants: dict[int, list[dict]] = {}
        for row in select_rows(db, _VARIANTS.format(marks=marks), chunk):
            variants.setdefault(row["quote_id"], []).append(row)
        speakers: dict[int, list[dict]] = {}
        for row in select_rows(db, _SPEAKERS.format(marks=marks), chunk):
            speakers.setdefault(row["quote_id"], []).append(row)
        current = {row["id"]: row for row in select_rows(db, f"select * from quotes where id in ({marks})", chunk)}
        for quote in chunk:
            if quote not in totals:
                db.conn.execute("delete from quote_shingles where quote_id = ?", [quote])
                db.conn.execute("delete from quotes where id = ?", [quote])
                continue
            values = _values_from_groups(totals[quote], variants[quote], speakers.get(quote, []))
            old = current.get(quote)
            changed = {c: v for c, v in values.items() if old is None or old.get(c) != v}
            if changed:
                update_row(db, "quotes", quote, changed)


def add_statements(db: Database, article_id: int, published: str | None, rows: list[dict],
                   created: set[int]) -> None:
    """Bring quotes up to date with one article's statements rows (already stored), from each
    quote's stored row and counts read from the (quote_id, speaker_id) and (quote_id, source_id)
    indexes, never from every earlier statement: a quote reported by hundreds of articles costs
    what a new one does. ``created``: quotes this article created, whose row was written with
    their first statement here (``match_or_create``), so only the later ones are added."""
    joined: dict[int, list[dict]] = {}
    for row in rows:
        if row["quote_id"] is not None:
            joined.setdefault(row["quote_id"], []).append(row)
    for quote in created:  # the first of its statements here is in the row already
        joined[quote] = joined.get(quote, [])[1:]
    joined = {quote: added for quote, added in joined.items() if added}
    ids = sorted(joined)
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    current = {row["id"]: row for row in select_rows(db, f"select * from quotes where id in ({marks})", ids)}
    seen = (published is None, (published or "")[:10], article_id)
    for quote in ids:
        old = current[quote]
        values = _joined_values(db, quote, old, joined[quote], seen, quote not in created)
        changed = {c: v for c, v in values.items() if old[c] != v}
        if changed:
            update_row(db, "quotes", quote, changed)


def _count(db: Database, quote: int, column: str, value: int) -> int:
    return db.conn.execute(f"select count(*) from statements where quote_id = ? and {column} = ?",
                           [quote, value]).fetchone()[0]


def _joined_values(db: Database, quote: int, old: dict, rows: list[dict], seen: tuple, new_article: bool) -> dict:
    """The columns of ``quote_values`` after ``rows`` joined."""
    values = {"statement_count": old["statement_count"] + len(rows)}
    if new_article:  # an article's statements are stored once (replacing one unlinks it first)
        values["article_count"] = old["article_count"] + 1
        if seen < (old["first_seen"] is None, old["first_seen"] or "", old["first_article_id"]):
            values["first_seen"], values["first_article_id"] = seen[1] or None, seen[2]
    sources = Counter(r["source_id"] for r in rows if r["source_id"] is not None)
    values["outlet_count"] = old["outlet_count"] + sum(
        1 for source, n in sources.items() if _count(db, quote, "source_id", source) == n)
    text = min([old["text"], *(quoted_words(r["text"], r["kind"]) for r in rows)], key=_canonical_order)
    values["text"], values["text_key"] = text, " ".join(normalize(text))
    # The speaker most statements name: only the ones that gained statements can overtake it.
    gained = Counter(r["speaker_id"] for r in rows if r["speaker_id"] is not None)
    totals = {speaker: _count(db, quote, "speaker_id", speaker) for speaker in gained}
    newcomers = [speaker for speaker, n in gained.items() if totals[speaker] == n]
    if old["speaker_id"] is not None and old["speaker_id"] not in totals:
        totals[old["speaker_id"]] = _count(db, quote, "speaker_id", old["speaker_id"])
    if totals:
        most = max(totals.values())
        leaders = [speaker for speaker, n in totals.items() if n == most]
        if len(leaders) > 1:  # equally frequent: the one reported first
            leaders.sort(key=lambda speaker: db.conn.execute(_FIRST_SEEN_OF_SPEAKER, [quote, speaker]).fetchone()[0])
        values["speaker_id"] = leaders[0]
    values["speaker_count"] = old["speaker_count"] + len(newcomers)
    values["contested"] = old["contested"]
    if newcomers and not old["contested"]:
        people = [(r["name"], r["type"]) for r in select_rows(
            db, "select name, type from speakers where id in (select distinct speaker_id from statements "
                "where quote_id = ?)", [quote])]
        values["contested"] = int(_contested(people))
    return values


# When a statement was first reported, as one string that sorts like quote_values' seen():
# undated last, then by date, article and statement (char(1) sorts before any character of a date).
_SEEN = ("min((articles.published is null) || char(1) || coalesce(substr(articles.published, 1, 10), '') || char(1) "
         "|| printf('%012d', statements.article_id) || char(1) || printf('%012d', statements.id))")
_FROM = ("from statements join articles on articles.id = statements.article_id "
         "where statements.quote_id in ({marks})")
_TOTALS = (f"select statements.quote_id, count(*) as statement_count, count(distinct statements.article_id) as "
           f"article_count, count(distinct statements.source_id) as outlet_count, {_SEEN} as seen "
           f"{_FROM} group by statements.quote_id")
_VARIANTS = "select distinct quote_id, text, kind from statements where quote_id in ({marks})"
_FIRST_SEEN_OF_SPEAKER = (f"select {_SEEN} from statements join articles on articles.id = statements.article_id "
                          f"where statements.quote_id = ? and statements.speaker_id = ?")
_SPEAKERS = (f"select statements.quote_id, statements.speaker_id, speakers.name as speaker, speakers.type as "
             f"speaker_type, count(*) as statements, {_SEEN} as seen "
             f"{_FROM.replace('where', 'join speakers on speakers.id = statements.speaker_id where')} "
             f"group by statements.quote_id, statements.speaker_id")


# A quote's statements as quote_values reads them (for checking what refresh_quotes wrote).
_STATEMENT_ROWS = (
    "select statements.id, statements.text, statements.kind, statements.speaker_id, statements.article_id, "
    "statements.source_id, substr(articles.published, 1, 10) as published, speakers.name as speaker, "
    "speakers.type as speaker_type from statements join articles on articles.id = statements.article_id "
    "left join speakers on speakers.id = statements.speaker_id where statements.quote_id = ? order by statements.id")


def _seen_key(row: dict) -> str:
    null, published, article, statement = (row["published"] is None, row["published"] or "", row["article_id"],
                                           row["id"])
    return f"{int(null)}\x01{published}\x01{article:012d}\x01{statement:012d}"


def quote_values(rows: list[dict]) -> dict:
    """A quote's row as a pure function of its statements (dicts with the statement's id, text,
    kind, speaker_id, article_id, source_id, the article's published date, the speaker's name and type)."""
    if len(rows) == 1:  # a new quote (most of them), written as it is reported: the same values, quicker
        row = rows[0]
        text = quoted_words(row["text"], row["kind"])
        return {"text": text, "text_key": " ".join(normalize(text)), "speaker_id": row["speaker_id"],
                "first_seen": row["published"], "first_article_id": row["article_id"], "article_count": 1,
                "outlet_count": int(row["source_id"] is not None), "statement_count": 1,
                "speaker_count": int(row["speaker_id"] is not None), "contested": 0}
    return _values_of_many(rows)


def _values_of_many(rows: list[dict]) -> dict:
    """quote_values by grouping in Python, as refresh_quotes' queries group in SQLite."""
    seen = {id(r): _seen_key(r) for r in rows}
    totals = {"statement_count": len(rows), "article_count": len({r["article_id"] for r in rows}),
              "outlet_count": len({r["source_id"] for r in rows if r["source_id"] is not None}),
              "seen": min(seen.values())}
    speakers: dict[int, dict] = {}
    for r in rows:
        if r["speaker_id"] is not None:
            group = speakers.setdefault(r["speaker_id"], {"speaker_id": r["speaker_id"], "speaker": r["speaker"],
                                                          "speaker_type": r["speaker_type"], "statements": 0,
                                                          "seen": seen[id(r)]})
            group["statements"] += 1
            group["seen"] = min(group["seen"], seen[id(r)])
    variants = [{"text": t, "kind": k} for t, k in {(r["text"], r["kind"]) for r in rows}]
    return _values_from_groups(totals, variants, list(speakers.values()))


def _values_from_groups(totals: dict, variants: list[dict], speakers: list[dict]) -> dict:
    canonical = min((quoted_words(v["text"], v["kind"]) for v in variants), key=_canonical_order)
    null, published, article, _ = totals["seen"].split("\x01")
    # The speaker most statements name; among equals, the one reported first.
    speaker = min(speakers, key=lambda g: (-g["statements"], g["seen"]))["speaker_id"] if speakers else None
    contested = _contested([(g["speaker"], g["speaker_type"]) for g in speakers])
    return {
        "text": canonical,
        "text_key": " ".join(normalize(canonical)),
        "speaker_id": speaker,
        "first_seen": None if null == "1" else published,
        "first_article_id": int(article),
        "article_count": totals["article_count"],
        "outlet_count": totals["outlet_count"],
        "statement_count": totals["statement_count"],
        "speaker_count": len(speakers),
        "contested": int(contested),
    }


def _canonical_order(text: str) -> tuple[int, str]:
    """The canonical text is the longest variant in words; among equals, the first in code point
    order (not the first reported: a quote's row can then be brought up to date from the
    statements it gains, without reading the earlier ones)."""
    return -len(normalize(text)), text


def _contested(people: list[tuple[str, str]]) -> bool:
    """Do two of these (name, type) speakers differ: a person and an organization, two people who
    cannot be one, or two differently named groups?"""
    return any(
        a[1] != b[1] or (a[1] == "person" and not compatible(a[0], b[0])) or (a[1] != "person" and a[0] != b[0])
        for i, a in enumerate(people) for b in people[i + 1:])


def rebuild(db: Database) -> int:
    """Recompute every statement's quote from scratch (for a database ingested before quotes existed)."""
    with db.atomic():
        db.execute("update statements set quote_id = null where quote_id is not null")
        db.execute("delete from quote_shingles")
        db.execute("delete from quotes")
        for row in list(db.query("select id, text, kind from statements order by article_id, id")):
            quote = quote_for(db, Statement(text=row["text"], start=0, end=0, kind=row["kind"]))
            if quote is not None:
                db.execute("update statements set quote_id = ? where id = ?", [quote, row["id"]])
        refresh_quotes(db, [r["id"] for r in db.query("select id from quotes")])
        index_new_rows(db)
    return db["quotes"].count
