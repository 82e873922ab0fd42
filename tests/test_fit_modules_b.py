"""The 项目建设, 招商引资 and 工业经济 modules fit the speech they are offered to: a 镇 orders no county power,
a bureau leads its own system, a December speech plans no 年初/年中 of the ending year, every module keeps
wording for 2016 and for each of its levels, and one idea is said once per draft (issue 9)."""

from __future__ import annotations

import datetime
import re
from functools import cache
from pathlib import Path

import pytest

from drafter.catalog import load_catalog
from drafter.compose import compose_speech, prepare
from drafter.compose.context import base_context
from drafter.compose.eligible import Fitting, block_sources
from drafter.config.loader import ConfigSource
from drafter.config.model import Config

THEMES = ("项目建设", "招商引资", "工业经济")
CATALOG = load_catalog()
TOWN_LACKS = ("标准地", "能耗指标", "用能指标", "城中村改造", "收回土地", "批而未供", "土地出让", "区域评估",
              "管行业必须管招商", "管部门必须抓项目", "各乡镇", "各县（市、区）", "带方案出让", "报批延期",
              "亲自推动签约")
# 年初/年中/上半年/年内 outside a quoted saying (“年初松、年中紧”), not 明年年中, 几年内, 半年内 …
LATE_PLAN = re.compile(r"(?<!明年)年初|(?<!明年)年中|上半年|(?<![几一二两三五多半])年内")
QUOTED = re.compile(r"“[^”]*”")


def _config(theme: str, level: str, title: str, unit: str | None, day: datetime.date, **extra) -> Config:
    name = "石门" if level == "镇" else "临川"
    return Config.model_validate({
        "meeting": {"name": f"{theme}工作会议", "date": day}, "speaker": {"title": title}, "theme": theme,
        "locality": {"name": name, "level": level, **({"unit": unit} if unit else {})}, **extra})


@cache
def _fitting(theme: str, level: str, title: str, unit: str | None, day: datetime.date) -> Fitting:
    request = prepare(ConfigSource(Path("x.yaml"), _config(theme, level, title, unit, day), None), CATALOG)
    return Fitting(request.situation, CATALOG, base_context(request, CATALOG))


def _modules(theme: str):
    return [m for m in CATALOG.modules.values() if theme in m.themes]


def _offered_texts(theme: str, level: str, title: str, unit: str | None, day: datetime.date):
    """(module id, piece, rendered text) of every body variant and extra this speech may use."""
    fitting = _fitting(theme, level, title, unit, day)
    for module in _modules(theme):
        if not fitting.module_allows(module):
            continue
        for i in fitting.variants(module, theme):
            yield module.id, f"body {i}", fitting._rendered(module, block_sources(module.bodies[i].blocks))
        for i in fitting.extras(module, theme):
            yield module.id, f"extra {i}", fitting._rendered(module, block_sources([module.extras[i].block]))


SPRING = datetime.date(2026, 3, 16)
DECEMBER = datetime.date(2026, 12, 1)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("title", ["镇党委书记", "镇长"])
def test_a_town_orders_no_county_power(theme, title):
    bad = [(m, p, w) for day in (datetime.date(2019, 9, 1), SPRING)
           for m, p, text in _offered_texts(theme, "镇", title, None, day) for w in TOWN_LACKS if w in text]
    assert not bad, bad


@pytest.mark.parametrize("theme", THEMES)
def test_a_market_regulation_bureau_is_not_told_to_raise_signing_rates(theme):
    bad = [(m, p, w) for m, p, text in _offered_texts(theme, "部门", "局长", "县市场监管局", SPRING)
           for w in ("签约率", "开工率", "投产率", "履约率", "标准地", "能耗指标") if w in text]
    assert not bad, bad


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("unit", ["县商务局", "县投促局", "县发改局", "县工信局", "县自然资源局"])
def test_a_county_bureau_addresses_its_own_system(theme, unit):
    bad = [(m, p, w) for m, p, text in _offered_texts(theme, "部门", "局长", unit, SPRING)
           for w in ("各县（市、区）", "各乡镇要", "镇党委") if w in text]
    assert not bad, bad


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("level, title, unit", [("县", "县长", None), ("市", "市委书记", None),
                                                ("镇", "镇党委书记", None), ("部门", "局长", "县工信局")])
def test_a_december_speech_plans_no_start_or_middle_of_the_ending_year(theme, level, title, unit):
    bad = [(m, p, LATE_PLAN.search(QUOTED.sub("", text)).group())
           for m, p, text in _offered_texts(theme, level, title, unit, DECEMBER)
           if not m.startswith("local_targets") and LATE_PLAN.search(QUOTED.sub("", text))]
    assert not bad, bad


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("level, title, unit", [("市", "市委书记", None), ("县", "县长", None), ("区", "区委书记", None),
                                                ("镇", "镇党委书记", None), ("部门", "局长", "县商务局"),
                                                ("部门", "局长", "县市场监管局")])
@pytest.mark.parametrize("day", [datetime.date(2016, 5, 10), datetime.date(2021, 6, 1), DECEMBER])
def test_every_module_keeps_a_fitting_wording_for_each_level_and_year(theme, level, title, unit, day):
    fitting = _fitting(theme, level, title, unit, day)
    # a module whose every wording for the theme names other months (this year's targets in December) is out by design
    offered = [m for m in _modules(theme) if fitting.module_allows(m)
               and any(v.months is None or day.month in v.months for v in m.variants_for(theme))]
    assert len(offered) >= 6
    missing = [m.id for m in offered if not fitting.variants(m, theme)]
    assert not missing, missing


@pytest.mark.parametrize("theme", THEMES)
def test_a_county_head_never_directs_the_discipline_commission(theme):
    bad = [(m, p) for m, p, text in _offered_texts(theme, "县", "县长", None, SPRING) if "纪检监察机关要" in text
           or "纪检监察机关{" in text]
    assert not bad, bad
    secretary = [m for m, p, text in _offered_texts(theme, "县", "县委书记", None, SPRING) if "纪检监察机关" in text]
    assert secretary  # the secretary still directs it


def _draft(theme, level, title, unit, day, seed):
    request = prepare(ConfigSource(Path("x.yaml"), _config(theme, level, title, unit, day, seed=seed), None), CATALOG)
    return request, compose_speech(request, CATALOG)


def _pieces(theme, level, title, unit, day, seed):
    """The ideas of every module piece the draft used (from the pieces' texts found in the body)."""
    request, speech = _draft(theme, level, title, unit, day, seed)
    text = speech.body_text()
    fitting = Fitting(request.situation, CATALOG, base_context(request, CATALOG))
    used = []
    for module in _modules(theme):
        pieces = [module.bodies[i] for i in fitting.variants(module, theme)]
        for piece in pieces + [module.extras[i] for i in fitting.extras(module, theme)]:
            sources = block_sources(piece.blocks if hasattr(piece, "blocks") else [piece.block])
            first = fitting._rendered(module, sources[:1]).split("\n")[0]
            probe = re.sub(r"\s", "", first)[:24]
            if piece.ideas and len(probe) >= 12 and probe in re.sub(r"\s", "", text):
                used.append((module.id, tuple(piece.ideas)))
    return text, used


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("level, title, unit", [("县", "县委书记", None), ("镇", "镇党委书记", None),
                                                ("部门", "局长", "县投促局")])
def test_one_idea_is_said_once_per_draft(theme, level, title, unit):
    clashes, found = [], 0
    for seed in range(10):
        _, used = _pieces(theme, level, title, unit, SPRING, seed)
        found += len(used)
        seen: dict[str, str] = {}
        for module_id, ideas in used:
            for idea in ideas:
                if idea in seen:
                    clashes.append((seed, idea, seen[idea], module_id))
                seen[idea] = module_id
    assert found  # the pieces were recognised in the drafts
    assert not clashes, clashes


@pytest.mark.parametrize("theme", THEMES)
def test_full_drafts_fit_a_town_a_bureau_and_december(theme):
    for seed in range(4):
        _, town = _draft(theme, "镇", "镇党委书记", None, SPRING, seed)
        assert not [w for w in ("标准地", "城中村改造", "收回土地", "管行业必须管招商") if w in town.body_text()]
        _, market = _draft(theme, "部门", "局长", "县市场监管局", SPRING, seed)
        assert "签约率" not in market.body_text()
        _, early = _draft(theme, "县", "县长", None, datetime.date(2016, 5, 10), seed)
        assert not [u.found for u in CATALOG.terms.outside(early.body_text(), datetime.date(2016, 5, 10))
                    if u.found not in ("高质量发展",)]  # the theme frame's own wording is the lead's part
        _, winter = _draft(theme, "县", "县长", None, DECEMBER, seed)
        assert "说了一句话" not in winter.body_text()
