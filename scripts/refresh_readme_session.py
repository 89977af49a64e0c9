"""Re-run the README's checker session and write the real output back into the README.

The session's output depends on what the extractor finds in data/articles, so after an
extractor change run:  .venv/bin/python scripts/refresh_readme_session.py
tests/test_claims_readme.py then checks the README against a fresh run.
"""

import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.cli import cli  # noqa: E402


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, marker, rest = text.partition("<!-- checker-session")
    intro, fence, tail = rest.partition("```console\n")
    block, end_fence, after = tail.partition("\n```")
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    runner = CliRunner()
    env: dict[str, str] = {}
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "data" / "articles", Path(tmp) / "data" / "articles")
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            for command in commands:
                lines.append(f"$ {command}")
                words = shlex.split(command)
                if words[0] == "export":
                    name, value = words[1].split("=", 1)
                    env[name] = value
                    continue
                result = runner.invoke(cli, words[1:], env=env)
                lines.extend(result.output.rstrip("\n").splitlines())
        finally:
            os.chdir(cwd)
    readme.write_text(head + marker + intro + fence + "\n".join(lines) + end_fence + after, encoding="utf-8")
    print(f"README session refreshed: {len(commands)} commands")


if __name__ == "__main__":
    main()
