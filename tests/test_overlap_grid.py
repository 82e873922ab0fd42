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


SPEAKER_PAIRS = {"书记、县长": ("推进", "县", 0, "县", 1), "县长、副县长": ("动员部署", "县", 1, "县", 2),
                 "局长、副局长": ("分析", "部门", 1, "部门", 2)}
LEVEL_PAIRS = {"县委书记、镇党委书记": ("总结表彰", "县", 0, "镇", 0), "县长、区长": ("推进", "县", 1, "区", 1)}
# Pairs of the sample still over target (issue 14 is not closed: bench/speakers.py lists every such pair of the
# grid); strict, so the day one comes under target the mark must go.
OVER: set[tuple[str, str]] = set()


def sample(pairs: dict) -> list:
    return [pytest.param(theme, name, marks=pytest.mark.xfail(strict=True, reason="still over target"))
            if (theme, name) in OVER else pytest.param(theme, name) for theme in THEMES for name in pairs]


@pytest.mark.parametrize("theme,pair", sample(SPEAKER_PAIRS))
def test_two_speakers_at_one_meeting_make_different_speeches(theme, pair):
    kind, level_a, post_a, level_b, post_b = SPEAKER_PAIRS[pair]
    share = DRAFTS.masked_overlap(cell(theme, kind, level_a, post_a), cell(theme, kind, level_b, post_b))
    assert share is not None and share < SPEAKER_TARGET, share


@pytest.mark.parametrize("theme,pair", sample(LEVEL_PAIRS))
def test_one_post_at_two_levels_makes_different_speeches(theme, pair):
    kind, level_a, post_a, level_b, post_b = LEVEL_PAIRS[pair]
    share = DRAFTS.masked_overlap(cell(theme, kind, level_a, post_a), cell(theme, kind, level_b, post_b))
    assert share is not None and share < LEVEL_TARGET, share


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
