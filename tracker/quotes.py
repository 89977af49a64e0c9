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
text is the longest variant, the speaker is the one most statements name, first
seen is the earliest article. It is contested when two statements name speakers
who cannot be one person (different names, or a person and an organization).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from sqlite_utils import Database

from .names import compatible, fold
from .models import Statement

QUOTE_KINDS = ("direct", "partial", "mixed")
MIN_QUOTE_WORDS = 6
MIN_SHARED = 0.8
SHINGLE = 4
MAX_CANDIDATES = 10
MAX_SHINGLES = 500  # enough to find any quote; keeps the IN list well under SQLite's variable limit

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
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = ELLIPSIS.sub(" ", fold(text))
    return tuple(w.replace("'", "") for w in WORD.findall(text.replace("_", " ")))


def quote_tokens(text: str, kind: str) -> list[str] | None:
    """The normalized words if this statement forms a quote, else None."""
    if kind not in QUOTE_KINDS:
        return None
    tokens = normalize(quoted_words(text, kind))
    return tokens if len(tokens) >= MIN_QUOTE_WORDS else None


def shingles(tokens: list[str]) -> list[int]:
    return list(_hashes(" ".join(tokens)))


@lru_cache(maxsize=4096)  # one statement's words are looked up, then indexed
def _hashes(text_key: str) -> tuple[int, ...]:
    return tuple(sorted(int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big", signed=True)
                        for g in _grams(text_key))[:MAX_SHINGLES])


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
    hashes = [h for h in _hashes(key) if h not in stop_shingles]
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
        # Nearly every shingle of the shorter text shared: the words are there, in order.
        score = 1.0 if common >= 0.95 * possible else shared_fraction(tokens, (keys.get(quote) or "").split())
        if score >= best_score and (best is None or score > best_score):
            best, best_score = quote, score
    return best


_POSTING = f"select * from (select shingle, quote_id from quote_shingles where shingle = ? limit {STOP_SHINGLE + 1})"


@lru_cache(maxsize=4096)
def _grams(text_key: str) -> frozenset[str]:
    words = text_key.split()
    return frozenset(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def quote_for(db: Database, statement: Statement, stop_shingles: set[int] | None = None) -> int | None:
    """The quote a statement reports: an existing one it matches, or a new one. Its numbers
    are filled in by ``refresh_quotes`` once the statements are stored."""
    tokens = quote_tokens(statement.text, statement.kind)
    if tokens is None:
        return None
    key = " ".join(tokens)
    quote = _exact_quote(db, key)
    if quote is not None:
        return quote  # the same words: its shingles are indexed already
    quote = _similar_quote(db, tokens, key, set() if stop_shingles is None else stop_shingles)
    if quote is None:
        quote = db.execute("insert into quotes (text, text_key) values (?, ?)",
                           [quoted_words(statement.text, statement.kind), key]).lastrowid
    # plain SQL on the per-statement path: sqlite-utils' insert_all introspects the table each call
    db.conn.executemany("insert or ignore into quote_shingles (shingle, quote_id) values (?, ?)",
                        [(s, quote) for s in _hashes(key)])
    return quote


def unlink_article(db: Database, article_id: int) -> None:
    """Detach an article's statements from their quotes (before they are replaced)."""
    affected = [r["quote_id"] for r in db.query(
        "select distinct quote_id from statements where article_id = ? and quote_id is not null", [article_id])]
    if affected:
        db.execute("update statements set quote_id = null where article_id = ?", [article_id])
        refresh_quotes(db, affected)


def refresh_quotes(db: Database, quote_ids) -> None:
    """Recompute these quotes from their statements: one query per 500 quotes, and only the
    columns that changed are written (the full-text index is touched only when the text is)."""
    ids = sorted(set(quote_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        by_quote: dict[int, list[dict]] = {}
        for row in db.query(_STATEMENTS_OF_QUOTES.format(marks=marks), chunk):
            by_quote.setdefault(row["quote_id"], []).append(row)
        current = {row["id"]: row for row in db.query(f"select * from quotes where id in ({marks})", chunk)}
        for quote in chunk:
            _write_quote(db, quote, current.get(quote), by_quote.get(quote, []))


_STATEMENTS_OF_QUOTES = (
    "select statements.quote_id, statements.id, statements.text, statements.kind, statements.speaker_id, "
    "statements.article_id, statements.source_id, substr(articles.published, 1, 10) as published, "
    "speakers.name as speaker, speakers.type as speaker_type from statements "
    "join articles on articles.id = statements.article_id "
    "left join speakers on speakers.id = statements.speaker_id where statements.quote_id in ({marks}) "
    "order by statements.quote_id, statements.id")


def _write_quote(db: Database, quote: int, current: dict | None, rows: list[dict]) -> None:
    if not rows:
        db.execute("delete from quote_shingles where quote_id = ?", [quote])
        db.execute("delete from quotes where id = ?", [quote])
        return
    values = quote_values(rows)
    changed = {c: v for c, v in values.items() if current is None or current.get(c) != v}
    if changed:
        db.execute(f"update quotes set {', '.join(f'{c} = ?' for c in changed)} where id = ?", [*changed.values(), quote])


def quote_values(rows: list[dict]) -> dict:
    """A quote's row as a pure function of its statements."""
    def seen(r):
        return (r["published"] is None, r["published"] or "", r["article_id"], r["id"])

    # The longest variant in words; among equals, the one reported first.
    longest = max(len(normalize(quoted_words(r["text"], r["kind"]))) for r in rows)
    canonical = quoted_words(*next((r["text"], r["kind"]) for r in sorted(rows, key=seen)
                                   if len(normalize(quoted_words(r["text"], r["kind"]))) == longest))

    first = min(rows, key=seen)
    attributed = [r for r in rows if r["speaker_id"] is not None]
    counts = Counter(r["speaker_id"] for r in attributed)
    earliest = {}
    for r in sorted(attributed, key=seen):
        earliest.setdefault(r["speaker_id"], seen(r))
    speaker = min(counts, key=lambda s: (-counts[s], earliest[s])) if counts else None
    named = {r["speaker_id"]: (r["speaker"], r["speaker_type"]) for r in attributed}
    people = list(named.values())
    contested = any(
        a[1] != b[1] or (a[1] == "person" and not compatible(a[0], b[0])) or (a[1] != "person" and a[0] != b[0])
        for i, a in enumerate(people) for b in people[i + 1:])
    return {
        "text": canonical,
        "text_key": " ".join(normalize(canonical)),
        "speaker_id": speaker,
        "first_seen": first["published"],
        "first_article_id": first["article_id"],
        "article_count": len({r["article_id"] for r in rows}),
        "outlet_count": len({r["source_id"] for r in rows if r["source_id"] is not None}),
        "statement_count": len(rows),
        "speaker_count": len(counts),
        "contested": int(contested),
    }


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
    return db["quotes"].count
