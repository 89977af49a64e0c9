"""Crash safety: SIGKILL `tracker ingest` at random points while it writes, again and again.

After every kill the database passes PRAGMA integrity_check, its full-text indexes are in sync, and
no article is half-written (each article's stored statement_count, written in the same transaction,
equals the statements present). Running the same ingest again then ends with the database a clean,
uninterrupted run gives.
"""

import random
import signal
import subprocess
import time

import pytest

from .dbcheck import check_consistent, dump, run_tracker, tracker_command
from .synthetic import write_articles


def crash_trials(tmp_path, articles: int, kills: int, seed: int) -> dict:
    folder = tmp_path / "articles"
    write_articles(folder, articles)
    clean_db, crashed_db = tmp_path / "clean.db", tmp_path / "crashed.db"

    started = time.perf_counter()
    clean = run_tracker("ingest", str(folder), "--db", str(clean_db), "--silent")
    clean_seconds = time.perf_counter() - started
    assert clean.returncode == 0, clean.stderr
    assert check_consistent(clean_db) == articles

    rng = random.Random(seed)
    survived, finished_early, progress = 0, 0, []
    for _ in range(kills):
        process = subprocess.Popen(tracker_command("ingest", str(folder), "--db", str(crashed_db), "--silent"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Anywhere from start-up to the end of a full run: in the schema set-up, mid-article, between articles.
        time.sleep(rng.uniform(0.05, 1.0) * clean_seconds)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode == -signal.SIGKILL:
            survived += 1
        else:
            finished_early += 1
        if crashed_db.exists():
            progress.append(check_consistent(crashed_db))

    final = run_tracker("ingest", str(folder), "--db", str(crashed_db), "--silent")
    assert final.returncode == 0, final.stderr
    assert check_consistent(crashed_db) == articles
    assert dump(crashed_db) == dump(clean_db)
    return {"kills": survived, "finished_before_kill": finished_early, "articles_after_each_kill": progress,
            "clean_seconds": round(clean_seconds, 2)}


def test_sigkill_during_ingest_leaves_whole_articles(tmp_path):
    stats = crash_trials(tmp_path, articles=60, kills=4, seed=7)
    assert stats["kills"] >= 1  # at least one kill really landed mid-run


@pytest.mark.stress
def test_sigkill_during_ingest_many_times(tmp_path):
    stats = crash_trials(tmp_path, articles=300, kills=40, seed=2026)
    print(f"\ncrash trials: {stats}")
    assert stats["kills"] >= 30
