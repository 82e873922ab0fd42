"""Shared fixtures: the CLI runner, example configs and a helper that writes a config file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

MINIMAL = """\
meeting:
  name: 全县优化营商环境工作会议
  date: 2026-03-16
speaker:
  title: 县委书记
locality:
  name: 临川
  level: 县
theme: 营商环境
"""


# The slowest files (pip, pseudo-terminal and browser sessions first), heaviest first: `-n 2 --dist loadfile`
# hands out whole files in collection order, so this way each worker starts on a heavy one and the light ones
# even out the end, instead of one heavy file running alone while the other worker idles.
SLOW_FIRST = ("test_offline_bundle.py", "test_new.py", "test_web_browser.py", "test_check.py",
              "test_fit_business_style.py", "test_era.py", "test_mine.py", "test_reader.py", "test_fit_modules_b.py",
              "test_fit_speech.py", "test_speed.py", "test_render.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


@pytest.fixture
def run(tmp_path: Path):
    """Run `drafter ARGS` in tmp_path; returns the click Result (stdout and stderr kept apart)."""

    def invoke(*args: str):
        runner = CliRunner()
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def write_config(tmp_path: Path):
    def write(text: str = MINIMAL, name: str = "c.yaml", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Corpus indexes of the bundled seeds go to a cache folder of the test session, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
