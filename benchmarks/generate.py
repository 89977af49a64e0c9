"""Deterministic generator of realistic news articles as JSON Lines.

Same seed and count, same bytes: anyone can rebuild the corpora behind
docs/performance.md. Articles run around 5,000 characters with 3 to 15
statements (direct, indirect, partial, pronoun and multi-paragraph quotes),
speakers drawn with Zipf-like frequency from a few thousand people, many
outlets and dates over several years. Every word list is invented here.

    python benchmarks/generate.py OUT_DIR --articles 10000 [--seed 6] [--per-file 1000]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path

FEMALE = ("alice ana anna carla clara diana elena emma eva fiona grace hannah helen ingrid irene julia karen laura "
          "lucy maria marina megan nadia nina nora olivia paula rachel rosa ruth sarah sofia susan tanya vera").split()
MALE = ("adam alan albert carlos daniel david diego edward felix frank george henry hugo ivan jack james john "
        "jorge kevin leon lucas marco martin michael nathan oliver omar oscar paul peter rafael samuel simon victor").split()
SYLLABLES_A = "Bran Cal Dor Eld Fen Gar Hal Ives Kest Lam Mor Nor Osk Pen Quill Rav Sel Tor Ulm Vand Wex Yar".split()
SYLLABLES_B = "berg by dale field ford gate ham holm ley lund man mere ridge son stone ton vik well wick worth".split()
TITLES = ["Councillor", "Minister", "Senator", "Mayor", "Dr", "Professor", "Director", "Chief Executive",
          "Governor", "Judge", "Inspector", "Commissioner"]
ROLES = ["the finance minister", "the mayor", "a union leader", "the chief executive", "a local resident",
         "the head of the regional health board", "a spokesperson for the ministry", "the committee chair"]
PLACE_A = "North South East West New Old Upper Lower Port Lake".split()
PLACE_B = "field haven bridge ford ton mouth vale wood brook moor".split()
PAPER = "Courier Gazette Herald Times Chronicle Post Observer Tribune Ledger Sentinel Examiner Record".split()
TOPICS = ("budget transport health schools housing energy climate water policing farming fisheries tourism "
          "elections trade jobs wages taxes rail airports ports broadband pensions courts prisons culture sport "
          "libraries parks roads bridges flooding wildfires drought science universities hospitals").split()
SUBJECTS = ["the new budget", "the rail link", "the hospital plan", "the school reform", "the wind farm",
            "the housing scheme", "the water company", "the regional council", "the trade deal", "the tax change",
            "the bridge repair", "the harbour project", "the pension reform", "the bus network", "the new clinic"]
VERBS = ["will cut", "could double", "must protect", "would delay", "should lower", "has already raised",
         "is going to change", "cannot replace", "will bring", "might close"]
OBJECTS = ["waiting times at the clinic", "the cost of living for families", "jobs in the valley",
           "traffic in the centre", "the price of a ticket", "the number of teachers", "our water bills",
           "the risk of flooding", "investment in the north", "the time it takes to get to work",
           "support for small farms", "rents across the city"]
FILLER = [
    "The proposal was first presented to the committee in {month} and has been revised twice since then.",
    "Figures published by the statistics office show that spending on {topic} rose by {n} percent over five years.",
    "About {n} people attended the meeting at the town hall, which ran well past its scheduled two hours.",
    "Local businesses have been divided over the plan, with some warning about higher costs and others welcoming it.",
    "The debate over {topic} has dominated regional politics since the last election.",
    "A consultation on the scheme closed in {month} after receiving more than {n} written responses.",
    "Opposition members asked for an independent review before any further money is committed.",
    "The government has set aside {n} million for the first phase, according to documents seen by this newspaper.",
    "Residents in the eastern districts say they were not consulted before the decision was taken.",
    "Work on the site is expected to start next spring if the final vote goes ahead as planned.",
]
WEEKDAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "yesterday", ""]
START, DAYS = dt.date(2019, 1, 1), 7 * 365


class Generator:
    def __init__(self, seed: int = 6, speakers: int = 3000, outlets: int = 150):
        self.rng = random.Random(seed)
        rng = self.rng
        surnames = [a + b for a, b in itertools.product(SYLLABLES_A, SYLLABLES_B)]
        rng.shuffle(surnames)
        people, seen = [], set()
        while len(people) < speakers:
            female = rng.random() < 0.5
            first = rng.choice(FEMALE if female else MALE).capitalize()
            last = rng.choice(surnames)
            if (first, last) not in seen:
                seen.add((first, last))
                people.append((first, last, female, rng.choice(TITLES)))
        self.people = people
        # Zipf-like: the k-th speaker is quoted about 1/k as often as the first.
        self.speaker_weights = list(itertools.accumulate(1 / (k + 1) ** 1.05 for k in range(speakers)))
        places = [a + b for a, b in itertools.product(PLACE_A, PLACE_B)]
        self.outlets = sorted({f"The {rng.choice(places)} {rng.choice(PAPER)}" for _ in range(outlets * 3)})[:outlets]
        self.outlet_weights = list(itertools.accumulate(1 / (k + 1) ** 0.8 for k in range(len(self.outlets))))

    def speaker(self):
        total = self.speaker_weights[-1]
        return self.people[bisect.bisect(self.speaker_weights, self.rng.random() * total)]

    def claim(self) -> str:
        r = self.rng
        return f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"

    def sentence(self) -> str:
        text = self.claim()
        return text[0].upper() + text[1:] + "."

    def filler(self) -> str:
        r = self.rng
        return " ".join(r.choice(FILLER).format(month=r.choice(["March", "June", "October", "January"]),
                                                topic=r.choice(TOPICS), n=r.randint(2, 900))
                        for _ in range(r.randint(2, 4)))

    def quote_paragraphs(self, person, introduced: bool) -> list[str]:
        r = self.rng
        first, last, female, title = person
        pronoun = "she" if female else "he"
        when = r.choice(WEEKDAYS)
        when = f" {when}" if when else ""
        name = last if introduced else f"{title} {first} {last}"
        form = r.randrange(6)
        if form == 0:
            return [f"\"{self.sentence()[:-1]},\" {name} said{when}."]
        if form == 1:
            return [f"{name} said{when} that {self.claim()}."]
        if form == 2 and introduced:
            return [f"\"{self.sentence()} {self.sentence()[:-1]},\" {pronoun} said."]
        if form == 3:
            return [f"{name} told reporters{when} that {self.claim()}, adding that \"{self.claim()}\"."]
        if form == 4:  # a quote running over two paragraphs: the first has no closing mark
            return [f"\"{self.sentence()} {self.sentence()}",
                    f"\"{self.sentence()} {self.sentence()[:-1]},\" {name} said{when}."]
        return [f"According to {name}, {self.claim()}."]

    def article(self, number: int) -> dict:
        r = self.rng
        target = r.randint(3, 15)
        topic = r.choice(TOPICS)
        published = START + dt.timedelta(days=r.randrange(DAYS))
        outlet = self.outlets[bisect.bisect(self.outlet_weights, r.random() * self.outlet_weights[-1])]
        domain = outlet.lower().removeprefix("the ").replace(" ", "") + ".example"
        cast = [self.speaker() for _ in range(r.randint(1, min(4, target)))]
        introduced: set = set()
        paragraphs = [self.filler()]
        length_goal = r.randint(3500, 6500)
        for i in range(target):
            person = cast[i % len(cast)]
            paragraphs += self.quote_paragraphs(person, person in introduced)
            introduced.add(person)
            if r.random() < 0.6:
                paragraphs.append(self.filler())
        while sum(len(p) + 2 for p in paragraphs) < length_goal:
            paragraphs.append(self.filler())
        title = f"{self.sentence()[:-1].capitalize()}"
        return {
            "url": f"https://{domain}/{published:%Y/%m}/{topic}-{number}",
            "title": title,
            "source": outlet,
            "author": " ".join(self.people[r.randrange(len(self.people))][:2]),
            "published": published.isoformat(),
            "tags": sorted(set(r.sample(TOPICS, r.randint(1, 3)) + [topic])),
            "text": "\n\n".join(paragraphs),
        }

    def articles(self, count: int) -> Iterator[dict]:
        for number in range(1, count + 1):
            yield self.article(number)


def write_corpus(out_dir: str | Path, articles: int, seed: int = 6, per_file: int = 1000) -> list[Path]:
    """Write ``articles`` articles as JSON Lines files of ``per_file`` lines each; streams, never holds the corpus."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    generator, files = Generator(seed), []
    stream = generator.articles(articles)
    for index in itertools.count(1):
        batch = list(itertools.islice(stream, per_file))
        if not batch:
            break
        path = out / f"articles-{index:05d}.jsonl"
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in batch), encoding="utf-8")
        files.append(path)
    return files


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--per-file", type=int, default=1000)
    args = parser.parse_args(argv)
    files = write_corpus(args.out_dir, args.articles, args.seed, args.per_file)
    print(f"{args.articles} articles in {len(files)} files under {args.out_dir}")


if __name__ == "__main__":
    main()
