"""Numbering rules and the level and era lexicons."""

from __future__ import annotations

import datetime

import pytest

from drafter.catalog import load_catalog
from drafter.config.model import Locality
from drafter.errors import ConfigError
from drafter.lexicon import era_words, level_words
from drafter.numbering import format_marker, parse_marker
from drafter.text import cn_count, cn_number, fullwidth_punctuation, parse_cn_number

CATALOG = load_catalog()


@pytest.mark.parametrize("n,text", [(1, "一"), (2, "二"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_cn_numbers_round_trip(n, text):
    assert cn_number(n) == text and parse_cn_number(text) == n


def test_counts_say_liang():
    assert cn_count(2) == "两" and cn_count(3) == "三"


@pytest.mark.parametrize("style,n,marker", [
    ("chinese", 3, "三、"), ("paren_chinese", 2, "（二）"), ("arabic", 4, "4."), ("paren_arabic", 1, "（1）"),
    ("shi", 2, "二是"), ("yao", 3, "三要"), ("di", 1, "第一，"),
])
def test_markers_format_and_parse_back(style, n, marker):
    assert format_marker(style, n) == marker
    parsed = parse_marker(marker + "加强组织领导")
    assert (parsed.style, parsed.number) == (style, n)


def test_fullwidth_punctuation_only_between_chinese():
    assert fullwidth_punctuation("县发改局通报了情况,5家企业(代表)发言:很好!") == "县发改局通报了情况，5家企业（代表）发言：很好！"
    assert fullwidth_punctuation("增长8.5%, GDP (2025)") == "增长8.5%, GDP (2025)"


@pytest.mark.parametrize("level,whole,our,leaders,above", [
    ("市", "全市", "我市", "市委、市政府", "全省"), ("县", "全县", "我县", "县委、县政府", "全市"),
    ("区", "全区", "我区", "区委、区政府", "全市"), ("镇", "全镇", "我镇", "镇党委、镇政府", "全县"),
])
def test_level_words(level, whole, our, leaders, above):
    words = level_words(Locality(name="临川", level=level), CATALOG.levels)
    assert (words.own["whole"], words.own["our"], words.own["leaders"], words.above["whole"]) == (
        whole, our, leaders, above)
    assert words.area["name"] == f"临川{level}"


def test_department_words_come_from_the_unit():
    words = level_words(Locality(name="临川", level="部门", unit="县发展改革委"), CATALOG.levels)
    assert (words.own["whole"], words.own["our"], words.own["leaders"]) == ("全系统", "我委", "委党组")
    assert (words.area["whole"], words.area["name"], words.above["whole"]) == ("全县", "临川县", "全市")


def test_department_host_level_must_be_known():
    with pytest.raises(ConfigError, match="locality.superior"):
        level_words(Locality(name="临川", level="部门", unit="商务局"), CATALOG.levels)
    words = level_words(Locality(name="临川", level="部门", unit="商务局", superior="市"), CATALOG.levels)
    assert words.area["whole"] == "全市"


def test_superior_can_be_overridden():
    words = level_words(Locality(name="临川", level="县", superior="省"), CATALOG.levels)
    assert words.above["whole"] == "全省"


@pytest.mark.parametrize("day,plan,stage,congress,plenum", [
    ("2018-05-01", "十三五", "实施“十三五”规划承上启下的关键一年", "党的十九大", "党的十九届三中全会"),
    ("2021-03-01", "十四五", "“十四五”开局之年", "党的十九大", "党的十九届五中全会"),
    ("2022-11-01", "十四五", "实施“十四五”规划的重要一年", "党的二十大", ""),
    ("2025-06-01", "十四五", "“十四五”规划收官之年", "党的二十大", "党的二十届三中全会"),
    ("2026-03-16", "十五五", "“十五五”开局之年", "党的二十大", "党的二十届四中全会"),
    ("2030-12-01", "十五五", "“十五五”规划收官之年", "党的二十大", "党的二十届四中全会"),
])
def test_era_words_by_date(day, plan, stage, congress, plenum):
    era = era_words(datetime.date.fromisoformat(day), CATALOG.era)
    assert (era["plan"], era["plan_stage"], era["congress"], era["plenum"]) == (plan, stage, congress, plenum)


@pytest.mark.parametrize("day,dedication", [
    ("2021-03-01", "以优异成绩庆祝中国共产党成立100周年"), ("2021-09-01", ""),
    ("2022-06-01", "以实际行动迎接党的二十大胜利召开"), ("2026-03-16", ""),
])
def test_dedication_by_date(day, dedication):
    assert era_words(datetime.date.fromisoformat(day), CATALOG.era)["dedication"] == dedication
