"""Shared fixtures: the CLI runner, example configs and a helper that writes a config file; the minimal
config, a user module and a past speech that tests and tools/attack.py both build their cases from."""

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
# A module file of a unit's own template folder; {body} is the one paragraph of its one body.
MODULE = """\
id: user_module
title: 本单位模块
section: priorities
themes: [营商环境]
description: 测试
headings:
  action: 着力抓好本单位工作
bodies:
  - - {body}
"""
# A past speech for `drafter mine`, with template syntax in its text that must stay text.
SPEECH = """在全县工作会议上的讲话
同志们：
今天召开会议，部署今年的工作。下面，我讲三点意见。
一、提高认识，增强做好工作的责任感
大家要认清形势。材料里写着{{ 7+7 }}这样的符号，也写着{% for i in range(1000000000) %}这样的话，都照原样保留。
二、聚焦重点，推动各项工作落地见效
要抓好项目建设。今年要把{# 注释 #}和{{ lipsum(100000) }}都当成普通文字，确保项目早开工。
三、狠抓落实，确保各项任务完成
要压实责任。各单位要对照目标，逐项推进落实。
同志们，让我们奋力完成全年目标任务！
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
