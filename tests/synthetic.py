"""Generated news articles for the reliability tests: our own sentences, varied by a seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

FIRST = ["Ana", "Ravi", "Joan", "Tomas", "Grace", "Helen", "Omar", "Lena", "Pavel", "Ines"]
LAST = ["Lopez", "Shah", "Ellis", "Berg", "Mwangi", "Okafor", "Haddad", "Novak", "Ivanov", "Costa"]
ROLES = ["Mayor", "Councillor", "Minister", "Professor", "Director"]
TOPICS = ["the bridge", "the library", "bus fares", "the harbour", "school meals", "the new park", "water rates"]
CLAIMS = ["would reopen in spring", "was over budget", "needed more time", "had been a success",
          "would be reviewed next year", "served thousands of residents"]
QUOTES = ["We have waited long enough", "The numbers speak for themselves", "Nobody wants another delay",
          "This is a good day for the city", "We will keep listening to residents", "The work is far from done"]
OUTLETS = ["Metro Daily", "Valley Ledger", "Harbour Times"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article_text(seed: int) -> str:
    rng = random.Random(seed)
    first, last, role = rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)
    topic = rng.choice(TOPICS)
    paragraphs = [
        f"{role} {first} {last} said on {rng.choice(DAYS)} that {topic} {rng.choice(CLAIMS)}.",
        f"\u201c{rng.choice(QUOTES)},\u201d {last} told reporters.",
    ]
    for _ in range(rng.randint(1, 4)):
        other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        paragraphs.append(f"\u201c{rng.choice(QUOTES)} on {topic},\u201d said {other}, a local resident. "
                          f"Officials said {topic} {rng.choice(CLAIMS)}.")
    return (f"Story {seed}: {topic.capitalize()} Under Review\n\n"
            f"By {rng.choice(FIRST)} {rng.choice(LAST)} | {rng.choice(OUTLETS)} | March {1 + seed % 28}, 2024\n\n"
            + "\n\n".join(paragraphs) + "\n")


def write_articles(directory: Path, count: int, start: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(start, start + count):
        path = directory / f"story-{seed:05d}.txt"
        path.write_text(article_text(seed), encoding="utf-8")
        paths.append(path)
    return paths


def jsonl_line(seed: int) -> str:
    return json.dumps({"url": f"https://news.example/{seed}", "title": f"Story {seed}", "published": "2024-03-05",
                       "source": "Metro Daily", "text": article_text(seed).split("\n\n", 2)[2]})
