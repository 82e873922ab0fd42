"""Level words (全县/我县/县委、县政府 …) and era words (十五五, 党的二十大 …) for one config."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from drafter.config.model import Locality
from drafter.errors import ConfigError
from drafter.situation import DatedTerms, Term, Use, _sentence_at
from drafter.text import cn_number, parse_cn_number

LEVEL_CHARS = ("省", "市", "县", "区", "镇")


@dataclass(frozen=True)
class LevelWords:
    """own: the speaking body; area: its territory; above: the level above the territory."""

    own: dict[str, str]
    area: dict[str, str]
    above: dict[str, str]
    level: str
    unit_kind: str | None


def _territory(lexicon: dict[str, Any], name: str, level: str) -> dict[str, str]:
    spec = lexicon["levels"][level]
    suffix = spec["suffix"]
    full = name if name.endswith(suffix) else f"{name}{suffix}"
    return {**spec["words"], "name": full, "short": name.removesuffix(suffix) or name, "level": level}


def _host_level(locality: Locality) -> str:
    """The government a bureau belongs to: from the unit's name (县商务局, 临川县商务局) or `superior`."""
    unit = locality.unit or ""
    rest = unit.removeprefix(locality.name)
    if rest and rest[0] in LEVEL_CHARS[1:]:
        return rest[0]
    if locality.superior in LEVEL_CHARS:
        return locality.superior
    raise ConfigError(
        f"locality.unit: 看不出“{unit}”属于哪一级政府；请写成“县商务局”这样的全称，或加上 locality.superior: 县"
    )


def _by_suffix(table: dict[str, str], name: str) -> str | None:
    return next((table[k] for k in sorted(table, key=len, reverse=True) if name.endswith(k)), None)


def _department_words(unit: str, place: str, host: str, spec: dict[str, Any]) -> dict[str, str]:
    """A bureau's own words: its kind from the name's end (县发展和改革委员会 → 委: 我委), whom it addresses from
    the government it belongs to (a 市's bureau: 各县（市、区）商务局; a 县's: 股室 and township stations)."""
    kind = _by_suffix(spec.get("kind_of", {}), unit) or _by_suffix({k: k for k in spec["kinds"]}, unit) or "局"
    words = {**spec["words"], **spec.get("kind_words", {}).get(kind, {})}
    body = unit.removeprefix(place)
    body = body[1:] if body[:1] == host else body
    station = _by_suffix(spec.get("stations", {}), unit)
    hosted = dict(spec.get("hosts", {}).get(host, {}))
    stations = hosted.pop("stations", "").replace("{station}", station) if station else ""
    lower = _by_suffix(spec.get("lower_of", {}), unit) or hosted.get("lower", "").replace("{body}", body)
    words.update({k: v.replace("{lower}", lower).replace("{stations}", stations) for k, v in hosted.items()})
    own = {k: v.replace("{u}", kind) for k, v in words.items()}
    own.update(name=unit, short=unit, level="部门", kind=kind)
    return own


def level_words(locality: Locality, lexicon: dict[str, Any]) -> LevelWords:
    if locality.level == "部门":
        host = _host_level(locality)
        area = _territory(lexicon, locality.name, host)
        unit = locality.unit or ""
        own = _department_words(unit, locality.name, host, lexicon["department"])
        kind = own.pop("kind")
        above_level = lexicon["levels"][host].get("superior", "省")
    else:
        area = _territory(lexicon, locality.name, locality.level)
        own = dict(area)
        kind = None
        above_level = locality.superior or lexicon["levels"][locality.level].get("superior", "省")
    above = dict(lexicon["levels"][above_level]["words"], level=above_level)
    return LevelWords(own=own, area=area, above=above, level=locality.level, unit_kind=kind)


def _latest(entries: list[dict[str, Any]], day: date, key: str = "date") -> dict[str, Any] | None:
    chosen = None
    for entry in sorted(entries, key=lambda e: e[key]):
        if entry[key] <= day:
            chosen = entry
    return chosen


def _within(entries: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    return next((e for e in entries if e["from"] <= day <= e["until"]), None)


def plan_of(year: int, era: dict[str, Any]) -> tuple[str, int]:
    """The five-year plan a year belongs to (十四五 for 2021–2025) and the year's index inside it (0–4)."""
    anchor = era["plans"]["anchor"]
    offset = year - anchor["year"]
    return f"{cn_number(anchor['number'] + offset // 5)}五", offset % 5


def plan_stage(year: int, era: dict[str, Any]) -> str:
    plan, stage = plan_of(year, era)
    return era["plans"]["stages"][stage].replace("{plan}", plan)


def year_framing(day: date, era: dict[str, Any]) -> str:
    """How a speech of that day frames its year, without final punctuation: “今年是“十五五”开局之年” in 2026, the
    year's anniversaries and congress, in 2020–2022 the pandemic clause, and late in the year the season's."""
    entry = _within(era.get("years", []), day)
    text = entry["text"] if entry else f"今年是{plan_stage(day.year, era)}"
    pandemic = _within(era.get("pandemic", []), day)
    text = f"{text}；{pandemic['text']}" if pandemic else text
    season = next((e["text"] for e in era.get("seasons", []) if day.month in e["months"]), "")
    return f"{text}。{season}" if season else text


def era_words(day: date, era: dict[str, Any]) -> dict[str, Any]:
    plan, _ = plan_of(day.year, era)
    congress = _latest(era["congresses"], day)
    plenum = _latest(era["plenums"], day)
    # A plenum of an earlier congress is stale once a new congress has met.
    if plenum and congress and plenum["date"] < congress["date"]:
        plenum = None
    dedication = _within(era.get("dedications", []), day)
    guidance = _latest(era["guidance"], day, "from")
    core = _latest(era["core"], day, "from")
    centre = _latest(era.get("centre", []), day, "from")
    growth = _latest(era.get("growth", []), day, "from")
    pandemic = _within(era.get("pandemic", []), day)
    return {
        "year": day.year,
        "plan": plan,
        "plan_stage": plan_stage(day.year, era),
        "year_framing": year_framing(day, era),
        "pandemic": pandemic["text"] if pandemic else "",
        "congress": congress["name"] if congress else "",
        "plenum": plenum["name"] if plenum else "",
        "plenum_decided": plenum["decided"] if plenum else "",
        "plenum_document": plenum["document"] if plenum else "",
        "centre": centre["text"] if centre else "党中央",
        "growth": growth["text"] if growth else "经济持续健康发展",
        "guidance": guidance["text"] if guidance else "",
        "core": core["text"] if core else "",
        "dedication": dedication["text"] if dedication else "",
    }


_PLAN = re.compile(r"(十[一二三四五六七八九]五)”?(?:规划)?")
_RELATIVE = (("明年", 1), ("下一年", 1), ("去年", -1), ("上一年", -1), ("过去一年", -1), ("过去的一年", -1))


def _stage_slips(text: str, day: date, era: dict[str, Any]) -> list[Use]:
    """A plan stage said of a year that is not it: “十四五”开局之年 in a 2023 text (明年是… counts for next year)."""
    words = era["plans"].get("stage_words", [])
    anchor = era["plans"]["anchor"]
    out: list[Use] = []
    for match in _PLAN.finditer(text):
        number = parse_cn_number(match.group(1)[:-1])
        tail = text[match.end():match.end() + 12]
        tail = re.split(r"[，。；！？\n]", tail)[0]
        stage = next((i for i, group in enumerate(words) for w in group if w in tail), None)
        if number is None or stage is None:
            continue
        year = anchor["year"] + (number - anchor["number"]) * 5 + stage
        head = re.split(r"[，。；！？\n]", text[max(0, match.start() - 12):match.start()])[-1]
        said_of = day.year + next((shift for word, shift in _RELATIVE if word in head), 0)
        if year != said_of:
            word = next(w for w in words[stage] if w in tail)
            start = match.start() - (1 if match.start() and text[match.start() - 1] == "“" else 0)
            found = text[start:match.end() + tail.index(word) + len(word)]
            term = Term(found, date(year, 1, 1), date(year, 12, 31),
                        f"“{match.group(1)}”的这一阶段只对应{year}年（templates/lexicon/era.yaml plans）", (found,))
            out.append(Use(term, found, _sentence_at(text, match.start())))
    return out


def era_slips(text: str, day: date, terms: DatedTerms, era: dict[str, Any]) -> list[Use]:
    """Everything in `text` that a speech of `day` cannot say: a dated term (terms.yaml) outside its dates — a
    policy not yet issued, a campaign over, 迎接党的二十大 after the congress, 庆祝建党100周年 outside 2021 — and a
    plan stage of another year (“十四五”开局之年 in 2023). Each with the words found and their sentence."""
    return terms.outside(text, day) + _stage_slips(text, day, era)
