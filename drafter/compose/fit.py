"""Length fitting: grow or shrink a plan until the draft lands near the target length.

Shrinking takes the shortest body variants, then trims lists to two points, then (only where the user took
the theme's default modules) drops modules down to two a section. Growing adds optional elaboration blocks
round-robin across modules, then reserve modules from the theme's recommended list."""

from __future__ import annotations

from dataclasses import replace

from drafter.catalog import PointsBlock
from drafter.compose.build import Builder
from drafter.compose.plan import ModulePlan, Plan, SectionPlan, module_plan, plan_ideas, rng_for
from drafter.text import count_chars

AIM = 0.05       # stop adjusting inside ±5% of the target
MIN_MODULES = 2  # a section keeps at least this many points when the user did not choose them
EXTRAS_FIRST = 2  # elaboration blocks a module takes before a reserve module is added


def _module_chars(builder: Builder, plan: Plan, sp: SectionPlan, mp: ModulePlan) -> int:
    point = builder.module(plan.seed, mp, sp.heading_style, sp.marker_style, 1)
    return count_chars(point.heading) + 2 + sum(count_chars(p.text) for p in point.paragraphs)


def _replace_module(plan: Plan, si: int, mi: int, mp: ModulePlan | None) -> Plan:
    sections = list(plan.sections)
    modules = list(sections[si].modules)
    if mp is None:
        del modules[mi]
    else:
        modules[mi] = mp
    sections[si] = replace(sections[si], modules=tuple(modules))
    return replace(plan, sections=tuple(sections))


def _max_points(mp: ModulePlan) -> int:
    return max((len(b.points) for b in mp.module.bodies[mp.variant].blocks if isinstance(b, PointsBlock)),
               default=0)


def fit_length(plan: Plan, builder: Builder, target: int, explicit: dict[str, bool],
               reserve: dict[str, list]) -> tuple[Plan, int]:
    total = count_chars(builder.speech(plan).body_text())
    high, low = target * (1 + AIM), target * (1 - AIM)

    def step(si: int, mi: int, new: ModulePlan | None) -> None:
        nonlocal plan, total
        sp = plan.sections[si]
        old = _module_chars(builder, plan, sp, sp.modules[mi])
        plan = _replace_module(plan, si, mi, new)
        if new is not None:
            total += _module_chars(builder, plan, plan.sections[si], new) - old
        else:
            total -= old

    # Shrink: shorter variants, biggest saving first. A first pass takes, for each module, one of its shorter
    # variants by seed; only if that is not enough, a second the shortest: always the shortest would make every
    # long draft of a config the same whatever its seed.
    for shortest in (False, True):
        if total <= high:
            break
        options = []
        for si, sp in enumerate(plan.sections):
            for mi, mp in enumerate(sp.modules):
                taken = plan_ideas(plan, skip=(si, mi))
                sizes = {v: _module_chars(builder, plan, sp, replace(mp, variant=v))
                         for v in builder.fitting.variants(mp.module, mp.theme_or(builder.request.theme.name))
                         if not set(mp.module.bodies[v].ideas) & taken} or {mp.variant: 0}
                now = sizes.get(mp.variant, 0)
                shorter = sorted(v for v in sizes if sizes[v] < now)
                if not shorter:
                    continue
                pick = (min(shorter, key=sizes.get) if shortest
                        else rng_for(plan.seed, f"shrink:{mp.module.id}").choice(shorter))
                options.append((now - sizes[pick], si, mi, pick))
        for saving, si, mi, pick in sorted(options, reverse=True):
            if total <= high or saving <= 0:
                break
            step(si, mi, replace(plan.sections[si].modules[mi], variant=pick))
    if total > high:
        for si, sp in enumerate(plan.sections):
            for mi, mp in enumerate(sp.modules):
                if total > high and _max_points(mp) > 2:
                    step(si, mi, replace(mp, max_points=2))
    while total > high:
        droppable = [si for si, sp in enumerate(plan.sections)
                     if not explicit.get(sp.key) and len(sp.modules) > MIN_MODULES]
        if not droppable:
            break
        si = max(droppable, key=lambda i: len(plan.sections[i].modules))
        # a point that names a subject of the meeting stays
        mi = max(i for i, mp in enumerate(plan.sections[si].modules) if mp.heading is None or i == 0)
        step(si, mi, None)

    # Grow: elaboration round-robin, up to EXTRAS_FIRST a module, then reserve modules, then the rest of the
    # elaboration: a module's every extra in every draft would make two drafts of one meeting read alike.
    spare = {sp.key: list(reserve.get(sp.key, [])) for sp in plan.sections}
    rounds = EXTRAS_FIRST
    while total < low:
        added = False
        theme = builder.request.theme.name
        most = max((len(builder.fitting.extras(m.module, theme)) for sp in plan.sections for m in sp.modules),
                   default=0)
        for round_index in range(min(rounds, most)):
            order = [(si, mi) for si, sp in enumerate(plan.sections) for mi in range(len(sp.modules))]
            rng_for(plan.seed, f"extras:{round_index}").shuffle(order)
            for si, mi in order:
                mp = plan.sections[si].modules[mi]
                pool = list(builder.fitting.extras(mp.module, mp.theme_or(theme)))
                rng_for(plan.seed, f"extras:{mp.module.id}").shuffle(pool)
                if round_index >= len(pool) or pool[round_index] in mp.extras or total >= low:
                    continue
                extra = mp.module.extras[pool[round_index]]
                if set(extra.ideas) & plan_ideas(plan) or not set(extra.needs) <= plan_ideas(plan):
                    continue
                grown = replace(mp, extras=(*mp.extras, pool[round_index]))
                before = total
                step(si, mi, grown)
                if total > high:  # too big a step: undo
                    step(si, mi, mp)
                    total = before
                else:
                    added = True
        if total >= low:
            break
        candidates = [(si, sp.key) for si, sp in enumerate(plan.sections)
                      if not explicit.get(sp.key) and spare.get(sp.key)]
        if not candidates:
            if rounds < most:  # no module left in reserve: the rest of the elaboration
                rounds = most
                continue
            break
        si, key = min(candidates, key=lambda c: len(plan.sections[c[0]].modules))
        # one of the next two in the theme's order, by seed, so two drafts do not grow by the same point
        module = spare[key].pop(rng_for(plan.seed, f"reserve:{key}").randrange(min(2, len(spare[key]))))
        sp = plan.sections[si]
        if sp.heading_style not in module.headings:
            continue
        if not builder.fitting.module_allows(module) or not builder.fitting.variants(module, builder.request.theme.name):
            continue
        new = module_plan(module, builder.request.theme.name, plan.seed, builder.fitting, frozenset(plan_ideas(plan)))
        sections = list(plan.sections)
        sections[si] = replace(sp, modules=(*sp.modules, new))
        plan = replace(plan, sections=tuple(sections))
        total += _module_chars(builder, plan, sections[si], new)
        added = True
        if not added:
            break
    return plan, total
