from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "articles"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def db(db_path) -> Database:
    return Database(db_path)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
