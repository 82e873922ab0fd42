"""The slot values every template sees (templates/README.md lists them), built once per config."""

from __future__ import annotations

from typing import Any

from drafter.catalog import Catalog
from drafter.compose.render import render
from drafter.compose.request import Request, speaker_role
from drafter.lexicon import era_words, level_words
from drafter.situation import when_words
from drafter.text import format_number, fullwidth_punctuation, strip_final_punctuation


def target_text(name: str, value: float, unit: str) -> str:
    return f"{name}{format_number(value)}{unit}"


def target_kind(target: dict[str, Any], kinds: list[dict[str, Any]]) -> dict[str, Any] | None:
    words = target["name"] + target["unit"]
    return next((k for k in kinds if any(w in words for w in k["words"])), None)


def target_reasoning(targets: list[dict[str, Any]], catalog: Catalog) -> str:
    """One sentence per kind of target, said of the first target of that kind (a day count is reasoned from
    the steps cut, an investment from projects that form 实物工作量 …)."""
    kinds = (catalog.target_kinds or {}).get("kinds", [])
    said: set[str] = set()
    out = []
    for target in targets:
        kind = target_kind(target, kinds)
        if kind is None or kind["kind"] in said:
            continue
        said.add(kind["kind"])
        name = (catalog.target_kinds["these"]["one"] if len(targets) == 1 else f"{target['text']}这一项")
        out.append(render(kind["reasoning"][0], {"target": name}, "templates/lexicon/targets.yaml"))
    return "".join(out)


def figure_entry(figure: Any, clean: Any, period: str, above: str, catalog: Catalog) -> dict[str, Any]:
    """A figure as the slots see it: its words, its growth (a number or None) and its text as a speech says it
    (地区生产总值128.6亿元，同比增长5.8%，增速居全市第3位), worded by lexicon/targets.yaml `figures.text`."""
    words = (catalog.target_kinds or {}).get("figures", {}).get("text", {})
    text = target_text(figure.name, figure.value, figure.unit)
    own = figure.period and figure.period != period
    growth = figure.growth
    if growth is not None:
        key = "up" if growth > 0 else "down" if growth < 0 else "flat"
        text += render(words.get(key, "，同比增长{{ g }}%"), {"g": format_number(abs(growth))}, "templates/lexicon/targets.yaml")
    if figure.rank is not None and above:
        key = "rank_growth" if growth is not None else "rank"
        text += render(words.get(key, "，居{{ above }}第{{ rank }}位"), {"above": above, "rank": figure.rank},
                       "templates/lexicon/targets.yaml")
    return {"name": clean(figure.name), "value": format_number(figure.value), "unit": figure.unit,
            "growth": growth, "rank": figure.rank, "period": clean(figure.period or period),
            "text": clean((f"{figure.period}，" if own else "") + text)}


def _rate(figure: dict[str, Any]) -> float | None:
    """The figure's rate of growth: its growth, or its value where the figure is itself a rate (…增长 6.2 %)."""
    if figure["growth"] is not None:
        return figure["growth"]
    if figure["unit"] in ("%", "％") and figure["name"].endswith(("增长", "增速")):
        return float(figure["value"])
    return None


def _target_of(figure: dict[str, Any], targets: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The growth target a figure is measured against: a % target named as the figure (地区生产总值 ↔ 地区生产总值增长)."""
    stem = figure["name"].removesuffix("增长").removesuffix("增速")
    for target in targets:
        if target["unit"] in ("%", "％") and target["name"].removesuffix("增长").removesuffix("增速") == stem:
            return target
    return None


def figures_reasoning(figures: list[dict[str, Any]], targets: list[dict[str, Any]], catalog: Catalog) -> str:
    """The analysis of the period's figures (which grew fastest, which lags or fell, which is behind or ahead of
    its target), in the sentences of lexicon/targets.yaml `figures.reasoning`; "" without figures that have a
    rate, so a template tests it with {% if figures_reasoning %}."""
    say = (catalog.target_kinds or {}).get("figures", {}).get("reasoning", {})
    rated = [(f, r) for f in figures if (r := _rate(f)) is not None]
    if not rated or not say:
        return ""
    out = []

    def line(key: str, **values: Any) -> None:
        out.append(render(say[key], values, "templates/lexicon/targets.yaml"))

    ordered = sorted(rated, key=lambda pair: pair[1], reverse=True)
    top, top_rate = ordered[0]
    if len(ordered) > 1 and top_rate > 0:
        line("lead", name=top["name"], rate=format_number(top_rate))
    behind, ahead = [], []
    for figure, rate in rated:
        target = _target_of(figure, targets)
        if target is not None:
            (behind if rate < float(target["value"]) else ahead).append(
                {"name": figure["name"].removesuffix("增长").removesuffix("增速"), "rate": format_number(rate),
                 "target": target["value"], "figure": figure["name"]})
    targeted = [b["figure"] for b in behind + ahead]
    falling = [f["name"] for f, r in ordered if r < 0 and f["name"] not in targeted]
    slowest = ordered[-1][0]
    if falling:
        line("falling", names="、".join(falling))
    elif len(ordered) > 1 and ordered[-1][1] < top_rate and slowest["name"] not in targeted and ordered[-1][1] >= 0:
        line("lag", name=slowest["name"], rate=format_number(ordered[-1][1]))
    for item in behind:
        if item["rate"].startswith("-"):
            line("falling_target", name=item["name"], rate=item["rate"][1:], target=item["target"])
        else:
            line("behind", name=item["name"], rate=item["rate"], target=item["target"])
    if ahead:
        line("ahead", names="、".join(a["name"] for a in ahead))
    if not behind and not ahead and len(ordered) == 1:
        line("one", name=top["name"], rate=format_number(top_rate))
    return "".join(out)


def base_context(request: Request, catalog: Catalog) -> dict[str, Any]:
    config = request.config
    words = level_words(config.locality, catalog.levels)
    clean = lambda s: fullwidth_punctuation(s.strip())  # noqa: E731 — values typed by a clerk
    targets = [
        {"name": clean(t.name), "value": format_number(t.value), "unit": t.unit,
         "text": clean(target_text(t.name, t.value, t.unit))}
        for t in config.targets
    ]
    dept = config.departments
    reasoning = target_reasoning(targets, catalog)
    role = speaker_role(config.speaker.title, config.locality.level, catalog)
    title = clean(config.speaker.title)
    post = catalog.roles.post_of(title, config.locality.level) if catalog.roles is not None else title
    reading = catalog.meetings.read(config.meeting.name, request.theme.name) if catalog.meetings else None
    period = reading.period if reading else ""
    above = words.above.get("whole", "")
    figures = [figure_entry(f, clean, period, above, catalog) for f in config.figures]
    return {
        "own": words.own,
        "area": words.area,
        "above": words.above,
        "level": config.locality.level,
        "unit": config.locality.unit or "",
        "theme": {"name": request.theme.name, **request.theme.words},
        "era": era_words(config.meeting.date, catalog.era),
        "when": when_words(config.meeting.date, catalog.calendar),
        "meeting": {
            "name": clean(config.meeting.name),
            "superior_meeting": clean(config.meeting.superior_meeting or ""),
            "date": config.meeting.date,
            "kind": reading.kind if reading else None,
            "period": reading.period if reading else "",
            "holiday": reading.holiday if reading else "",
            "subject": next((s for s in reading.subjects if s.theme == request.theme.name), None) if reading else None,
        },
        "figures": figures,
        # a figure with its growth or rank is a clause of its own (…，同比增长5.8%); several such join with ；
        "figures_text": ("；" if any("，" in f["text"] for f in figures) else "、").join(f["text"] for f in figures),
        "figures_reasoning": figures_reasoning(figures, targets, catalog),
        "targets_names": "、".join(t["name"] for t in targets),
        "targets_etc": (catalog.target_kinds or {}).get("etc", {}).get("one" if len(targets) == 1 else "many", ""),
        "agenda": [clean(strip_final_punctuation(item)) for item in config.meeting.agenda],
        "speaker": {"title": clean(config.speaker.title), "name": config.speaker.name or "",
                    "role": role.tag, "role_id": role.id, "deputy": role.deputy, "led_by": role.led_by,
                    "as_self": render(role.as_self, {"speaker": {"title": post}}, "templates/lexicon/roles.yaml")},
        "targets": targets,
        "targets_text": "、".join(t["text"] for t in targets),
        # one target is spoken of as one; each kind of target gets its own reasoning (lexicon/targets.yaml)
        "targets_these": (catalog.target_kinds or {}).get("these", {}).get("one" if len(targets) == 1 else "many",
                                                                            "这些目标"),
        "targets_reasoning": reasoning,
        "dept": {"lead": clean(dept.lead or ""), "supervisor": clean(dept.supervisor or ""),
                 "members": [clean(m) for m in dept.members]},
    }
