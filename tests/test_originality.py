"""The text is the project's own: no draft shares a run of 25+ characters with the seeds (formulae excepted)."""

from __future__ import annotations

import re

import pytest

from drafter import app
from drafter.catalog import data_folder
from drafter.compose import compose_speech
from drafter.overlap import CorpusIndex
from tests.conftest import EXAMPLES

STUTTER = re.compile(r"([\u4e00-\u9fff]{2})\1")

SEEDS = {entry.name: entry.read_text(encoding="utf-8") for entry in data_folder("seeds").iterdir()
         if entry.name.endswith(".txt")}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return CorpusIndex(data_folder("seeds"), tmp_path_factory.mktemp("idx") / "seeds.sqlite")


def test_the_index_finds_a_copied_sentence(index):
    copied = "这是一篇新稿子。" + next(iter(SEEDS.values()))[200:260] + "后面是新写的内容。"
    assert index.shared_runs(copied)
    assert not index.shared_runs("让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写新篇章。")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_share_no_long_run_with_the_seeds(path, index):
    loaded = app.load(path)
    for seed in (1, 2, 3, 4):
        text = compose_speech(loaded.request, loaded.catalog, seed=seed).body_text()
        runs = index.shared_runs(text)
        assert not runs, f"seed {seed}: {runs[0].text} ({runs[0].source})"
        # nor a word twice in a row where a heading and a slot meet (…的严格要求要求我们…); 一项一项, 算一算一亩地
        # 能不能不…, 急事急办, 研究研究 are the genre's own
        stutters = [m.group() for m in STUTTER.finditer(text)
                    if not {"一", "不"} & set(m.group()) and m.group() not in ("事急事急", "研究研究")]
        assert not stutters, f"seed {seed}: {stutters}"
