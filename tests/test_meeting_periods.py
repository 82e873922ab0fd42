"""A holiday period in the meeting's name (元旦春节期间、国庆节前 …) is read as what the meeting is for: the heading
names it and, in 安全生产, the priorities open with the holidays' own risks (templates/lexicon/meetings.yaml)."""

from pathlib import Path

import pytest

from drafter.catalog import load_catalog
from drafter.compose import compose_speech, prepare
from drafter.config.loader import ConfigSource
from drafter.config.model import Config

CATALOG = load_catalog()


def speech(name: str, day: str, theme: str = "安全生产", title: str = "县长", seed: int | None = None):
    data = {"meeting": {"name": name, "date": day}, "speaker": {"title": title}, "theme": theme,
            "locality": {"name": "临川", "level": "县"}, **({"seed": seed} if seed is not None else {})}
    request = prepare(ConfigSource(Path("x.yaml"), Config.model_validate(data), None), CATALOG)
    return compose_speech(request, CATALOG)


def priorities(s):
    return next(sec for sec in s.sections if sec.category == "priorities")


@pytest.mark.parametrize("name,day", [("全县元旦春节期间安全生产工作会议", "2026-12-20"),
                                      ("全县国庆节期间安全生产工作会议", "2026-09-25")])
def test_a_holiday_safety_meeting_opens_its_priorities_with_the_holidays(name, day):
    for seed in (1, 2, 3):
        s = speech(name, day, seed=seed)
        section = priorities(s)
        assert section.points[0].module_id == "safety_holiday"
        assert name.removeprefix("全县").removesuffix("工作会议") in section.heading
        first = "".join(p.text for p in section.points[0].paragraphs)
        assert "节" in first


def test_the_winter_wording_is_said_in_winter_only():
    autumn = [speech("全县国庆节期间安全生产工作会议", "2026-09-25", seed=s).body_text() for s in range(1, 9)]
    winter = [speech("全县元旦春节期间安全生产工作会议", "2026-12-20", seed=s).body_text() for s in range(1, 9)]
    assert not any("冬季的节日" in t for t in autumn)
    assert any("冬季的节日" in t for t in winter)


def test_an_ordinary_meeting_or_another_theme_does_not_bring_the_holiday_point():
    plain = speech("全县安全生产工作会议", "2026-12-20")
    assert all(p.module_id != "safety_holiday" for sec in plain.sections for p in sec.points)
    rural = speech("全县春节前农村工作会议", "2026-01-20", theme="乡村振兴", title="县委书记")
    assert all(p.module_id != "safety_holiday" for sec in rural.sections for p in sec.points)
