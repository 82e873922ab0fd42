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
    figures = [{"name": clean(f.name), "value": format_number(f.value), "unit": f.unit,
                "period": clean(f.period or (reading.period if reading else "")),
                "text": clean(target_text(f.name, f.value, f.unit))} for f in config.figures]
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
            "subject": next((s for s in reading.subjects if s.theme == request.theme.name), None) if reading else None,
        },
        "figures": figures,
        "figures_text": "、".join(f["text"] for f in figures),
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
