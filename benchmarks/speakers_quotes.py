"""Benchmark: the store step with cross-article speakers and quotes, on synthetic articles.

Extraction is left out (it does not change here): each article's statements are made up
directly, with speakers drawn from a pool (some under variant names or a bare surname)
and quotes drawn from a pool (some shortened, re-cased or with curly marks), so that the
resolver and the quote matcher see what a real news stream gives them.

    python benchmarks/speakers_quotes.py [--articles 3000] [--db /tmp/bench.db]

Prints the CPU time per 1,000 statements for the first and the last tenth of the run: if
candidate lookups scanned the tables, the last tenth would be much slower.
Run it with PYTHONPATH pointing at another checkout to compare with that version.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from sqlite_utils import Database

from tracker.models import Article, Statement
from tracker.schema import ensure_schema
from tracker.store import store_article

SYLLABLES = "ka lo mi ne ru ta se vo di an el or us ki pa ze ho ly".split()


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def make_pools(rng: random.Random, people: int, quotes: int):
    vocabulary = [word(rng, rng.randint(1, 3)) for _ in range(3000)]
    persons = []
    for _ in range(people):
        first, surname = word(rng, 2).title(), word(rng, 3).title()
        variants = [f"{first} {surname}", f"{first} {rng.choice('ABCDEFG')}. {surname}", surname]
        persons.append(variants)
    sayings = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(10, 25))).capitalize() for _ in range(quotes)]
    return persons, sayings, vocabulary


def variant(rng: random.Random, text: str) -> str:
    words = text.split()
    choice = rng.random()
    if choice < 0.2:
        return " ".join(words[2:-2])  # shortened
    if choice < 0.3:
        return text.upper()
    if choice < 0.4:
        return f"“{text}”"
    return text


def run(db_path: Path, articles: int, per_article: int, seed: int, no_sync: bool) -> None:
    rng = random.Random(seed)
    persons, sayings, vocabulary = make_pools(rng, people=max(50, articles // 3), quotes=max(100, articles))
    db_path.unlink(missing_ok=True)
    db = Database(db_path)
    if no_sync:  # leave the disk out: what is left is the cost of the code
        db.execute("PRAGMA synchronous = OFF")
    ensure_schema(db)
    timings = []
    truth = []  # the person each statement is by, in insertion order
    start, cpu = time.perf_counter(), time.process_time()
    for n in range(articles):
        statements = []
        for i in range(per_article):
            person = rng.randrange(len(persons))
            name = rng.choice(persons[person][:2] if rng.random() < 0.9 else persons[person])
            truth.append(person)
            if rng.random() < 0.5:
                text, kind = variant(rng, rng.choice(sayings)), "direct"
            else:
                text, kind = " ".join(rng.choice(vocabulary) for _ in range(12)), "indirect"
            statements.append(Statement(text=text, start=i, end=i + 1, kind=kind, speaker=name, speaker_mention=name,
                                        speaker_type="person", mention_kind="name", date="2025-01-01"))
        body = f"synthetic article number {n}"
        article = Article(text=body, paragraphs=[(0, len(body))], path=f"synthetic/{n}.txt",
                          url=f"https://outlet{n % 40}.example/{n}",
                          source=f"Outlet {n % 40}", published=f"2025-01-{1 + n % 28:02d}", title=f"Story {n}")
        began = time.process_time()  # CPU time: other processes on the machine do not count
        store_article(db, article, statements, "bench")
        timings.append(time.process_time() - began)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    tenth = max(1, articles // 10)
    per_thousand = lambda ts: 1000 * sum(ts) / (len(ts) * per_article)  # noqa: E731
    statements = articles * per_article
    counts = {t: db[t].count for t in ("speakers", "quotes", "statements") if db[t].exists()}
    print(f"{articles} articles, {statements} statements in {total:.1f} s ({statements / total:.0f} statements/s), "
          f"CPU {cpu:.1f} s")
    print(f"CPU seconds per 1,000 statements: first tenth {per_thousand(timings[:tenth]):.2f}, "
          f"last tenth {per_thousand(timings[-tenth:]):.2f}")
    if db["quotes"].exists():  # only this version resolves across articles
        print(resolution_quality(db, truth))
    print(f"rows: {counts}; max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"database {db_path.stat().st_size / 1e6:.1f} MB")


def resolution_quality(db: Database, truth: list[int]) -> str:
    """How often one person became several speakers, and one speaker mixed several people."""
    ids = [r["speaker_id"] for r in db.query("select speaker_id from statements order by id")]
    flagged = {r["id"] for r in db.query("select id from speakers where needs_review = 1")}
    speakers_of, people_of = {}, {}
    for person, speaker in zip(truth, ids):
        if speaker not in flagged:
            speakers_of.setdefault(person, set()).add(speaker)
            people_of.setdefault(speaker, set()).add(person)
    split = sum(1 for s in speakers_of.values() if len(s) > 1)
    mixed = sum(1 for p in people_of.values() if len(p) > 1)
    in_flagged = sum(1 for s in ids if s in flagged)
    return (f"people split over several speakers: {split} of {len(speakers_of)}; speakers mixing people: {mixed} of "
            f"{len(people_of)}; statements left with a flagged speaker: {in_flagged} of {len(ids)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--per-article", type=int, default=6)
    parser.add_argument("--db", type=Path, default=Path("/tmp/tracker-bench.db"))
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--no-sync", action="store_true", help="PRAGMA synchronous = OFF: time the code, not the disk.")
    args = parser.parse_args()
    run(args.db, args.articles, args.per_article, args.seed, args.no_sync)
