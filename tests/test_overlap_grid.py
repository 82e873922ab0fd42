"""Drafts that must differ do (issues 9 and 14), on a small sample of bench/speakers.py's grid — the full grid
is run by `python bench/speakers.py`: two speakers at one meeting and one post at two levels share under 40%
of 6-character runs with level words and names masked; two seeds of one config under 50%."""

from __future__ import annotations

import pytest

from bench.speakers import (
    BUREAU,
    LEVEL_TARGET,
    SEED_TARGET,
    SPEAKER_TARGET,
    Drafts,
    bureaus,
    grid_config,
    grid_pairs,
)
from drafter.catalog import load_catalog

THEMES = list(load_catalog().themes)
DRAFTS = Drafts()


def cell(theme: str, kind: str, level: str, post: int, day: str = "2026-07-20") -> dict:
    return grid_config(theme, kind, day, level, post, bureaus().get(theme, BUREAU))


@pytest.mark.parametrize("theme", THEMES)
def test_two_speakers_at_one_meeting_make_different_speeches(theme):
    pairs = [(cell(theme, "推进", "县", 0), cell(theme, "推进", "县", 1)),  # 县委书记 and 县长
             (cell(theme, "动员部署", "县", 1), cell(theme, "动员部署", "县", 2)),  # 县长 and the 副县长 he leads
             (cell(theme, "分析", "部门", 1), cell(theme, "分析", "部门", 2))]  # 局长 and 副局长
    for a, b in pairs:
        share = DRAFTS.masked_overlap(a, b)
        assert share is not None and share < SPEAKER_TARGET, (a["speaker"], b["speaker"], share)


@pytest.mark.parametrize("theme", THEMES)
def test_one_post_at_two_levels_makes_different_speeches(theme):
    pairs = [(cell(theme, "总结表彰", "县", 0), cell(theme, "总结表彰", "镇", 0)),  # 县委书记 and 镇党委书记
             (cell(theme, "推进", "县", 1), cell(theme, "推进", "区", 1))]  # 县长 and 区长
    for a, b in pairs:
        share = DRAFTS.masked_overlap(a, b)
        assert share is not None and share < LEVEL_TARGET, (a["locality"], b["locality"], share)


@pytest.mark.parametrize("theme", THEMES)
def test_two_seeds_of_one_config_make_different_drafts(theme):
    share, _ = DRAFTS.seed_overlap(cell(theme, "推进", "县", 1))
    assert share < SEED_TARGET


def test_the_grid_pairs_every_post_at_one_meeting_and_each_post_across_levels():
    speakers, levels = grid_pairs("营商环境", ("2026-03-16",))
    titles = {(a["speaker"]["title"], b["speaker"]["title"]) for a, b in speakers}
    assert {("县委书记", "县长"), ("县委书记", "副县长"), ("县长", "副县长"), ("局长", "副局长")} <= titles
    assert len(speakers) == 5 * (4 * 3 + 1)  # five meeting kinds, three pairs at each territory, one at the bureau
    places = {(a["locality"]["level"], b["locality"]["level"]) for a, b in levels}
    assert {("县", "区"), ("县", "镇"), ("市", "县"), ("部门", "县")} <= places
    assert all(a["speaker"]["title"] != b["speaker"]["title"] for a, b in levels)
