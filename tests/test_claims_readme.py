"""The checker session in the README runs as written and prints what the README shows."""

import re
import shlex
import shutil
from pathlib import Path

from tracker.cli import cli

from .conftest import SAMPLES

README = Path(__file__).resolve().parent.parent / "README.md"
# Days after the sample articles' are "today" when the README was written: compare them as DATE.
RUN_DAY = re.compile(r"\b20(?:2[5-9]|[3-9]\d)-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}\+00:00)?")


def session() -> list[tuple[str, list[str]]]:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- checker-session", 1)[1].split("```console\n", 1)[1].split("\n```", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def normalize(lines: list[str]) -> list[str]:
    return [RUN_DAY.sub("DATE", line) for line in lines]


def test_readme_checker_session(runner, tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "data" / "articles")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_USER", raising=False)
    env = {}
    steps = session()
    assert [command.split()[:3] for command, _ in steps if command.startswith("tracker")][-1] == [
        "tracker", "export", "claimreview"]
    for command, expected in steps:
        words = shlex.split(command)
        if words[0] == "export":
            name, value = words[1].split("=", 1)
            env[name] = value
            continue
        assert words[0] == "tracker"
        result = runner.invoke(cli, words[1:], env=env)
        assert normalize(result.output.splitlines()) == normalize(expected), command
        assert (result.exit_code != 0) == any(line.startswith("error: ") for line in expected), command
