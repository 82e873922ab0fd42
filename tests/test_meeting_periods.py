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


@pytest.mark.parametrize("name,day,period", [("全县元旦春节期间安全生产工作会议", "2026-12-20", "元旦春节期间"),
                                             ("全县国庆节期间安全生产工作会议", "2026-09-25", "国庆节期间"),
                                             ("全县2027年春节前安全生产工作会议暨安全防范工作部署会", "2026-12-28",
                                              "春节前")])
def test_a_holiday_safety_meeting_opens_its_priorities_with_the_holidays(name, day, period):
    for seed in (1, 2, 3):
        s = speech(name, day, seed=seed)
        section = priorities(s)
        assert section.points[0].module_id == "safety_holiday"
        # the heading names the holiday period as the name says it, with the theme, and nothing of the name else
        assert period in section.heading and "安全生产" in section.heading, section.heading
        assert "会议" not in section.heading and "2027年" not in section.heading
        first = "".join(p.text for p in section.points[0].paragraphs)
        assert "节" in first
        # the opening says what the holidays ask: the period in the meeting's task, not only in its name
        opening = s.opening[0].text
        assert period in opening.replace(name, ""), opening


def test_the_name_is_read_past_its_year_and_each_part_past_its_meeting_word():
    reading = CATALOG.meetings.read("全县2027年春节前安全生产工作会议暨安全防范工作部署会")
    assert reading.holiday == "春节前" and reading.kind == "动员部署"
    assert [(s.text, s.theme, s.named) for s in reading.subjects] == [("春节前安全生产", "安全生产", "春节前"),
                                                                       ("安全防范", "安全生产", "安全防范")]
    assert CATALOG.meetings.read("全县元旦、春节期间作风建设工作会议").holiday == "元旦、春节期间"
    assert CATALOG.meetings.read("2026年全县两节期间党风廉政建设工作会议").holiday == "两节期间"
    assert CATALOG.meetings.read("全县安全生产工作会议").holiday == ""


@pytest.mark.parametrize("theme,title,words", [("党风廉政建设", "县委书记", ("廉洁过节", "节日腐败")),
                                               ("作风建设", "县委书记", ("过节", "节日期间"))])
def test_a_holiday_meeting_of_another_theme_says_what_the_holidays_ask_of_it(theme, title, words):
    for seed in (1, 2):
        s = speech(f"全县元旦春节期间{theme}工作会议", "2026-12-22", theme=theme, title=title, seed=seed)
        opening = s.opening[0].text.replace(f"全县元旦春节期间{theme}工作会议", "")
        assert "元旦春节期间" in opening and any(w in opening for w in words), opening
        assert all(p.module_id != "safety_holiday" for sec in s.sections for p in sec.points)


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
