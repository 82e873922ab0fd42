"""The slot values every template sees (templates/README.md lists them), built once per config."""

from __future__ import annotations

from typing import Any

from drafter.catalog import Catalog
from drafter.compose.request import Request, speaker_role
from drafter.lexicon import era_words, level_words
from drafter.situation import when_words
from drafter.text import format_number, fullwidth_punctuation, strip_final_punctuation


def target_text(name: str, value: float, unit: str) -> str:
    return f"{name}{format_number(value)}{unit}"


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
        },
        "agenda": [clean(strip_final_punctuation(item)) for item in config.meeting.agenda],
        "speaker": {"title": clean(config.speaker.title), "name": config.speaker.name or "",
                    "role": speaker_role(config.speaker.title, config.locality.level)},
        "targets": targets,
        "targets_text": "、".join(t["text"] for t in targets),
        "dept": {"lead": clean(dept.lead or ""), "supervisor": clean(dept.supervisor or ""),
                 "members": [clean(m) for m in dept.members]},
    }
