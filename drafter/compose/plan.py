"""The choices that make one draft: which variants, heading and marker styles, extras and facts.

A plan is pure data; `fit_length` adjusts it to the target length using measured sizes of each piece."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from drafter.catalog import HEADING_STYLES, Module, PointsBlock
from drafter.compose.eligible import Fitting
from drafter.compose.request import Request
from drafter.numbering import RUN_IN_STYLES


def rng_for(seed: int, key: str) -> random.Random:
    """An independent, reproducible random stream per piece, so one change does not reshuffle the rest."""
    return random.Random(f"{seed}|{key}")


@dataclass(frozen=True)
class ModulePlan:
    module: Module
    variant: int
    extras: tuple[int, ...] = ()
    max_points: int | None = None
    theme: str | None = None    # a point speaking for another subject of the meeting (营商环境 in 招商引资暨…)
    heading: str | None = None  # that point's heading template, which names the subject; never dropped
    subject: str | None = None  # the campaign that heading names ({{ subject }}: 优化营商环境攻坚年), as data

    def theme_or(self, theme: str) -> str:
        return self.theme or theme


@dataclass(frozen=True)
class SectionPlan:
    key: str
    modules: tuple[ModulePlan, ...]
    heading: int
    lead: int
    heading_style: str
    marker_style: str
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    seed: int
    sections: tuple[SectionPlan, ...]
    purpose: int
    opening: int
    recap: int
    count: int
    closing: int
    stakes: int
    attitude: int
    call: int
    notes: tuple[str, ...] = field(default=())
    replies: int = 0  # which reply each agenda kind gets
    campaigns: tuple[tuple[str, str], ...] = ()  # (section, subject): a section whose heading names a campaign


def _pick(rng: random.Random, options: list | tuple, fitting: Fitting | None = None) -> int:
    pool = fitting.choices(list(options)) if fitting is not None else list(range(len(options)))
    return pool[rng.randrange(len(pool))]


def heading_style(section: str, modules: list[Module], rng: random.Random, fitting: Fitting | None = None,
                  theme: str = "") -> str:
    """One style that every sibling has, so the （一）（二）… headings read as a parallel set; of those, one whose
    headings all fit the speech (its date, level …) where there is one."""
    shared = [s for s in HEADING_STYLES[section] if all(s in m.headings for m in modules)]
    if fitting is not None:
        shared = [s for s in shared if all(s in fitting.heading_styles(m, theme) for m in modules)] or shared
    if shared:
        return shared[rng.randrange(len(shared))]
    return next(iter(modules[0].headings))  # user modules with no common style: each uses its own first


def module_plan(module: Module, theme: str, seed: int, fitting: Fitting,
                taken: frozenset[str] = frozenset()) -> ModulePlan:
    """The module's variant for this seed, among those that fit the situation and say nothing already said
    (`taken`: the ideas of the pieces before it) and refer back only to what was said."""
    fitting_variants = fitting.variants(module, theme) or list(range(len(module.bodies)))
    fresh = [v for v in fitting_variants if not set(module.bodies[v].ideas) & taken
             and set(module.bodies[v].needs) <= taken]
    pool = fresh or [v for v in fitting_variants if set(module.bodies[v].needs) <= taken] or fitting_variants
    rng = rng_for(seed, f"module:{module.id}:{fitting.situation.role}")  # two speakers word one module apart
    return ModulePlan(module=module, variant=pool[rng.randrange(len(pool))])


def piece_ideas(mp: ModulePlan, *, extras: bool = True) -> set[str]:
    ideas = set(mp.module.bodies[mp.variant].ideas)
    if extras:
        for index in mp.extras:
            ideas |= set(mp.module.extras[index].ideas)
    return ideas


def plan_ideas(plan: Plan, skip: tuple[int, int] | None = None) -> set[str]:
    """Every idea the plan's pieces already carry (without the module at `skip`)."""
    return {idea for si, sp in enumerate(plan.sections) for mi, mp in enumerate(sp.modules)
            if (si, mi) != skip for idea in piece_ideas(mp)}


def choose_modules(request: Request, seed: int, fitting: Fitting | None = None
                   ) -> tuple[dict[str, list[Module]], dict[str, list[Module]]]:
    """The modules of each section, and the reserve length fitting may add. A user's choice is kept as given;
    from a theme's pool the first half of the default count is fixed (the speaker's lead modules), the rest is
    drawn by seed from the next few, so two seeds of one meeting do not make the same points."""
    chosen: dict[str, list[Module]] = {}
    reserve: dict[str, list[Module]] = {}
    for key, pool in request.modules.items():
        if request.explicit.get(key, True):
            chosen[key], reserve[key] = list(pool), []
            continue
        if fitting is not None:  # a module with no wording that fits this speech is not offered
            pool = [m for m in pool if fitting.module_allows(m) and fitting.variants(m, request.theme.name)]
        count = min(request.default.get(key, len(pool)), len(pool))
        fixed = (count + 1) // 2
        window = pool[fixed:fixed + (count - fixed) + 2]
        drawn = rng_for(seed, f"choose:{key}").sample(window, count - fixed)
        picked = [m for m in pool if m in pool[:fixed] or m in drawn]
        chosen[key], reserve[key] = picked, [m for m in pool if m not in picked]
    return chosen, reserve


def initial_plan(request: Request, seed: int, chosen: dict[str, list[Module]], fitting: Fitting) -> Plan:
    theme = request.theme
    sections = []
    taken: set[str] = set()
    for key, modules in chosen.items():
        if not modules:
            continue
        rng = rng_for(seed, f"section:{key}:{fitting.situation.role}")
        text = theme.sections[key]
        plans = []
        for module in modules:
            plans.append(module_plan(module, theme.name, seed, fitting, frozenset(taken)))
            taken |= piece_ideas(plans[-1])
        sections.append(SectionPlan(
            key=key,
            modules=tuple(plans),
            heading=_pick(rng, text.headings, fitting),
            lead=_pick(rng, text.leads, fitting),
            heading_style=heading_style(key, modules, rng, fitting, theme.name),
            marker_style=RUN_IN_STYLES[rng.randrange(len(RUN_IN_STYLES))],
        ))
    _distinct_markers(sections, seed)
    rng = rng_for(seed, f"frame:{fitting.situation.role}")
    return Plan(seed=seed, sections=tuple(sections),
                purpose=_pick(rng, theme.opening["purposes"], fitting), opening=rng.randrange(1000),
                recap=rng.randrange(1000), count=rng.randrange(1000), closing=rng.randrange(1000),
                stakes=_pick(rng, theme.closing["stakes"], fitting),
                attitude=_pick(rng, theme.closing["attitudes"], fitting),
                call=_pick(rng, theme.closing["calls"], fitting), replies=rng.randrange(1000))


def _distinct_markers(sections: list[SectionPlan], seed: int) -> None:
    """Neighbouring sections use different run-in styles (一是 / 一要 / 第一), as a careful writer varies them."""
    rng = rng_for(seed, "markers")
    order = list(RUN_IN_STYLES)
    rng.shuffle(order)
    for i, section in enumerate(sections):
        sections[i] = replace(section, marker_style=order[i % len(order)])


def points_blocks(module_plan: ModulePlan) -> int:
    blocks = module_plan.module.bodies[module_plan.variant].blocks
    return sum(1 for b in blocks if isinstance(b, PointsBlock))
