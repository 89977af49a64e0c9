"""Concurrent use: Datasette serves the database while two ingests write to it at once.

Readers never see an error and never see a half-written article (an article whose stored
statement_count differs from the statements present); both ingests complete. WAL mode and the
busy timeout (tracker/database.py) are what make this work.
"""

import os
import signal
import socket
import subprocess
import time
from urllib.parse import quote

import httpx
import pytest

from .dbcheck import HALF_WRITTEN, check_consistent, dump, run_tracker, tracker_command
from .synthetic import write_articles


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_path, port):
    server = subprocess.Popen(tracker_command("serve", "--db", str(db_path), "--port", str(port)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)  # its own group: stopping it stops its Datasette child too
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    stop_server(server)
    pytest.fail("tracker serve did not come up")


def stop_server(server):
    """Stop the server's process group (tracker serve and its Datasette), even if its leader is gone."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            break
        try:
            server.wait(timeout=10)
            time.sleep(0.2)
        except subprocess.TimeoutExpired:
            continue
    server.wait()


READS = [
    "/tracker.json?_shape=array&sql=" + quote(HALF_WRITTEN),  # must always be empty
    "/tracker/statements.json?_shape=array&_size=20",
    "/tracker/articles.json?_shape=array&_size=5&_sort_desc=id",
    "/tracker/statements",  # the faceted HTML page
    "/tracker/search_statements.json?_shape=array&words=bridge",
]


def concurrent_run(tmp_path, per_writer: int, shared: int, seconds: float) -> dict:
    first = tmp_path / "first"
    second = tmp_path / "second"
    common = tmp_path / "common"
    write_articles(first, per_writer, start=0)
    write_articles(second, per_writer, start=10_000)
    write_articles(common, shared, start=20_000)  # both writers ingest these at the same time
    db_path = tmp_path / "tracker.db"  # Datasette names the database after the file: /tracker/...
    server, base = start_server(db_path, free_port())
    requests = errors = half_written = 0
    problems = []
    try:
        writers = [subprocess.Popen(tracker_command("ingest", str(folder), str(common), "--db", str(db_path), "--silent"),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for folder in (first, second)]
        deadline = time.monotonic() + seconds
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                for path in READS:
                    requests += 1
                    try:
                        response = client.get(path)
                    except httpx.HTTPError as error:
                        errors += 1
                        problems.append((path, repr(error)))
                        continue
                    if response.status_code != 200:
                        errors += 1
                        problems.append((path, response.status_code, response.text[:300]))
                    elif path == READS[0] and response.json():
                        half_written += 1
                        problems.append((path, response.json()))
                if all(writer.poll() is not None for writer in writers):
                    break
        for writer in writers:
            writer.wait(timeout=max(1, deadline - time.monotonic()))
        outputs = [(writer.returncode, *writer.communicate()) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
        stop_server(server)
    assert [code for code, _, _ in outputs] == [0, 0], outputs
    assert (errors, half_written) == (0, 0), problems[:5]
    assert check_consistent(db_path) == 2 * per_writer + shared

    clean = tmp_path / "clean.db"
    assert run_tracker("ingest", str(first), str(common), str(second), "--db", str(clean), "--silent").returncode == 0
    live_dump, clean_dump = dump(db_path), dump(clean)
    for table in ("speakers", "_counts"):  # a speaker's role comes from whichever article stored them first
        live_dump.pop(table), clean_dump.pop(table)
    assert live_dump == clean_dump
    return {"requests": requests, "errors": errors, "half_written": half_written,
            "writers": [out.strip() for _, out, _ in outputs]}


def test_serve_while_two_ingests_write(tmp_path):
    stats = concurrent_run(tmp_path, per_writer=25, shared=10, seconds=120)
    print(f"\nconcurrency: {stats}")
    assert stats["requests"] >= len(READS)


@pytest.mark.stress
def test_serve_while_two_ingests_write_long(tmp_path):
    stats = concurrent_run(tmp_path, per_writer=400, shared=100, seconds=600)
    print(f"\nconcurrency: {stats}")


def test_sigterm_stops_datasette_too(tmp_path):
    port = free_port()
    server, base = start_server(tmp_path / "tracker.db", port)
    try:
        server.send_signal(signal.SIGTERM)  # to `tracker serve` alone, as `kill PID` would
        server.wait(timeout=20)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/-/versions.json", timeout=1)
            except httpx.HTTPError:
                break  # nobody listens: Datasette went with it
            time.sleep(0.2)
        else:
            pytest.fail("Datasette kept serving after tracker serve was terminated")
    finally:
        stop_server(server)
