"""Check a config against the catalog (theme, modules, levels) and resolve what the draft will contain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafter.catalog import ALL_LEVELS, SECTION_NAMES, SECTIONS, Catalog, Module, Theme
from drafter.config.loader import ConfigSource, did_you_mean
from drafter.config.model import Config
from drafter.roles import Role
from drafter.situation import Situation
from drafter.text import cn_date


@dataclass(frozen=True)
class Request:
    """What to draft: the config, its theme, and per section either the modules the user chose (`explicit`,
    kept as given) or the theme's recommended pool in the speaker's order, of which the plan takes `default`."""

    config: Config
    theme: Theme
    modules: dict[str, list[Module]]
    explicit: dict[str, bool]
    default: dict[str, int] = field(default_factory=dict)
    situation: Situation | None = None


def prepare(source: ConfigSource, catalog: Catalog) -> Request:
    config = source.config
    theme = catalog.find_theme(config.theme)
    level = config.locality.level
    problems = catalog_problems(catalog, config.theme, level, config.sections.model_dump())
    if problems:
        raise source.errors(problems)
    if theme.archive is not None and theme.archive.level and level != theme.archive.level:
        raise source.error(("locality", "level"), f"主题“{theme.name}”取自{theme.archive.level}级讲话稿档案，模块只适用于"
                                                  f"{theme.archive.level}级讲话，这里是“{level}”；如要用于{level}级，"
                                                  f"请在它的模块文件里把 levels 改为 [{theme.archive.level}, {level}]")
    if theme.since and config.meeting.date < theme.since:
        raise source.error(("meeting", "date"), f"主题“{theme.name}”从{cn_date(theme.since)}起才有（{theme.since_note}），"
                                                f"会议日期{cn_date(config.meeting.date)}早于此；请核对会议日期或主题")
    modules: dict[str, list[Module]] = {}
    explicit: dict[str, bool] = {}
    default: dict[str, int] = {}
    if catalog.roles is not None:
        mismatch = catalog.roles.mismatch(config.speaker.title, level)
        if mismatch:
            raise source.error(("speaker", "title"), mismatch)
    situation = situation_of(config, catalog)
    # a deputy (副县长) has lead modules of his own where speakers.yaml gives them, else his head's
    role_id = speaker_role(config.speaker.title, level, catalog).id
    role = role_id if role_id in catalog.speakers else situation.role
    kind_leads = _kind_structure(catalog, situation.kind)
    counterparts = catalog.speaker_texts.get("counterparts", {})
    others = counterparts.get(role_id, counterparts.get(situation.role, []))
    for section in SECTIONS:
        chosen = getattr(config.sections, section)
        if chosen is None:
            recommended = [catalog.modules[m] for m in theme.recommended[section].modules
                           if m in catalog.modules and level in catalog.modules[m].levels]
            # the meeting's kind leads (an 分析会 starts from the situation), then the speaker's role
            leads = list(kind_leads.get(section, {}).get("modules", []))
            leads += list(catalog.speakers.get(role, {}).get(section, []))
            if config.targets and section == "awareness":  # given targets get their module, after the first lead
                leads.insert(min(1, len(leads)), "local_targets")
            first = [m for lead in dict.fromkeys(leads) for m in recommended if m.id == lead]
            # what another role leads with comes last, so two speakers at one meeting make different points
            theirs = {m for r in others for m in catalog.speakers.get(r, {}).get(section, [])} - set(leads)
            middle = [m for m in recommended if m not in first and m.id not in theirs]
            modules[section] = first + middle + [m for m in recommended if m not in first and m not in middle]
            explicit[section] = False
            default[section] = theme.recommended[section].default
            continue
        modules[section], explicit[section] = [catalog.find_module(name) for name in chosen], True
    if not any(modules.values()):
        raise source.error(("sections",), "三个部分都是空的，至少要选一个模块")
    return Request(config=config, theme=theme, modules=modules, explicit=explicit, default=default,
                   situation=situation)


def catalog_problems(catalog: Catalog, theme_name: object, level: object,
                     sections: object) -> list[tuple[tuple[str | int, ...], str]]:
    """Every way the config's theme and chosen modules disagree with the catalog, as (key path, reason);
    also run on a config that failed validation, so one run reports every error (values of a wrong type
    are skipped: validation reports those)."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(theme_name, str) and catalog.find_theme(theme_name) is None:
        names = [t.name for t in catalog.themes.values()]
        problems.append((("theme",), f"不认识的主题“{theme_name}”，应为 {'/'.join(names)} 之一"
                         + did_you_mean(theme_name, names, cutoff=0.5)))
    sections = sections if isinstance(sections, dict) else {}
    for section in SECTIONS:
        chosen = sections.get(section)
        if not isinstance(chosen, list):
            continue
        picked: list[Module] = []
        for index, name in enumerate(chosen):
            if not isinstance(name, str):
                continue
            module = catalog.find_module(name)
            key = ("sections", section, index)
            if module is None:
                hint = catalog.module_suggestion(name, section) or catalog.module_suggestion(name)
                problems.append((key, f"不认识的模块“{name}”" + (f"；是否想写“{hint}”？" if hint else "")
                                 + f"（用 drafter modules --section {section} 查看可选模块）"))
            elif module.section != section:
                problems.append((key, f"“{name}”是{SECTION_NAMES[module.section]}模块，应写在 "
                                      f"sections.{module.section} 下"))
            elif isinstance(level, str) and level in ALL_LEVELS and level not in module.levels:
                problems.append((key, f"模块“{name}”不适用于“{level}”级讲话（适用：{'/'.join(module.levels)}）"))
            elif module in picked:
                problems.append((key, f"模块“{name}”重复了"))
            else:
                picked.append(module)
    if sections and all(isinstance(sections.get(s), list) and not sections.get(s) for s in SECTIONS):
        problems.append((("sections",), "三个部分都是空的，至少要选一个模块"))
    return problems


def _kind_structure(catalog: Catalog, kind: str | None) -> dict[str, Any]:
    return catalog.meetings.structure.get(kind or "", {}) if catalog.meetings is not None else {}


def situation_of(config: Config, catalog: Catalog) -> Situation:
    level = config.locality.level
    system = catalog.competence.system_of(config.locality.unit) if catalog.competence and level == "部门" else None
    kind, subjects = None, ()
    if catalog.meetings is not None:
        theme = catalog.find_theme(config.theme)
        reading = catalog.meetings.read(config.meeting.name, theme.name if theme else None)
        kind, subjects = reading.kind, tuple(s.text for s in reading.subjects)
    role = speaker_role(config.speaker.title, level, catalog)
    return Situation(date=config.meeting.date, level=level, system=system, role=role.tag, kind=kind,
                     subjects=subjects, directs=role.directs)


def speaker_role(title: str, level: str, catalog: Catalog) -> Role:
    """The speaker's role from templates/lexicon/roles.yaml: secretary (political standing first), executive
    (市长/县长: tasks and figures first), bureau, their deputies, or other."""
    if catalog.roles is None:
        return Role("other", "other", "{{ own.leaders }}", (), "")
    return catalog.roles.role_of(title, level)
