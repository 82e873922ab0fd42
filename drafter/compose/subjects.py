"""Every subject of the meeting in the plan: another theme named in the meeting (招商引资暨优化营商环境) brings
one of its priorities modules as a point headed with its name; a campaign (作风整顿, 提升年 …) names a section."""

from __future__ import annotations

from dataclasses import replace

from drafter.catalog import Catalog, text_of
from drafter.compose.eligible import Fitting
from drafter.compose.plan import ModulePlan, Plan, module_plan, plan_ideas, rng_for
from drafter.compose.request import Request

CAMPAIGN_SECTIONS = ("priorities", "implementation", "awareness")  # where campaign headings go, in order


def with_subjects(plan: Plan, request: Request, catalog: Catalog, fitting: Fitting) -> Plan:
    lexicon = catalog.meetings
    if lexicon is None:
        return plan
    main = request.theme.name
    reading = lexicon.read(request.config.meeting.name, main)
    sections = list(plan.sections)
    keys = [sp.key for sp in sections]
    campaigns: list[tuple[str, str]] = []
    free = [k for k in CAMPAIGN_SECTIONS if k in keys]
    for subject in reading.subjects:
        if subject.theme and subject.theme != main and subject.theme in catalog.themes:
            # another theme's subject is a point of the priorities in that theme's words; where it is a campaign
            # (优化营商环境攻坚年) the point's heading names the campaign
            point = _theme_point(plan, request, catalog, fitting, subject.theme,
                                 subject.named if subject.campaign else None)
            if point is not None and "priorities" in keys and not request.explicit.get("priorities"):
                si = keys.index("priorities")
                sections[si] = replace(sections[si], modules=(*sections[si].modules, point))
                plan = replace(plan, sections=tuple(sections))
                continue
            if not subject.campaign:
                continue
        if (subject.campaign or not subject.theme) and free:
            campaigns.append((free.pop(0), subject.named))
        for module_id in lexicon.campaign_modules.get(subject.campaign or "", ()):
            plan = _campaign_point(plan, sections, keys, request, catalog, fitting, module_id)
    return replace(plan, sections=tuple(sections), campaigns=tuple(campaigns))


def _campaign_point(plan: Plan, sections: list, keys: list[str], request: Request, catalog: Catalog,
                    fitting: Fitting, module_id: str) -> Plan:
    """The module a campaign or period word brings (元旦春节期间 → safety_holiday), first in the priorities
    (`sections`, updated in place), where it fits the speech and the clerk did not choose the priorities himself."""
    module = catalog.modules.get(module_id)
    theme = request.theme.name
    if module is None or "priorities" not in keys or request.explicit.get("priorities"):
        return plan
    si = keys.index("priorities")
    placed = [mp for mp in sections[si].modules if mp.module.id == module_id]
    if placed:  # already a point: it opens the priorities, as the meeting's name puts it first
        rest = tuple(mp for mp in sections[si].modules if mp.module.id != module_id)
        sections[si] = replace(sections[si], modules=(placed[0], *rest))
        return replace(plan, sections=tuple(sections))
    if (theme not in module.themes or any(mp.module.id == module_id for sp in sections for mp in sp.modules)
            or not fitting.module_allows(module) or not fitting.variants(module, theme)):
        return plan
    point = module_plan(module, theme, plan.seed, fitting, frozenset(plan_ideas(plan)))
    sections[si] = replace(sections[si], modules=(point, *sections[si].modules))
    return replace(plan, sections=tuple(sections))


def _theme_point(plan: Plan, request: Request, catalog: Catalog, fitting: Fitting, theme: str,
                 campaign: str | None = None) -> ModulePlan | None:
    """The other theme's first fitting priorities module (the speaker's lead first) not in the plan yet, headed
    with that theme's name — or with the campaign's, as the meeting's name says it."""
    other = catalog.themes[theme]
    used = {mp.module.id for sp in plan.sections for mp in sp.modules}
    leads = catalog.speakers.get(fitting.situation.role, {}).get("priorities", [])
    pool = other.recommended["priorities"].modules
    ordered = [m for m in leads if m in pool] + [m for m in pool if m not in leads]
    taken = frozenset(plan_ideas(plan))
    for module_id in ordered:
        module = catalog.modules.get(module_id)
        if module is None or module_id in used or module.section != "priorities":
            continue
        if not fitting.module_allows(module) or not fitting.variants(module, theme):
            continue
        point = module_plan(module, theme, plan.seed, fitting, taken)
        if set(module.bodies[point.variant].ideas) & taken:
            continue
        lexicon = catalog.meetings
        if lexicon is None:
            return None
        headings = (lexicon.subject_headings(lexicon.subject(campaign)) if campaign
                    else lexicon.theme_points.get(theme, []))
        if not headings:
            return None
        choices = fitting.choices(headings)
        heading = text_of(headings[choices[rng_for(plan.seed, f"subject:{theme}").randrange(len(choices))]])
        return replace(point, theme=theme, heading=heading, subject=campaign)
    return None
