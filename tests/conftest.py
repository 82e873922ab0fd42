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
