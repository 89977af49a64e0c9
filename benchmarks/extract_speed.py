"""Extraction speed: articles per second per core, and peak memory.

    .venv/bin/python benchmarks/extract_speed.py [--corpus PATH.jsonl] [--limit N] [--repeat R]

By default it reads the PolNeAR train articles in ../shared/bench/data (real US news, about
5,000 characters each: the "typical news article" of the target), falling back to the
project's own sample articles when ../shared is absent. Reading and page parsing are done
before the clock starts; the figure is extract() alone, in one process, as CPU time (so a
busy machine slows it less than wall time would) and as wall time, with a plain baseline
measured in the same run: one regular-expression pass for quoted spans over the same texts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extract import extract  # noqa: E402
from tracker.readers import read_file  # noqa: E402
from tracker.readers.text import parse_page  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "data" / "polnear_train.jsonl"
QUOTED = re.compile(r"[\"“][^\"”]{2,}[\"”]")


def load_articles(corpus: Path | None, limit: int):
    if corpus and corpus.exists():
        articles = []
        with corpus.open(encoding="utf-8") as handle:
            for line in handle:
                articles.append(parse_page(json.loads(line)["raw_text"]))
                if len(articles) >= limit:
                    break
        return articles, os.path.relpath(corpus)  # as a reader would type it from the project root
    samples = [a for path in sorted((ROOT / "data" / "articles").iterdir()) for a in read_file(path)
               if hasattr(a, "paragraphs")]
    return (samples * (limit // len(samples) + 1))[:limit], "data/articles (repeated)"


def timed(function, articles, repeat: int) -> tuple[float, float]:
    cpu, wall = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        for article in articles:
            function(article)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles, source = load_articles(args.corpus, args.limit)
    chars = sum(len(a.text) for a in articles) / len(articles)
    extract(articles[0])  # load the rule lists before timing
    statements = sum(len(extract(a)) for a in articles)
    cpu, wall = timed(extract, articles, args.repeat)
    base_cpu, _ = timed(lambda a: QUOTED.findall(a.text), articles, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {source}: {len(articles)} articles, {chars:,.0f} characters on average, "
          f"{statements} statements")
    print(f"extract: {len(articles) / cpu:,.0f} articles/s per core (CPU time), "
          f"{len(articles) / wall:,.0f} articles/s wall, {statements / cpu:,.0f} statements/s")
    print(f"baseline (one regex pass for quotes): {len(articles) / base_cpu:,.0f} articles/s; "
          f"extract costs {cpu / base_cpu:,.0f}x the baseline")
    print(f"peak resident memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
