"""Rendered drafts read as real speeches: facts present, numbering and counts right, level words right,
no placeholders, full-width punctuation, length on target, deterministic by seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter import app
from drafter.catalog import load_catalog
from drafter.compose import compose_speech
from drafter.numbering import parse_marker
from drafter.text import cn_count, cn_number, count_chars
from tests.conftest import EXAMPLES, MINIMAL

BUSINESS = sorted(EXAMPLES.glob("*-business.yaml"))
PLACEHOLDER = re.compile(r"xx|XX|××|＊|\{\{|\}\}|\{%|None|待补|某某|【|】|\bundefined\b")
ASCII_BETWEEN_CJK = re.compile(r"[\u4e00-\u9fff“”][,;:?!()][\u4e00-\u9fff“”]")


def draft(path: Path, seed: int | None = None):
    loaded = app.load(path)
    return loaded, compose_speech(loaded.request, loaded.catalog, seed=seed)


@pytest.mark.parametrize("path", BUSINESS, ids=lambda p: p.stem)
@pytest.mark.parametrize("seed", [1, 2, 7])
def test_example_drafts_hold_every_rule(path, seed):
    loaded, speech = draft(path, seed)
    config = loaded.config
    text = speech.body_text()

    assert speech.title == f"在{config.meeting.name}上的讲话"
    assert config.speaker.title in speech.speaker_line
    assert speech.salutation == "同志们："
    # the announced count is the real number of main sections
    count = len(speech.sections)
    assert speech.announced_count == count
    assert f"我讲{cn_count(count)}点意见" in speech.opening[-1].text
    assert [s.marker for s in speech.sections] == [f"{cn_number(i)}、" for i in range(1, count + 1)]
    for section in speech.sections:
        assert [p.marker for p in section.points] == [f"（{cn_number(i)}）" for i in range(1, len(section.points) + 1)]
        assert not section.heading.endswith(("。", "，", "；"))
        # run-in markers: one style per section, numbered 1..n without gaps inside each list
        styles = set()
        for point in section.points:
            numbers = []
            for paragraph in point.paragraphs:
                for run in paragraph.runs:
                    if run.kind == "lead":
                        marker = parse_marker(run.text)
                        assert marker is not None, run.text
                        styles.add(marker.style)
                        numbers.append(marker.number)
            if numbers:
                assert numbers == list(range(1, len(numbers) + 1)), (point.heading, numbers)
        assert len(styles) <= 1, (section.heading, styles)
    assert speech.closing[0].text.startswith("同志们，")
    # every given fact
    for target in config.targets:
        value = f"{target.value:g}"
        assert f"{target.name}{value}{target.unit}" in text
    for item in config.meeting.agenda:
        assert item in text
    if config.departments.lead:
        assert config.departments.lead in text
    if config.departments.supervisor:
        assert config.departments.supervisor in text
    assert not PLACEHOLDER.search(speech.title + text), PLACEHOLDER.search(text)
    assert not ASCII_BETWEEN_CJK.search(text), ASCII_BETWEEN_CJK.search(text)
    assert "。。" not in text and "，，" not in text and "，。" not in text
    target = config.target_chars()
    assert abs(count_chars(text) - target) <= 0.15 * target


def test_level_words_follow_the_locality():
    _, county = draft(EXAMPLES / "county-business.yaml")
    county_text = county.body_text()
    assert "全县" in county_text and "我县" in county_text and "县委、县政府" in county_text
    assert "我市" not in county_text and "市委、市政府研究" not in county_text
    _, city = draft(EXAMPLES / "city-business.yaml")
    city_text = city.body_text()
    assert "全市" in city_text and "我市" in city_text
    assert "全县" not in city_text and "我县" not in city_text
    _, bureau = draft(EXAMPLES / "bureau-business.yaml")
    bureau_text = bureau.body_text()
    assert "全系统" in bureau_text
    assert "全市" not in bureau_text.replace("全市场", "")


def test_superior_meeting_is_passed_down():
    _, speech = draft(EXAMPLES / "county-business.yaml")
    assert "全市优化营商环境大会" in speech.opening[0].text


def test_same_seed_same_draft_and_other_seeds_differ():
    _, first = draft(EXAMPLES / "county-business.yaml", 5)
    _, again = draft(EXAMPLES / "county-business.yaml", 5)
    _, other = draft(EXAMPLES / "county-business.yaml", 6)
    assert first.body_text() == again.body_text()
    assert first.body_text() != other.body_text()


@pytest.mark.parametrize("length", [3000, 4000, 5000, 6500, 8000])
def test_length_lands_within_fifteen_percent(write_config, length):
    loaded, speech = draft(write_config(MINIMAL + f"length: {length}\n"))
    assert abs(count_chars(speech.body_text()) - length) <= 0.15 * length


def test_minutes_set_the_length(write_config):
    _, speech = draft(write_config(MINIMAL + "minutes: 20\n"))
    assert abs(count_chars(speech.body_text()) - 4000) <= 0.15 * 4000


def test_config_values_are_data_not_template_code(write_config):
    config = write_config(MINIMAL.replace("name: 临川", "name: \"{{ 7*7 }}\""))
    _, speech = draft(config)
    text = speech.body_text()
    assert "{{ 7*7 }}县" in text
    assert "49" not in text


def test_ascii_punctuation_typed_by_a_clerk_is_made_full_width(write_config):
    config = write_config(MINIMAL.replace("meeting:\n", "meeting:\n  agenda: [\"县发改局通报了情况,5家企业作了发言\"]\n"))
    _, speech = draft(config)
    assert "县发改局通报了情况，5家企业作了发言" in speech.body_text()


def test_targets_appear_even_without_the_targets_module(write_config):
    config = write_config(MINIMAL + "targets:\n  - {name: 新增经营主体, value: 1200, unit: 户}\n"
                          "sections:\n  awareness: [上级要求]\n  priorities: [政务环境, 市场环境]\n"
                          "  implementation: [组织领导]\n")
    _, speech = draft(config)
    assert "新增经营主体1200户" in speech.body_text()


def test_chosen_modules_are_used_in_order(write_config):
    config = write_config(MINIMAL + "sections:\n  awareness: []\n  priorities: [法治环境, 政务环境]\n"
                          "  implementation: [督查考核]\n")
    _, speech = draft(config)
    assert [s.category for s in speech.sections] == ["priorities", "implementation"]
    assert [p.module_id for p in speech.sections[0].points] == ["rule_of_law", "government_services"]
    assert "我讲两点意见" in speech.opening[-1].text


@pytest.mark.parametrize("level,own,title", [("市", "全市", "市委书记"), ("县", "全县", "县委书记"),
                                             ("区", "全区", "区委书记"), ("镇", "全镇", "镇党委书记")])
def test_every_level_renders_with_only_required_keys(write_config, level, own, title):
    config = write_config(MINIMAL.replace("level: 县", f"level: {level}").replace("全县", own)
                          .replace("县委书记", title))
    _, speech = draft(config)
    assert own in speech.body_text()
    assert not PLACEHOLDER.search(speech.body_text())


def test_era_words_follow_the_date(write_config):
    _, speech = draft(write_config(MINIMAL + "seed: 4\n"))
    text = speech.body_text()
    assert "十四五”开局" not in text
    if "开局之年" in text:
        assert "“十五五”开局之年" in text


THEMES = tuple(load_catalog().themes)  # every bundled theme, new ones included
LEVELS = (("市", "全市", "市委书记"), ("县", "全县", "县长"), ("区", "全区", "区委书记"), ("镇", "全镇", "镇党委书记"),
          ("部门", "全系统", "局长"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("level,own,title", LEVELS)
def test_every_theme_and_level_renders_clean_from_the_required_keys(write_config, theme, level, own, title):
    from drafter.check import check_paragraphs

    unit = "\n  unit: 县发展改革局" if level == "部门" else ""
    config = write_config(f"meeting:\n  name: {own}{theme}工作会议\n  date: 2026-05-20\nspeaker:\n  title: {title}\n"
                          f"locality:\n  name: 青川\n  level: {level}{unit}\ntheme: {theme}\n")
    loaded, speech = draft(config)
    text = speech.body_text()
    assert own in text
    assert len(speech.sections) == 3 and "我讲三点意见" in speech.opening[-1].text
    report = check_paragraphs([b.text for b in speech.blocks()], source="t", catalog=loaded.catalog, index=None)
    assert report.findings == [], report.findings[:3]
    assert abs(count_chars(text) - 5000) <= 750
    other = {"市": "我县", "县": "我市", "区": "我县", "镇": "我市", "部门": "我市"}[level]
    assert other not in text


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("length", [3000, 8000])
def test_every_theme_reaches_short_and_long_targets(write_config, theme, length):
    config = write_config(f"meeting:\n  name: 全县{theme}工作会议\n  date: 2026-05-20\nspeaker:\n  title: 县委书记\n"
                          f"locality:\n  name: 青川\n  level: 县\ntheme: {theme}\nlength: {length}\n")
    for seed in (1, 2):
        _, speech = draft(config, seed)
        assert abs(count_chars(speech.body_text()) - length) <= 0.15 * length, (seed, count_chars(speech.body_text()))
