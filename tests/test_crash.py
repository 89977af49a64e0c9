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


def crash_trials(tmp_path, articles: int, kills: int, seed: int, mid_write_kills: int = 0, max_kills: int = 0,
                 commit_every: int = 5) -> dict:
    """Rounds of: a fresh database, SIGKILLs at random points until the articles are all in, then the
    same ingest run to completion and compared with a clean run. Until ``kills`` kills have landed.
    Killed runs commit every ``commit_every`` articles (the default batch would commit these small
    corpora once, at the end), so kills land between and inside multi-article transactions."""
    folder = tmp_path / "articles"
    write_articles(folder, articles)
    clean_db = tmp_path / "clean.db"

    (tmp_path / "empty").mkdir()
    started = time.perf_counter()
    assert run_tracker("ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "startup.db")).returncode == 0
    startup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    clean = run_tracker("ingest", str(folder), "--db", str(clean_db), "--silent")
    writing_seconds = max(0.1, time.perf_counter() - started - startup_seconds)
    assert clean.returncode == 0, clean.stderr
    assert check_consistent(clean_db) == articles
    expected = dump(clean_db)

    rng = random.Random(seed)
    landed = mid_write = rounds = 0
    max_kills = max(max_kills, kills)

    def more() -> bool:  # the kills asked for, and (timing varies by machine) enough of them mid-write
        return landed < kills or (mid_write < mid_write_kills and landed < max_kills)

    while more():
        rounds += 1
        crashed_db = tmp_path / f"crashed-{rounds}.db"
        done = 0
        while done < articles and more():
            process = subprocess.Popen(tracker_command("ingest", str(folder), "--db", str(crashed_db), "--silent",
                                                       "--commit-every", str(commit_every)),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # A quarter of the kills anywhere in the run (imports, schema, re-reading finished articles);
            # the rest among the articles still to write. Finished articles cost about as much to pass
            # again as to write (they are read and extracted before they are found unchanged).
            if rng.random() < 0.25:
                delay = rng.uniform(0.5 * startup_seconds, startup_seconds + writing_seconds)
            else:
                delay = startup_seconds + writing_seconds * rng.uniform(done, articles) / articles
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
            if process.returncode != -signal.SIGKILL:
                break  # it finished first
            landed += 1
            now = check_consistent(crashed_db) if crashed_db.exists() else 0
            mid_write += now > done  # it had been writing articles when it died
            done = now
        final = run_tracker("ingest", str(folder), "--db", str(crashed_db), "--silent")
        assert final.returncode == 0, final.stderr
        assert check_consistent(crashed_db) == articles
        assert dump(crashed_db) == expected
    return {"kills": landed, "kills_after_writing_began": mid_write, "rounds": rounds, "articles": articles,
            "clean_run_seconds": round(startup_seconds + writing_seconds, 2)}


@pytest.mark.parametrize("commit_every", [1, 5])
def test_sigkill_during_ingest_leaves_whole_articles(tmp_path, commit_every):
    stats = crash_trials(tmp_path, articles=60, kills=4, seed=7, mid_write_kills=1, max_kills=16,
                         commit_every=commit_every)
    print(f"\ncrash trials: {stats}")
    assert stats["kills"] >= 4 and stats["kills_after_writing_began"] >= 1


@pytest.mark.stress
def test_sigkill_during_ingest_many_times(tmp_path):
    stats = crash_trials(tmp_path, articles=300, kills=40, seed=2026, mid_write_kills=15, max_kills=80)
    print(f"\ncrash trials: {stats}")
    assert stats["kills"] >= 40 and stats["kills_after_writing_began"] >= 15


def test_the_check_catches_a_half_written_article(tmp_path):
    folder = tmp_path / "articles"
    write_articles(folder, 3)
    db_path = tmp_path / "t.db"
    assert run_tracker("ingest", str(folder), "--db", str(db_path), "--silent").returncode == 0
    assert check_consistent(db_path) == 3
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute("delete from statements where id = (select max(id) from statements)")  # as a torn write would
    conn.commit()
    conn.close()
    with pytest.raises(AssertionError):
        check_consistent(db_path)
