"""Check a config against the catalog (theme, modules, levels) and resolve what the draft will contain."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.catalog import ALL_LEVELS, SECTION_NAMES, SECTIONS, Catalog, Module, Theme
from drafter.config.loader import ConfigSource, did_you_mean
from drafter.config.model import Config


@dataclass(frozen=True)
class Request:
    """What to draft: the config, its theme, and per section either the modules the user chose (`explicit`,
    kept as given) or the theme's recommended pool in the speaker's order, of which the plan takes `default`."""

    config: Config
    theme: Theme
    modules: dict[str, list[Module]]
    explicit: dict[str, bool]
    default: dict[str, int] = field(default_factory=dict)


def prepare(source: ConfigSource, catalog: Catalog) -> Request:
    config = source.config
    theme = catalog.find_theme(config.theme)
    level = config.locality.level
    problems = catalog_problems(catalog, config.theme, level, config.sections.model_dump())
    if problems:
        raise source.errors(problems)
    modules: dict[str, list[Module]] = {}
    explicit: dict[str, bool] = {}
    default: dict[str, int] = {}
    role = speaker_role(config.speaker.title, level)
    for section in SECTIONS:
        chosen = getattr(config.sections, section)
        if chosen is None:
            recommended = [catalog.modules[m] for m in theme.recommended[section].modules
                           if m in catalog.modules and level in catalog.modules[m].levels]
            leads = list(catalog.speakers.get(role, {}).get(section, []))
            if config.targets and section == "awareness":  # given targets get their module, after the first lead
                leads.insert(min(1, len(leads)), "local_targets")
            first = [m for lead in dict.fromkeys(leads) for m in recommended if m.id == lead]
            modules[section] = first + [m for m in recommended if m not in first]
            explicit[section] = False
            default[section] = theme.recommended[section].default
            continue
        modules[section], explicit[section] = [catalog.find_module(name) for name in chosen], True
    if not any(modules.values()):
        raise source.error(("sections",), "三个部分都是空的，至少要选一个模块")
    return Request(config=config, theme=theme, modules=modules, explicit=explicit, default=default)


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


def speaker_role(title: str, level: str) -> str:
    """secretary (书记: political standing first), executive (市长/县长: tasks and figures first), bureau, other."""
    if level == "部门":
        return "bureau"
    if "书记" in title:
        return "secretary"
    if title.endswith("长"):
        return "executive"
    return "other"
