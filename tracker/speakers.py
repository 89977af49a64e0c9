"""Speakers across articles: who a name given by the extractor is, their roles over time,
and the curation a person does on top (merge and split, alias, rename, set).

The extractor resolves names within one article; this module links them across
articles with the rules in ``tracker/names.py``:

- a full name links to the speaker whose name or name-alias has the same folded key;
  else to the one speaker it fits by middle names, surname spelling or first initial;
  if several fit, it becomes its own speaker flagged ``needs_review``;
- a bare surname links only when exactly one known full-named speaker fits; otherwise it
  stays a separate speaker flagged ``needs_review`` with the reason;
- organizations and anonymous groups link by folded key within their own type only.

Every lookup goes through indexes on ``speaker_aliases.key`` and ``.surname_key``.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlite_utils import Database

from . import quotes
from .database import insert_rows, select_rows, update_row
from .models import Statement
from .names import INITIAL, edit_distance, name_key, parse_name, same_person, surname_fits, surname_key

NAME_MENTION_KINDS = ("name", "organization", "group")
PERSON = "person"
WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")


class SpeakerError(Exception):
    """A curation request that cannot be done; the message says which speaker and why."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


# -- resolving at ingest -------------------------------------------------------

def resolve_speaker(db: Database, statement: Statement, memo: dict | None = None) -> int | None:
    """The speakers.id for a statement's speaker, creating the speaker if no known one fits.

    ``memo`` (kept by the caller over an ingest run) remembers what a name with the same role,
    affiliation and mention resolved to, so the lookups and alias writes run once per run. Bare
    surnames are not remembered: what they link to changes as more speakers arrive."""
    if not statement.speaker:
        return None
    speaker_type = statement.speaker_type or PERSON
    key = (statement.speaker, speaker_type, statement.speaker_role, statement.speaker_affiliation,
           statement.speaker_mention, statement.mention_kind)
    if memo is not None and key in memo:
        return memo[key]
    pk = _resolve_and_record(db, statement, speaker_type)
    if memo is not None and not (speaker_type == PERSON and _is_bare(statement.speaker)):
        memo[key] = pk
    return pk


def _resolve_and_record(db: Database, statement: Statement, speaker_type: str) -> int:
    if speaker_type == PERSON:
        pk = _resolve_person(db, statement.speaker)
    else:
        pk = _by_key(db, name_key(statement.speaker), speaker_type) or _create(db, statement.speaker, speaker_type)
    extra = {"role": statement.speaker_role, "affiliation": statement.speaker_affiliation}
    if any(extra.values()):
        row = select_rows(db, "select role, affiliation from speakers where id = ?", [pk])[0]
        missing = {k: v for k, v in extra.items() if v and not row[k]}
        if missing:
            update_row(db, "speakers", pk, missing)
    # A bare surname linked by context ("Brandt" -> Helga Brandt) must not later name her outright.
    bare = speaker_type == PERSON and _is_bare(statement.speaker)
    add_alias_row(db, pk, statement.speaker, speaker_type, source="mention" if bare else "name")
    if statement.speaker_mention and statement.mention_kind in NAME_MENTION_KINDS \
            and statement.speaker_mention[:1].isupper() and not statement.speaker_mention.lower().startswith(("the ", "a ", "an ")):
        # a name as the text gave it ("Mexico's President Claudia Sheinbaum"), not a description ("the report")
        add_alias_row(db, pk, statement.speaker_mention, speaker_type, source="mention")
    return pk


def _is_bare(name: str) -> bool:
    parts = parse_name(name)
    return bool(parts and parts.bare)


def _resolve_person(db: Database, name: str) -> int:
    parts = parse_name(name)
    key = name_key(name)
    if parts is None:
        return _by_key(db, key, PERSON) or _create(db, name, PERSON)
    if parts.bare:
        fits = {sid: alias for sid, alias in _surname_candidates(db, parts.surname) if surname_fits(name, alias)}
        if len(fits) == 1:
            return next(iter(fits))
        existing = _by_key(db, key, PERSON)
        if existing:
            return existing
        if fits:
            reason = f"surname only; fits {len(fits)} speakers: {_names(db, fits)}"
        else:
            reason = "surname only; no known speaker fits"
        return _create(db, name, PERSON, reason)
    existing = _by_key(db, key, PERSON)
    if existing:
        _prefer_accents(db, existing, name)
        return existing
    verdicts: dict[int, list] = {}
    for sid, alias in _surname_candidates(db, parts.surname):
        verdicts.setdefault(sid, []).append(same_person(name, alias))
    # A speaker fits only if none of its names contradicts: "Donald K. Trump" is not the
    # speaker known as both "Donald Trump" and "Donald J. Trump".
    strong = {sid: v for sid, v in verdicts.items() if all(v) and any(x != INITIAL for x in v)}
    weak = {sid: v for sid, v in verdicts.items() if all(v) and sid not in strong}
    chosen = strong or weak
    if len(chosen) == 1:
        sid = next(iter(chosen))
        if not strong:
            _prefer_full_first_name(db, sid, name)
        return sid
    if chosen:
        return _create(db, name, PERSON, f"fits {len(chosen)} speakers: {_names(db, chosen)}")
    return _create(db, name, PERSON)


def _by_key(db: Database, key: str, speaker_type: str) -> int | None:
    rows = select_rows(db,
        "select speaker_aliases.speaker_id from speaker_aliases join speakers on speakers.id = speaker_aliases.speaker_id "
        "where speaker_aliases.key = ? and speaker_aliases.source = 'name' and speakers.type = ? "
        "order by speakers.needs_review, speaker_aliases.speaker_id limit 1", [key, speaker_type])
    return rows[0]["speaker_id"] if rows else None


def _surname_candidates(db: Database, surname: str) -> list[tuple[int, str]]:
    """(speaker id, full name) of every person's name-alias whose surname is indexed like this one."""
    rows = select_rows(db,
        "select speaker_aliases.speaker_id, speaker_aliases.alias from speaker_aliases "
        "join speakers on speakers.id = speaker_aliases.speaker_id "
        "where speaker_aliases.surname_key = ? and speaker_aliases.source = 'name' and speakers.type = 'person' "
        "order by speaker_aliases.speaker_id, speaker_aliases.rowid", [surname_key(surname)])
    return [(r["speaker_id"], r["alias"]) for r in rows if not parse_name(r["alias"]).bare]


def _names(db: Database, ids) -> str:
    return ", ".join(_speaker(db, i)["name"] for i in sorted(ids))


def _create(db: Database, name: str, speaker_type: str, review_reason: str | None = None) -> int:
    rows = select_rows(db, "select id from speakers where name = ? and type = ?", [name, speaker_type])
    if rows:
        return rows[0]["id"]
    pk = insert_rows(db, "speakers", [{
        "name": name, "type": speaker_type, "role": None, "affiliation": None,
        "needs_review": 1 if review_reason else 0, "review_reason": review_reason,
        "wikidata_id": None, "description": None,
    }])
    add_alias_row(db, pk, name, speaker_type, source="name")
    return pk


def add_alias_row(db: Database, speaker: int, alias: str, speaker_type: str, source: str) -> None:
    parts = parse_name(alias) if speaker_type == PERSON and source == "name" else None
    values = [speaker, alias, source, name_key(alias), surname_key(parts.surname) if parts else None]
    # Plain SQL: this runs twice per statement, and sqlite-utils' insert/upsert introspect the table each call.
    insert = "insert into speaker_aliases (speaker_id, alias, source, key, surname_key) values (?, ?, ?, ?, ?)"
    if source == "name":  # a name wins over the same words seen as a mention
        db.conn.execute(insert + " on conflict (speaker_id, alias) do update set source = excluded.source, "
                   "key = excluded.key, surname_key = excluded.surname_key", values)
    else:
        db.conn.execute(insert.replace("insert", "insert or ignore", 1), values)


def _renamed_by_hand(db: Database, speaker: int) -> bool:
    return bool(select_rows(db,
        "select 1 from speaker_events where action = 'rename' and speaker_id = ? limit 1", [speaker]))


def _rename_if_free(db: Database, speaker: int, name: str) -> None:
    row = _speaker(db, speaker)
    taken = select_rows(db, "select 1 from speakers where name = ? and type = ? and id != ?", [name, row["type"], speaker])
    if not taken and not _renamed_by_hand(db, speaker):
        update_row(db, "speakers", speaker, {"name": name})


def _prefer_accents(db: Database, speaker: int, name: str) -> None:
    """'José Núñez' replaces a canonical 'Jose Nunez': the spelling with accents is the careful one."""
    if not _accented(name):
        return
    current = _speaker(db, speaker)["name"]
    if name_key(current) == name_key(name) and _accented(name) > _accented(current):
        _rename_if_free(db, speaker, name)


def _prefer_full_first_name(db: Database, speaker: int, name: str) -> None:
    """'Claudia Sheinbaum' replaces a canonical 'C. Sheinbaum'."""
    current = parse_name(_speaker(db, speaker)["name"])
    new = parse_name(name)
    if current and new and current.first and new.first and len(current.first) == 1 < len(new.first):
        _rename_if_free(db, speaker, name)


def _speaker(db: Database, speaker: int) -> dict:
    return select_rows(db, "select * from speakers where id = ?", [speaker])[0]


def _accented(name: str) -> int:
    return sum(1 for c in name if not c.isascii())


# -- roles over time -----------------------------------------------------------

def record_roles(db: Database, article_id: int, published: str | None, statements: list[Statement],
                 speaker_ids: list[int | None]) -> None:
    """One speaker_roles row per (speaker, role, affiliation) an article gives, dated by the article;
    ``speaker_ids`` are the statements' resolved speakers, in the same order."""
    db.conn.execute("delete from speaker_roles where article_id = ?", [article_id])
    ids = speaker_ids
    seen = set()
    rows = []
    for speaker, statement in zip(ids, statements):
        if speaker is None or not (statement.speaker_role or statement.speaker_affiliation):
            continue
        key = (speaker, statement.speaker_role, statement.speaker_affiliation)
        if key in seen:
            continue
        seen.add(key)
        rows.append({"speaker_id": speaker, "role": statement.speaker_role, "affiliation": statement.speaker_affiliation,
                     "article_id": article_id, "date": published[:10] if published else None})
    insert_rows(db, "speaker_roles", rows)


def forget_article(db: Database, article_id: int) -> None:
    """Before an article's statements are replaced: drop its roles and detach its quotes."""
    db.execute("delete from speaker_roles where article_id = ?", [article_id])
    quotes.unlink_article(db, article_id)


def reindex(db: Database) -> dict:
    """Bring a database ingested before cross-article speakers up to date: alias keys for the
    resolver, the review flag, and every statement's quote rebuilt. Existing speakers are kept;
    duplicates the old exact-name lookup made show up in suggest-merges."""
    with db.atomic():
        named = {(r["speaker_id"], r["speaker_name"]) for r in db.query(
            "select distinct speaker_id, speaker_name from statements where speaker_name is not null")}
        speakers = {r["id"]: r for r in db.query("select id, name, type from speakers")}
        aliases = list(db.query("select rowid as row_id, speaker_id, alias from speaker_aliases where key is null"))
        for row in aliases:
            speaker = speakers[row["speaker_id"]]
            parts = parse_name(row["alias"]) if speaker["type"] == PERSON else None
            is_name = row["alias"] == speaker["name"] or (
                (row["speaker_id"], row["alias"]) in named and not (parts and parts.bare))
            db.execute("update speaker_aliases set source = ?, key = ?, surname_key = ? where rowid = ?", [
                "name" if is_name else "mention", name_key(row["alias"]),
                surname_key(parts.surname) if parts and is_name else None, row["row_id"]])
        db.execute("update speakers set needs_review = 0 where needs_review is null")
        count = quotes.rebuild(db)
    return {"aliases": len(aliases), "quotes": count}


# -- finding a speaker by what a person types -------------------------------------

def find_speaker(db: Database, ref: str) -> dict:
    """A speaker by '#ID', exact name, or any alias (case and accents ignored)."""
    if re.fullmatch(r"#\d+", ref.strip()):
        row = list(db.query("select * from speakers where id = ?", [int(ref.strip()[1:])]))
        if not row:
            raise SpeakerError(f"{ref}: no speaker with this id")
        return row[0]
    rows = list(db.query("select * from speakers where name = ?", [ref]))
    if not rows:
        rows = list(db.query(
            "select * from speakers where id in (select speaker_id from speaker_aliases where key = ?) order by id",
            [name_key(ref)]))
    if not rows:
        raise SpeakerError(f"{ref}: no speaker has this name or alias")
    if len(rows) > 1:
        choices = ", ".join(f"{r['name']} (#{r['id']}, {r['type']})" for r in rows)
        raise SpeakerError(f"{ref}: could be {choices}; give #ID")
    return rows[0]


# -- curation ------------------------------------------------------------------

def _log(db: Database, action: str, speaker: int, summary: str, other: int | None = None, detail: dict | None = None) -> int:
    return db["speaker_events"].insert({
        "at": _now(), "action": action, "speaker_id": speaker, "other_speaker_id": other, "summary": summary,
        "detail": json.dumps(detail, ensure_ascii=False) if detail is not None else None, "undone_by": None,
    }).last_pk


def _referencing_tables(db: Database) -> list[str]:
    """Tables whose rows belong to a speaker through a speaker_id column (statements, roles, claims...).
    Aliases move separately (their key includes the speaker), quotes are recomputed, the log stays."""
    skip = {"speakers", "speaker_aliases", "speaker_events", "quotes"}
    return [t for t in db.table_names()
            if t not in skip and not db[t].virtual_table_using and "speaker_id" in db[t].columns_dict]


def merge(db: Database, keep_ref: str, other_ref: str) -> dict:
    """Merge the speaker OTHER into KEEP: everything that was OTHER's becomes KEEP's."""
    with db.atomic():
        keep, other = find_speaker(db, keep_ref), find_speaker(db, other_ref)
        if keep["id"] == other["id"]:
            raise SpeakerError(f"{other_ref}: is already {keep['name']} (#{keep['id']})")
        if keep["type"] != other["type"]:
            raise SpeakerError(f"{other_ref}: is {_a(other['type'])} and {keep['name']} is {_a(keep['type'])}; "
                               "only speakers of one type merge")
        affected_quotes = [r["quote_id"] for r in db.query(
            "select distinct quote_id from statements where speaker_id = ? and quote_id is not null", [other["id"]])]
        moved: dict[str, list[int]] = {}
        for table in _referencing_tables(db):
            rowids = [r["row_id"] for r in db.query(f"select rowid as row_id from [{table}] where speaker_id = ? order by rowid", [other["id"]])]
            if rowids:
                db.execute(f"update [{table}] set speaker_id = ? where speaker_id = ?", [keep["id"], other["id"]])
                moved[table] = rowids
        aliases_moved, aliases_dropped = [], []
        for row in list(db.query("select rowid as row_id, * from speaker_aliases where speaker_id = ? order by rowid", [other["id"]])):
            clash = list(db.query("select 1 from speaker_aliases where speaker_id = ? and alias = ?", [keep["id"], row["alias"]]))
            if clash:
                aliases_dropped.append(row)
                db.execute("delete from speaker_aliases where rowid = ?", [row["row_id"]])
            else:
                aliases_moved.append(row["alias"])
                db.execute("update speaker_aliases set speaker_id = ? where rowid = ?", [keep["id"], row["row_id"]])
        quotes.refresh_quotes(db, affected_quotes)
        db.execute("delete from speakers where id = ?", [other["id"]])
        detail = {"speaker": other, "moved": moved, "aliases_moved": aliases_moved,
                  "aliases_dropped": aliases_dropped, "quotes": affected_quotes}
        summary = (f"merged {other['name']} (#{other['id']}) into {keep['name']} (#{keep['id']}): "
                   f"{_count(len(moved.get('statements', [])), 'statement')}, "
                   f"{_count(len(aliases_moved) + len(aliases_dropped), 'alias', 'aliases')}")
        event = _log(db, "merge", keep["id"], summary, other["id"], detail)
    return {"event": event, "summary": summary}


def split(db: Database, ref: str, event_id: int | None = None) -> dict:
    """Undo the latest merge that took the speaker named REF (or merge event EVENT_ID)."""
    with db.atomic():
        event = _merge_event(db, ref, event_id)
        detail = json.loads(event["detail"])
        speaker = detail["speaker"]
        keep_rows = list(db.query("select * from speakers where id = ?", [event["speaker_id"]]))
        if not keep_rows:
            raise SpeakerError(f"{ref}: the speaker it was merged into (#{event['speaker_id']}) was merged away later; split that first")
        keep = keep_rows[0]
        if list(db.query("select 1 from speakers where id = ? or (name = ? and type = ?)",
                         [speaker["id"], speaker["name"], speaker["type"]])):
            raise SpeakerError(f"{ref}: a speaker with this id or name exists again; rename it first")
        db["speakers"].insert(speaker)
        existing = set(db.table_names())
        for table, rowids in detail["moved"].items():
            if table not in existing:
                continue
            for chunk in _chunks(rowids):
                marks = ",".join("?" * len(chunk))
                db.execute(f"update [{table}] set speaker_id = ? where speaker_id = ? and rowid in ({marks})",
                           [speaker["id"], keep["id"], *chunk])
        for alias in detail["aliases_moved"]:
            db.execute("update speaker_aliases set speaker_id = ? where speaker_id = ? and alias = ?",
                       [speaker["id"], keep["id"], alias])
        for row in detail["aliases_dropped"]:
            columns = [c for c in row if c != "row_id"]  # back under its old rowid, so table order is as before
            db.execute(f"insert into speaker_aliases (rowid, {', '.join(f'[{c}]' for c in columns)}) "
                       f"values (?, {', '.join('?' * len(columns))})", [row["row_id"], *(row[c] for c in columns)])
        now_quotes = [r["quote_id"] for r in db.query(
            "select distinct quote_id from statements where speaker_id = ? and quote_id is not null", [speaker["id"]])]
        quotes.refresh_quotes(db, sorted(set(detail["quotes"]) | set(now_quotes)))
        summary = f"split {speaker['name']} (#{speaker['id']}) from {keep['name']} (#{keep['id']}), undoing event {event['id']}"
        split_event = _log(db, "split", speaker["id"], summary, keep["id"], {"undoes": event["id"]})
        db["speaker_events"].update(event["id"], {"undone_by": split_event})
    return {"event": split_event, "summary": summary}


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _merge_event(db: Database, ref: str, event_id: int | None) -> dict:
    if event_id is not None:
        rows = list(db.query("select * from speaker_events where id = ? and action = 'merge'", [event_id]))
        if not rows:
            raise SpeakerError(f"event {event_id}: no merge with this id")
        if rows[0]["undone_by"]:
            raise SpeakerError(f"event {event_id}: already undone by event {rows[0]['undone_by']}")
        return rows[0]
    wanted = name_key(ref)
    for row in db.query("select * from speaker_events where action = 'merge' and undone_by is null order by id desc"):
        speaker = json.loads(row["detail"])["speaker"]
        if ref.strip() == f"#{speaker['id']}" or name_key(speaker["name"]) == wanted:
            return row
    raise SpeakerError(f"{ref}: no merge of a speaker with this name to undo")


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def add_alias(db: Database, ref: str, alias: str) -> dict:
    """Record ALIAS as another name of a speaker; later articles naming ALIAS link to it."""
    alias = alias.strip()
    if not alias:
        raise SpeakerError(f"{ref}: the alias is empty")
    with db.atomic():
        speaker = find_speaker(db, ref)
        owner = _by_key(db, name_key(alias), speaker["type"])
        if owner and owner != speaker["id"]:
            other = db["speakers"].get(owner)
            raise SpeakerError(f"{alias}: already a name of {other['name']} (#{owner}); merge the two speakers instead")
        add_alias_row(db, speaker["id"], alias, speaker["type"], source="name")
        summary = f"alias {alias} added to {speaker['name']} (#{speaker['id']})"
        event = _log(db, "alias", speaker["id"], summary, detail={"alias": alias})
    return {"event": event, "summary": summary}


def rename(db: Database, ref: str, new_name: str) -> dict:
    """Give a speaker a new canonical name; the old one stays an alias."""
    new_name = new_name.strip()
    if not new_name:
        raise SpeakerError(f"{ref}: the new name is empty")
    with db.atomic():
        speaker = find_speaker(db, ref)
        clash = list(db.query("select id from speakers where name = ? and type = ? and id != ?",
                              [new_name, speaker["type"], speaker["id"]]))
        if clash:
            raise SpeakerError(f"{new_name}: already the name of speaker #{clash[0]['id']}; merge the two speakers instead")
        db["speakers"].update(speaker["id"], {"name": new_name})
        add_alias_row(db, speaker["id"], speaker["name"], speaker["type"], source="name")
        add_alias_row(db, speaker["id"], new_name, speaker["type"], source="name")
        summary = f"renamed {speaker['name']} (#{speaker['id']}) to {new_name}"
        event = _log(db, "rename", speaker["id"], summary, detail={"old": speaker["name"], "new": new_name})
    return {"event": event, "summary": summary}


def set_details(db: Database, ref: str, wikidata: str | None = None, description: str | None = None,
                reviewed: bool = False) -> dict:
    """Store a Wikidata id (never fetched), a description, or clear the needs_review flag."""
    if wikidata is not None and not WIKIDATA_ID.match(wikidata):
        raise SpeakerError(f"{wikidata}: not a Wikidata item id (Q followed by digits, e.g. Q22686)")
    with db.atomic():
        speaker = find_speaker(db, ref)
        changes = {}
        if wikidata is not None:
            changes["wikidata_id"] = wikidata
        if description is not None:
            changes["description"] = description
        if reviewed:
            changes.update({"needs_review": 0, "review_reason": None})
        if not changes:
            raise SpeakerError(f"{ref}: nothing to set; give --wikidata, --description or --reviewed")
        db["speakers"].update(speaker["id"], changes)
        summary = f"set {', '.join(changes)} of {speaker['name']} (#{speaker['id']})"
        event = _log(db, "set", speaker["id"], summary,
                     detail={"before": {k: speaker[k] for k in changes}, "after": changes})
    return {"event": event, "summary": summary}


# -- reading -------------------------------------------------------------------

def list_speakers(db: Database, search: str | None = None, needs_review: bool = False) -> list[dict]:
    where, params = [], []
    if search:
        where.append("(name like ? or id in (select speaker_id from speaker_aliases where key like ?))")
        params += [f"%{search}%", f"%{name_key(search)}%"]
    if needs_review:
        where.append("needs_review = 1")
    sql = "select * from speakers_view" + (" where " + " and ".join(where) if where else "")
    return list(db.query(sql + " order by statements desc, name", params))


def describe(db: Database, ref: str) -> dict:
    """Everything `speakers show` prints."""
    speaker = find_speaker(db, ref)
    sid = speaker["id"]
    aliases = [r["alias"] for r in db.query(
        "select alias from speaker_aliases where speaker_id = ? and alias != ? "
        "order by case source when 'name' then 0 else 1 end, alias", [sid, speaker["name"]])]
    roles = list(db.query(
        "select speaker_roles.role, speaker_roles.affiliation, min(speaker_roles.date) as first, max(speaker_roles.date) as last, "
        "count(*) as articles from speaker_roles where speaker_id = ? "
        "group by speaker_roles.role, speaker_roles.affiliation order by first, role", [sid]))
    counts = next(db.query(
        "select count(*) as statements, count(distinct article_id) as articles, count(distinct source_id) as outlets, "
        "count(distinct quote_id) as quotes from statements where speaker_id = ?", [sid]))
    ends = ("select statements.date_said, statements.text, sources.name as outlet from statements "
            "left join sources on sources.id = statements.source_id where speaker_id = ? order by date_said {}, statements.id {} limit 1")
    first = next(db.query(ends.format("asc", "asc"), [sid]), None)
    last = next(db.query(ends.format("desc", "desc"), [sid]), None)
    return {"speaker": speaker, "aliases": aliases, "roles": roles, "counts": counts, "first": first, "last": last}


def suggest_merges(db: Database) -> list[dict]:
    """Pairs that look like one speaker but were not linked, with the reason, for a person to confirm."""
    people = list(db.query("select id, name, needs_review from speakers where type = 'person' order by id"))
    organizations = list(db.query("select id, name from speakers where type = 'organization' order by id"))
    suggestions = []
    seen = set()

    def add(keep, other, reason):
        pair = tuple(sorted((keep["id"], other["id"])))
        if pair not in seen:
            seen.add(pair)
            suggestions.append({"keep": keep["name"], "keep_id": keep["id"], "other": other["name"],
                                "other_id": other["id"], "reason": reason})

    full = [p for p in people if not parse_name(p["name"]).bare]
    bare = [p for p in people if parse_name(p["name"]).bare]
    for short in bare:
        fits = [p for p in full if surname_fits(short["name"], p["name"])]
        for person in fits:
            reason = "surname only; the only known speaker it fits" if len(fits) == 1 else \
                f"surname only; one of {len(fits)} speakers it fits"
            add(person, short, reason)
    by_first: dict[str, list[dict]] = {}
    for person in full:
        by_first.setdefault(parse_name(person["name"]).first[:1], []).append(person)
    for group in by_first.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                why = same_person(a["name"], b["name"])
                keep, other = (a, b) if not a["needs_review"] or b["needs_review"] else (b, a)
                if why:
                    add(keep, other, why)
                    continue
                pa, pb = parse_name(a["name"]), parse_name(b["name"])
                distance = edit_distance(pa.surname, pb.surname)
                if pa.first == pb.first and pa.suffix == pb.suffix and 0 < distance <= 2:
                    add(keep, other, f"same first name; surnames {distance} letter{'s' if distance > 1 else ''} apart")
    for i, a in enumerate(organizations):
        for b in organizations[i + 1:]:
            ka, kb = name_key(a["name"]), name_key(b["name"])
            if ka.endswith(" " + kb) or kb.endswith(" " + ka):
                keep, other = (a, b) if len(ka) >= len(kb) else (b, a)
                add(keep, other, "one organization name ends the other")
    return suggestions

