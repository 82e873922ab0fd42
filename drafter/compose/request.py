"""Check a config against the catalog (theme, modules, levels) and resolve what the draft will contain."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.catalog import SECTION_NAMES, SECTIONS, Catalog, Module, Theme
from drafter.config.loader import ConfigSource, did_you_mean
from drafter.config.model import Config


@dataclass(frozen=True)
class Request:
    """What to draft: the config, its theme, and for each section the modules in order. `explicit` tells
    whether the user chose the modules (length fitting then keeps them all) or took the theme's defaults."""

    config: Config
    theme: Theme
    modules: dict[str, list[Module]]
    explicit: dict[str, bool]
    reserve: dict[str, list[Module]]


def prepare(source: ConfigSource, catalog: Catalog) -> Request:
    config = source.config
    theme = catalog.find_theme(config.theme)
    if theme is None:
        names = [t.name for t in catalog.themes.values()]
        raise source.error(("theme",), f"不认识的主题“{config.theme}”，应为 {'/'.join(names)} 之一"
                           + did_you_mean(config.theme, names, cutoff=0.5))
    level = config.locality.level
    modules: dict[str, list[Module]] = {}
    explicit: dict[str, bool] = {}
    reserve: dict[str, list[Module]] = {}
    for section in SECTIONS:
        chosen = getattr(config.sections, section)
        recommended = [catalog.modules[m] for m in theme.recommended[section].modules
                       if m in catalog.modules and level in catalog.modules[m].levels]
        if chosen is None:
            default = theme.recommended[section].default
            picked = recommended[:default]
            picked = _promote_for_facts(config, picked, recommended)
            modules[section] = picked
            reserve[section] = [m for m in recommended if m not in picked]
            explicit[section] = False
            continue
        picked = []
        for index, name in enumerate(chosen):
            module = catalog.find_module(name)
            key = ("sections", section, index)
            if module is None:
                hint = catalog.module_suggestion(name, section) or catalog.module_suggestion(name)
                raise source.error(key, f"不认识的模块“{name}”" + (f"；是否想写“{hint}”？" if hint else "")
                                   + f"（用 drafter modules --section {section} 查看可选模块）")
            if module.section != section:
                raise source.error(key, f"“{name}”是{SECTION_NAMES[module.section]}模块，应写在 "
                                        f"sections.{module.section} 下")
            if level not in module.levels:
                raise source.error(key, f"模块“{name}”不适用于“{level}”级讲话（适用：{'/'.join(module.levels)}）")
            if module in picked:
                raise source.error(key, f"模块“{name}”重复了")
            picked.append(module)
        modules[section], explicit[section], reserve[section] = picked, True, []
    if not any(modules.values()):
        raise source.error(("sections",), "三个部分都是空的，至少要选一个模块")
    return Request(config=config, theme=theme, modules=modules, explicit=explicit, reserve=reserve)


def _promote_for_facts(config: Config, picked: list[Module], recommended: list[Module]) -> list[Module]:
    """With targets given, a theme's default set includes its targets module (in place of its last default)."""
    wanted = {"local_targets"} if config.targets else set()
    for module in recommended:
        if module.id in wanted and module not in picked and picked:
            picked = [*picked[:-1], module]
    return picked
