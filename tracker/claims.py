"""Fact-checking: claims, where they appeared, reviews with verdicts and evidence, and an
append-only log of every change.

Every write function checks all its input before writing anything, writes in one
transaction, and records an event (who, when, what, the values before and after).
Bad input raises ``ClaimError`` with a one-line message and leaves the database as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from sqlite_utils import Database

from .dates import MONTHS
from .schema import ensure_schema

STATUSES = ("open", "in_review", "published", "withdrawn")
# Status changes a checker may make by hand. "published" is reached by publishing a review;
# by hand only when the claim already has a published review (e.g. undoing a withdrawal).
TRANSITIONS = {
    "open": {"in_review", "withdrawn", "published"},
    "in_review": {"open", "withdrawn", "published"},
    "published": {"in_review", "withdrawn"},
    "withdrawn": {"open", "in_review", "published"},
}
DATE_FORMS = "YYYY-MM-DD, '5 March 2024', 'March 5, 2024', 'today' or 'yesterday'"


class ClaimError(Exception):
    """Bad input: the message is one line, naming the item and the reason."""


# --- small checks -----------------------------------------------------------------------

def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def parse_day(value: str | None, what: str = "date", allow_future: bool = False) -> str:
    """A calendar day in one of a few unambiguous forms, as YYYY-MM-DD. Slash dates are
    refused: 03/05/2024 is March in one country and May in another."""
    text = (value or "").strip().lower()
    day = None
    if text == "today":
        day = today()
    elif text == "yesterday":
        day = today() - dt.timedelta(days=1)
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = _safe_date(int(text[:4]), int(text[5:7]), int(text[8:]))
    elif match := _DAY_MONTH_YEAR.fullmatch(text):
        day = _from_parts(match.group(3), match.group(2), match.group(1))
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        day = _from_parts(match.group(3), match.group(1), match.group(2))
    if day is None:
        raise ClaimError(f"{what} {value!r} is not a date I can read; use {DATE_FORMS}")
    if not allow_future and day > today():
        raise ClaimError(f"{what} {day.isoformat()} is in the future")
    return day.isoformat()


def _from_parts(year: str, month_name: str, day: str) -> dt.date | None:
    month = MONTHS.get(month_name)
    return _safe_date(int(year), month, int(day)) if month else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def check_url(value: str, what: str = "URL") -> str:
    value = (value or "").strip()
    parsed = urlparse(value)
    host = parsed.hostname or ""
    if parsed.scheme not in ("http", "https") or not ("." in host or host == "localhost") or " " in value:
        raise ClaimError(f"{what} {value!r} is not a URL (need http:// or https:// and a host)")
    return value


def require_actor(by: str | None) -> str:
    if not by or not by.strip():
        raise ClaimError("who is acting? give --by NAME or set TRACKER_USER")
    return by.strip()


def _json(row: dict | None) -> str | None:
    return None if row is None else json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


def log(db: Database, by: str, entity: str, entity_id, action: str, before: dict | None = None,
        after: dict | None = None, claim_id: int | None = None) -> None:
    db["events"].insert({
        "at": now(), "by": by, "entity": entity, "entity_id": str(entity_id), "claim_id": claim_id,
        "action": action, "before": _json(before), "after": _json(after),
    })


# --- look-ups ----------------------------------------------------------------------------

def get_claim(db: Database, claim_id) -> dict:
    rows = list(db.query("select * from claims where id = ?", [_as_id(claim_id, "claim")]))
    if not rows:
        raise ClaimError(f"no claim with id {claim_id}")
    return rows[0]


def get_statement(db: Database, statement_id) -> dict:
    rows = list(db.query("select * from statements where id = ?", [_as_id(statement_id, "statement")]))
    if not rows:
        raise ClaimError(f"no statement with id {statement_id}")
    return rows[0]


def get_review(db: Database, review_id) -> dict:
    rows = list(db.query("select * from reviews where id = ?", [_as_id(review_id, "review")]))
    if not rows:
        raise ClaimError(f"no review with id {review_id}")
    return rows[0]


def _as_id(value, what: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ClaimError(f"{what} id {value!r} is not a number") from None


def find_speaker(db: Database, name: str) -> int | None:
    """A speaker by exact name or alias (case-insensitive); the most quoted one if several."""
    rows = list(db.query(
        """select speakers.id from speakers
           where lower(speakers.name) = lower(:name)
              or speakers.id in (select speaker_id from speaker_aliases where lower(alias) = lower(:name))
           order by (select count(*) from statements where statements.speaker_id = speakers.id) desc, speakers.id
           limit 1""",
        {"name": name},
    ))
    return rows[0]["id"] if rows else None


def closest_speakers(db: Database, name: str, n: int = 3) -> list[str]:
    names = {row["name"] for row in db.query("select name from speakers")}
    by_lower = {}
    for candidate in names:
        by_lower.setdefault(candidate.lower(), candidate)
    for row in db.query("select alias, speakers.name from speaker_aliases join speakers on speakers.id = speaker_id"):
        by_lower.setdefault(row["alias"].lower(), row["name"])
    matches = difflib.get_close_matches(name.lower(), list(by_lower), n=n * 2, cutoff=0.5)
    # Surnames alone ("Okafor") are far from full names by ratio: try the last word too.
    if not matches:
        matches = [key for key in by_lower if name.lower() in key.split()]
    suggestions: list[str] = []
    for key in matches:
        if by_lower[key] not in suggestions:
            suggestions.append(by_lower[key])
    return suggestions[:n]


def scale(db: Database, active_only: bool = True) -> list[dict]:
    ensure_schema(db)
    where = "where active = 1" if active_only else ""
    return list(db.query(f"select * from rating_scale {where} order by position, label"))


def check_verdict(db: Database, label: str) -> str:
    labels = [row["label"] for row in scale(db)]
    wanted = (label or "").strip().lower()
    for known in labels:
        if known.lower() == wanted:
            return known
    raise ClaimError(f"unknown verdict {label!r}; the scale is: {', '.join(labels)}")


# --- claims ------------------------------------------------------------------------------

@dataclass
class NewClaim:
    """A claim checked and ready to write."""

    text: str
    said_on: str
    speaker_id: int | None
    new_speaker: str | None  # a speaker to create on write
    first_appearance_url: str | None = None
    first_appearance_article_id: int | None = None
    statements: list[dict] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def check_claim(db: Database, text: str, speaker: str, said_on: str, appeared_in: str | None = None,
                statement_ids=(), tags=(), new_speaker: bool = False) -> NewClaim:
    text = (text or "").strip()
    if not text:
        raise ClaimError("the claim text is empty")
    speaker = (speaker or "").strip()
    if not speaker:
        raise ClaimError("no speaker given")
    said = parse_day(said_on, "said-on date")
    speaker_id = find_speaker(db, speaker)
    if speaker_id is None and not new_speaker:
        closest = closest_speakers(db, speaker)
        hint = f"closest: {', '.join(closest)}; " if closest else ""
        raise ClaimError(f"unknown speaker {speaker!r}; {hint}give --new-speaker to add it")
    claim = NewClaim(text=text, said_on=said, speaker_id=speaker_id,
                     new_speaker=None if speaker_id is not None else speaker)
    if appeared_in:
        claim.first_appearance_url, claim.first_appearance_article_id = check_appearance(db, appeared_in)
    claim.statements = [get_statement(db, sid) for sid in dict.fromkeys(statement_ids)]
    claim.tags = list(dict.fromkeys(t.strip() for t in tags if t and t.strip()))
    return claim


def check_appearance(db: Database, value: str) -> tuple[str | None, int | None]:
    """--appeared-in is an ingested article's id or a URL."""
    value = str(value).strip()
    if value.isdigit():
        if not db["articles"].count_where("id = ?", [int(value)]):
            raise ClaimError(f"no article with id {value}")
        return None, int(value)
    return check_url(value, "appeared-in"), None


def add_claim(db: Database, by: str, text: str, speaker: str, said_on: str, appeared_in: str | None = None,
              statement_ids=(), tags=(), new_speaker: bool = False) -> int:
    ensure_schema(db)
    by = require_actor(by)
    claim = check_claim(db, text, speaker, said_on, appeared_in, statement_ids, tags, new_speaker)
    with db.atomic():
        return write_claim(db, claim, by)


def write_claim(db: Database, claim: NewClaim, by: str) -> int:
    speaker_id = claim.speaker_id
    if speaker_id is None:
        speaker_id = find_speaker(db, claim.new_speaker)  # an earlier row of the same import made it
    if speaker_id is None:
        speaker_id = db["speakers"].insert({"name": claim.new_speaker, "type": "person"}).last_pk
        log(db, by, "speaker", speaker_id, "create", None, db["speakers"].get(speaker_id))
    stamp = now()
    row = {
        "text": claim.text, "speaker_id": speaker_id, "said_on": claim.said_on,
        "first_appearance_url": claim.first_appearance_url,
        "first_appearance_article_id": claim.first_appearance_article_id,
        "status": "open", "verdict": None, "reviewed_by": None, "verdict_review_id": None,
        "tags": json.dumps(claim.tags, ensure_ascii=False) if claim.tags else None,
        "created_by": by, "created_at": stamp, "updated_at": stamp,
    }
    claim_id = db["claims"].insert(row).last_pk
    log(db, by, "claim", claim_id, "create", None, db["claims"].get(claim_id), claim_id)
    db["claim_tags"].insert_all(
        ({"claim_id": claim_id, "tag_id": db["tags"].lookup({"name": tag})} for tag in claim.tags), ignore=True)
    if claim.first_appearance_article_id or claim.first_appearance_url:
        _add_appearance(db, by, claim_id, article_id=claim.first_appearance_article_id,
                        url=claim.first_appearance_url)
    for statement in claim.statements:
        _add_appearance(db, by, claim_id, statement=statement)
    return claim_id


def _add_appearance(db: Database, by: str, claim_id: int, statement: dict | None = None,
                    article_id: int | None = None, url: str | None = None) -> int:
    row = {
        "claim_id": claim_id,
        "statement_id": statement["id"] if statement else None,
        "article_id": statement["article_id"] if statement else article_id,
        "url": url,
        "statement_text": statement["text"] if statement else None,
        "linked_by": by,
        "linked_at": now(),
    }
    appearance_id = db["claim_appearances"].insert(row).last_pk
    log(db, by, "appearance", appearance_id, "link", None, {"id": appearance_id, **row}, claim_id)
    return appearance_id


def edit_claim(db: Database, by: str, claim_id, text: str | None = None, speaker: str | None = None,
               said_on: str | None = None, new_speaker: bool = False) -> dict:
    ensure_schema(db)
    by = require_actor(by)
    before = get_claim(db, claim_id)
    changes: dict = {}
    if text is not None:
        if not text.strip():
            raise ClaimError("the claim text is empty")
        changes["text"] = text.strip()
    if said_on is not None:
        changes["said_on"] = parse_day(said_on, "said-on date")
    new_name = None
    if speaker is not None:
        speaker_id = find_speaker(db, speaker.strip())
        if speaker_id is None and not new_speaker:
            closest = closest_speakers(db, speaker)
            hint = f"closest: {', '.join(closest)}; " if closest else ""
            raise ClaimError(f"unknown speaker {speaker!r}; {hint}give --new-speaker to add it")
        if speaker_id is None:
            new_name = speaker.strip()
        else:
            changes["speaker_id"] = speaker_id
    if not changes and new_name is None:
        raise ClaimError("nothing to change: give --text, --speaker or --said-on")
    with db.atomic():
        if new_name:
            changes["speaker_id"] = db["speakers"].insert({"name": new_name, "type": "person"}).last_pk
            log(db, by, "speaker", changes["speaker_id"], "create", None, db["speakers"].get(changes["speaker_id"]))
        changes["updated_at"] = now()
        db["claims"].update(before["id"], changes)
        after = db["claims"].get(before["id"])
        log(db, by, "claim", before["id"], "edit", before, after, before["id"])
    return after


# --- matching ----------------------------------------------------------------------------

STOPWORDS = set("""a an and are as at be been but by for from had has have he her his i if in into is it its
of on or our she so that the their them there they this to was we were will with would you your not no
says said say""".split())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def _stem(word: str) -> str:
    # Just enough to let "lanes"/"lane" and "closed"/"close" meet; FTS5's porter does the real work.
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_stems(text: str) -> list[str]:
    return [_stem(w) for w in _words(text) if w not in STOPWORDS]


@dataclass
class Candidate:
    statement_id: int
    score: float
    word_overlap: float
    similarity: float
    same_speaker: bool
    speaker: str | None
    date_said: str | None
    text: str
    linked: bool


def match_claim(db: Database, claim_id, limit: int = 10) -> list[Candidate]:
    """Statements most likely to be this claim: candidates from full-text search on the
    claim's words and from the same speaker, ranked by word overlap, fuzzy similarity
    (difflib over the word sequences) and whether the speaker is the same."""
    claim = get_claim(db, claim_id)
    stems = _content_stems(claim["text"])
    candidate_ids: dict[int, None] = {}
    words = [w for w in _words(claim["text"]) if w not in STOPWORDS]
    if words:
        query = " OR ".join(f'"{w}"' for w in dict.fromkeys(words))
        for row in db.query("select rowid from statements_fts where statements_fts match ? order by rank limit 100",
                            [query]):
            candidate_ids[row["rowid"]] = None
    for row in db.query("select id from statements where speaker_id = ? order by date_said desc limit 200",
                        [claim["speaker_id"]]):
        candidate_ids[row["id"]] = None
    if not candidate_ids:
        return []
    linked = {row["statement_id"] for row in db.query(
        "select statement_id from claim_appearances where claim_id = ? and statement_id is not null", [claim["id"]])}
    placeholders = ",".join("?" * len(candidate_ids))
    rows = db.query(
        f"""select statements.id, statements.text, statements.speaker_id, statements.date_said, speakers.name as speaker
            from statements left join speakers on speakers.id = statements.speaker_id
            where statements.id in ({placeholders})""",
        list(candidate_ids),
    )
    claim_stems = set(stems)
    claim_sequence = [_stem(w) for w in _words(claim["text"])]
    candidates = []
    for row in rows:
        statement_stems = set(_content_stems(row["text"]))
        overlap = len(claim_stems & statement_stems) / len(claim_stems) if claim_stems else 0.0
        similarity = difflib.SequenceMatcher(None, claim_sequence, [_stem(w) for w in _words(row["text"])],
                                             autojunk=False).ratio()
        same = row["speaker_id"] is not None and row["speaker_id"] == claim["speaker_id"]
        score = 0.45 * overlap + 0.35 * similarity + 0.2 * same
        candidates.append(Candidate(row["id"], round(score, 3), round(overlap, 3), round(similarity, 3), same,
                                    row["speaker"], row["date_said"], row["text"], row["id"] in linked))
    candidates.sort(key=lambda c: (-c.score, c.statement_id))
    return candidates[:limit]


# --- links -------------------------------------------------------------------------------

def link(db: Database, by: str, claim_id, statement_ids) -> tuple[list[int], list[int]]:
    """Link statements to a claim; returns (newly linked, already linked) statement ids."""
    ensure_schema(db)
    by = require_actor(by)
    claim = get_claim(db, claim_id)
    if not statement_ids:
        raise ClaimError("no statement ids given")
    statements = [get_statement(db, sid) for sid in dict.fromkeys(statement_ids)]
    existing = {row["statement_id"] for row in db.query(
        "select statement_id from claim_appearances where claim_id = ?", [claim["id"]])}
    added, already = [], []
    with db.atomic():
        for statement in statements:
            if statement["id"] in existing:
                already.append(statement["id"])
                continue
            _add_appearance(db, by, claim["id"], statement=statement)
            added.append(statement["id"])
    return added, already


def unlink(db: Database, by: str, claim_id, statement_ids) -> list[int]:
    ensure_schema(db)
    by = require_actor(by)
    claim = get_claim(db, claim_id)
    if not statement_ids:
        raise ClaimError("no statement ids given")
    rows = []
    for sid in dict.fromkeys(statement_ids):
        found = list(db.query("select * from claim_appearances where claim_id = ? and statement_id = ?",
                              [claim["id"], _as_id(sid, "statement")]))
        if not found:
            get_statement(db, sid)  # "no statement with id" when it does not exist at all
            raise ClaimError(f"statement {sid} is not linked to claim {claim['id']}")
        rows.extend(found)
    with db.atomic():
        for row in rows:
            db.execute("delete from claim_appearances where id = ?", [row["id"]])
            log(db, by, "appearance", row["id"], "unlink", row, None, claim["id"])
    return [row["statement_id"] for row in rows]


# --- reviews and status ------------------------------------------------------------------

def _check_evidence(evidence) -> list[str]:
    urls = [check_url(value, "evidence") for value in evidence]
    if not urls:
        raise ClaimError("a review needs at least one --evidence URL")
    return list(dict.fromkeys(urls))


def add_review(db: Database, by: str, claim_id, verdict: str, explanation: str, evidence,
               publish: bool = False, reviewed_on: str | None = None, url: str | None = None) -> int:
    ensure_schema(db)
    by = require_actor(by)
    claim = get_claim(db, claim_id)
    if claim["status"] == "withdrawn":
        raise ClaimError(f"claim {claim['id']} is withdrawn; reopen it with `tracker claim status {claim['id']} open` first")
    label = check_verdict(db, verdict)
    if not (explanation or "").strip():
        raise ClaimError("the explanation is empty")
    urls = _check_evidence(evidence)
    day = parse_day(reviewed_on, "review date") if reviewed_on else today().isoformat()
    page = check_url(url, "review URL") if url else None
    with db.atomic():
        row = {
            "claim_id": claim["id"], "verdict": label, "explanation": explanation.strip(), "reviewer": by,
            "reviewed_on": day, "url": page, "published": 0, "published_at": None, "superseded_by": None,
            "created_at": now(),
        }
        review_id = db["reviews"].insert(row).last_pk
        db["review_evidence"].insert_all({"review_id": review_id, "url": u} for u in urls)
        log(db, by, "review", review_id, "create", None, {"id": review_id, **row, "evidence": urls}, claim["id"])
        if publish:
            _publish(db, by, review_id)
        elif claim["status"] == "open":
            _set_status(db, by, claim, "in_review")
    return review_id


def edit_review(db: Database, by: str, review_id, verdict: str | None = None, explanation: str | None = None,
                evidence=(), reviewed_on: str | None = None, url: str | None = None) -> dict:
    ensure_schema(db)
    by = require_actor(by)
    review = get_review(db, review_id)
    if review["published"]:
        raise ClaimError(f"review {review['id']} is published and cannot be edited; supersede it with a new one: "
                         f"tracker claim review {review['claim_id']} --verdict ... --publish")
    changes: dict = {}
    if verdict is not None:
        changes["verdict"] = check_verdict(db, verdict)
    if explanation is not None:
        if not explanation.strip():
            raise ClaimError("the explanation is empty")
        changes["explanation"] = explanation.strip()
    if reviewed_on is not None:
        changes["reviewed_on"] = parse_day(reviewed_on, "review date")
    if url is not None:
        changes["url"] = check_url(url, "review URL")
    urls = _check_evidence(evidence) if evidence else None
    if not changes and urls is None:
        raise ClaimError("nothing to change: give --verdict, --explanation, --evidence, --date or --url")
    before = {**review, "evidence": _evidence(db, review["id"])}
    with db.atomic():
        if changes:
            db["reviews"].update(review["id"], changes)
        if urls is not None:
            # Evidence rows are replaced as a whole; the old list stays in the event's "before".
            db.execute("delete from review_evidence where review_id = ?", [review["id"]])
            db["review_evidence"].insert_all({"review_id": review["id"], "url": u} for u in urls)
        after = {**db["reviews"].get(review["id"]), "evidence": _evidence(db, review["id"])}
        log(db, by, "review", review["id"], "edit", before, after, review["claim_id"])
    return after


def publish_review(db: Database, by: str, review_id) -> None:
    ensure_schema(db)
    by = require_actor(by)
    review = get_review(db, review_id)
    if review["published"]:
        raise ClaimError(f"review {review['id']} is already published")
    claim = get_claim(db, review["claim_id"])
    if claim["status"] == "withdrawn":
        raise ClaimError(f"claim {claim['id']} is withdrawn; reopen it with `tracker claim status {claim['id']} open` first")
    with db.atomic():
        _publish(db, by, review["id"])


def _publish(db: Database, by: str, review_id: int) -> None:
    review = db["reviews"].get(review_id)
    claim = db["claims"].get(review["claim_id"])
    stamp = now()
    db["reviews"].update(review_id, {"published": 1, "published_at": stamp})
    log(db, by, "review", review_id, "publish", review, db["reviews"].get(review_id), claim["id"])
    previous = claim["verdict_review_id"]
    if previous:
        old = db["reviews"].get(previous)
        db["reviews"].update(previous, {"superseded_by": review_id})
        log(db, by, "review", previous, "supersede", old, db["reviews"].get(previous), claim["id"])
    changes = {"verdict": review["verdict"], "reviewed_by": review["reviewer"], "verdict_review_id": review_id,
               "status": "published", "updated_at": stamp}
    db["claims"].update(claim["id"], changes)
    log(db, by, "claim", claim["id"], "verdict", claim, db["claims"].get(claim["id"]), claim["id"])


def set_status(db: Database, by: str, claim_id, status: str) -> dict:
    ensure_schema(db)
    by = require_actor(by)
    claim = get_claim(db, claim_id)
    status = (status or "").strip().lower().replace(" ", "_").replace("-", "_")
    if status not in STATUSES:
        raise ClaimError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    if status == claim["status"]:
        raise ClaimError(f"claim {claim['id']} is already {status}")
    if status not in TRANSITIONS[claim["status"]]:
        raise ClaimError(f"claim {claim['id']} cannot go from {claim['status']} to {status}")
    if status == "published" and not claim["verdict_review_id"]:
        raise ClaimError(f"claim {claim['id']} has no published review; publish one with "
                         f"`tracker claim review {claim['id']} ... --publish`")
    with db.atomic():
        return _set_status(db, by, claim, status)


def _set_status(db: Database, by: str, claim: dict, status: str) -> dict:
    db["claims"].update(claim["id"], {"status": status, "updated_at": now()})
    after = db["claims"].get(claim["id"])
    log(db, by, "claim", claim["id"], "status", claim, after, claim["id"])
    return after


def _evidence(db: Database, review_id: int) -> list[str]:
    return [row["url"] for row in db.query("select url from review_evidence where review_id = ? order by id", [review_id])]


# --- reading -----------------------------------------------------------------------------

def list_claims(db: Database, status: str | None = None, speaker: str | None = None, verdict: str | None = None,
                since: str | None = None) -> list[dict]:
    ensure_schema(db)
    where, params = [], {}
    if status:
        if status not in STATUSES:
            raise ClaimError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
        where.append("claims.status = :status")
        params["status"] = status
    if speaker:
        where.append("(lower(speakers.name) = lower(:speaker) or speakers.id in "
                     "(select speaker_id from speaker_aliases where lower(alias) = lower(:speaker)))")
        params["speaker"] = speaker
    if verdict:
        known = [row["label"] for row in scale(db, active_only=False)]
        if verdict.strip().lower() not in {label.lower() for label in known}:
            raise ClaimError(f"unknown verdict {verdict!r}; the scale is: {', '.join(known)}")
        params["verdict"] = verdict.strip()
        where.append("lower(claims.verdict) = lower(:verdict)")
    if since:
        where.append("claims.said_on >= :since")
        params["since"] = parse_day(since, "since date", allow_future=True)
    sql = ("select claims.id, claims.status, claims.verdict, claims.said_on, speakers.name as speaker, claims.text "
           "from claims left join speakers on speakers.id = claims.speaker_id")
    if where:
        sql += " where " + " and ".join(where)
    return list(db.query(sql + " order by claims.said_on desc, claims.id desc", params))


def claim_details(db: Database, claim_id) -> dict:
    ensure_schema(db)
    claim = get_claim(db, claim_id)
    speaker = db["speakers"].get(claim["speaker_id"])["name"] if claim["speaker_id"] else None
    appearances = list(db.query(
        """select claim_appearances.*, articles.title as article_title, articles.url as article_url,
                  articles.published as article_published
           from claim_appearances left join articles on articles.id = claim_appearances.article_id
           where claim_id = ? order by claim_appearances.id""", [claim["id"]]))
    reviews = list(db.query("select * from reviews where claim_id = ? order by id", [claim["id"]]))
    for review in reviews:
        review["evidence"] = _evidence(db, review["id"])
    history = list(db.query("select * from events where claim_id = ? order by id", [claim["id"]]))
    return {"claim": {**claim, "speaker": speaker}, "appearances": appearances, "reviews": reviews, "history": history}


# --- bulk import -------------------------------------------------------------------------

class ImportFailed(ClaimError):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} bad row(s); nothing imported")
        self.errors = errors


TRUE_WORDS = {"1", "true", "yes", "y"}


def read_rows(path: Path, required=("text", "speaker", "said_on")) -> list[tuple[int, dict]]:
    """(line number, row) pairs from a .csv (header row) or .jsonl file."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ClaimError(f"{path}: cannot read: {error}") from None
    if suffix == ".csv":
        reader = csv.DictReader(text.splitlines(keepends=True))
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise ClaimError(f"{path}:1: the header lacks column(s) {', '.join(missing)}")
        rows = []
        start = 2
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
        return rows
    if suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                value = ValueError(f"invalid JSON: {error.msg} at column {error.colno}")
            if not isinstance(value, (dict, ValueError)):
                value = ValueError("not a JSON object")
            rows.append((number, value))
        return rows
    raise ClaimError(f"{path}: import reads .csv or .jsonl files")


def _split(value, separators: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(separators, str(value)) if part.strip()]


def import_claims(db: Database, by: str, path, new_speakers: bool = False) -> list[int]:
    """Add every row of the file, or none: all rows are checked first, and every bad row is
    reported (``ImportFailed.errors``, "FILE:LINE: reason") before anything is written."""
    ensure_schema(db)
    by = require_actor(by)
    path = Path(path)
    checked, errors = [], []
    for line, row in read_rows(path):
        if isinstance(row, ValueError):
            errors.append(f"{path}:{line}: {row}")
            continue
        try:
            allow_new = new_speakers or str(row.get("new_speaker") or "").strip().lower() in TRUE_WORDS
            def field_text(name: str) -> str:
                value = row.get(name)
                return "" if value is None else str(value)

            checked.append(check_claim(
                db, field_text("text"), field_text("speaker"), field_text("said_on"),
                appeared_in=field_text("appeared_in").strip() or None,
                statement_ids=_split(row.get("statement") or row.get("statements"), r"[;,\s]+"),
                tags=_split(row.get("tags"), r";"), new_speaker=allow_new,
            ))
        except ClaimError as error:
            errors.append(f"{path}:{line}: {error}")
    if errors:
        raise ImportFailed(errors)
    if not checked:
        raise ClaimError(f"{path}: no rows to import")
    with db.atomic():
        ids = [write_claim(db, claim, by) for claim in checked]
    return ids


# --- rating scale ------------------------------------------------------------------------

def load_scale(db: Database, by: str, path) -> list[dict]:
    """Replace the active scale with the labels in a CSV (label, rating_value, best_rating,
    worst_rating). Labels left out are retired, not deleted: old reviews keep them."""
    ensure_schema(db)
    by = require_actor(by)
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ClaimError(f"{path}: a scale is a .csv with label, rating_value, best_rating, worst_rating")
    rows, errors = [], []
    for line, row in read_rows(path, required=("label", "rating_value", "best_rating", "worst_rating")):
        try:
            label = (row.get("label") or "").strip()
            if not label:
                raise ValueError("empty label")
            value, best, worst = (int(row[k]) for k in ("rating_value", "best_rating", "worst_rating"))
            if not worst <= value <= best or worst == best:
                raise ValueError(f"rating_value {value} must lie within worst {worst} .. best {best}")
            rows.append({"label": label, "rating_value": value, "best_rating": best, "worst_rating": worst,
                         "position": len(rows) + 1, "active": 1})
        except (KeyError, TypeError, ValueError) as error:
            errors.append(f"{path}:{line}: {error}")
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ClaimError(f"{path}: no labels")
    with db.atomic():
        before = {row["label"]: row for row in scale(db, active_only=False)}
        wanted = {row["label"] for row in rows}
        for label, old in before.items():
            if label not in wanted and old["active"]:
                db["rating_scale"].update(label, {"active": 0})
                log(db, by, "rating_scale", label, "retire", old, db["rating_scale"].get(label))
        for row in rows:
            db["rating_scale"].upsert(row, pk="label")
            if before.get(row["label"]) != row:
                log(db, by, "rating_scale", row["label"], "edit" if row["label"] in before else "create",
                    before.get(row["label"]), row)
    return scale(db)
