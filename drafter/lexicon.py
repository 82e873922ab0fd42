"""Level words (全县/我县/县委、县政府 …) and era words (十五五, 党的二十大 …) for one config."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from drafter.config.model import Locality
from drafter.errors import ConfigError
from drafter.text import cn_number

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


def level_words(locality: Locality, lexicon: dict[str, Any]) -> LevelWords:
    if locality.level == "部门":
        host = _host_level(locality)
        area = _territory(lexicon, locality.name, host)
        unit = locality.unit or ""
        kinds = lexicon["department"]["kinds"]
        kind = next((k for k in sorted(kinds, key=len, reverse=True) if unit.endswith(k)), "局")
        own = {k: v.replace("{u}", kind) for k, v in lexicon["department"]["words"].items()}
        own.update(name=unit, short=unit, level="部门")
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


def era_words(day: date, era: dict[str, Any]) -> dict[str, Any]:
    plans = era["plans"]
    offset = day.year - plans["anchor"]["year"]
    number, stage_index = plans["anchor"]["number"] + offset // 5, offset % 5
    plan = f"{cn_number(number)}五"
    congress = _latest(era["congresses"], day)
    plenum = _latest(era["plenums"], day)
    # A plenum of an earlier congress is stale once a new congress has met.
    if plenum and congress and plenum["date"] < congress["date"]:
        plenum = None
    dedication = next((d["text"] for d in era.get("dedications", []) if d["from"] <= day <= d["until"]), "")
    guidance = _latest(era["guidance"], day, "from")
    core = _latest(era["core"], day, "from")
    return {
        "year": day.year,
        "plan": plan,
        "plan_stage": f"“{plan}”{plans['stages'][stage_index]}",
        "congress": congress["name"] if congress else "",
        "plenum": plenum["name"] if plenum else "",
        "guidance": guidance["text"] if guidance else "",
        "core": core["text"] if core else "",
        "dedication": dedication,
    }
