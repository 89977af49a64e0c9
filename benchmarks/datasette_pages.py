"""How long the plugin's pages take on a large synthetic database.

    .venv/bin/python benchmarks/datasette_pages.py [STATEMENTS]

Builds STATEMENTS (default 200,000) statements by 2,000 speakers over 10 years
in a temporary database, then times each page through Datasette's client."""

import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from tracker.publish import datasette_app
from tracker.schema import ensure_schema


def build(path: Path, count: int) -> None:
    db = Database(path)
    ensure_schema(db)
    rng = random.Random(8)
    words = "bridge budget council water school transit library harbour strike funding".split()
    db["sources"].insert_all([{"id": i, "name": f"Outlet {i}"} for i in range(1, 21)])
    db["speakers"].insert_all([{"id": i, "name": f"Speaker {i}", "type": "person"} for i in range(1, 2001)])
    db["articles"].insert_all([{"id": i, "title": f"Article {i} on the {rng.choice(words)}", "source_id": i % 20 + 1,
                                "body": " ".join(rng.choices(words, k=60))} for i in range(1, count // 5 + 1)])

    def statements():
        for i in range(1, count + 1):
            year, month = 2015 + rng.randrange(10), 1 + rng.randrange(12)
            yield {"id": i, "article_id": rng.randrange(1, count // 5 + 1),
                   "speaker_id": int(rng.paretovariate(1.2)) % 2000 + 1, "source_id": rng.randrange(1, 21),
                   "text": " ".join(rng.choices(words, k=12)), "kind": "direct",
                   "date_said": f"{year}-{month:02d}-15", "month_said": f"{year}-{month:02d}"}

    db["statements"].insert_all(statements(), batch_size=5000)


async def timed(app, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    response = await app.client.get(path)
    return response.status_code, time.perf_counter() - start


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tracker.db"
        build(path, count)
        app = datasette_app(path)
        await app.invoke_startup()
        pages = ["/tracker/statements", "/tracker/statements/100", "/tracker/speakers/1",
                 "/-/timeline", "/-/timeline?speaker=Speaker+1&speaker=Speaker+2&speaker=Speaker+3",
                 "/-/search-all?q=bridge+budget", "/-/search-all?q=Speaker+17"]
        await timed(app, pages[0])  # warm up
        print(f"{count:,} statements, 2,000 speakers, 120 months")
        for page in pages:
            results = [await timed(app, page) for _ in range(3)]
            status = {s for s, _ in results}
            print(f"{page:70s} status {status} median {sorted(t for _, t in results)[1] * 1000:7.0f} ms")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000))
