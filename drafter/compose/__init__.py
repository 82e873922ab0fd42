"""compose: config + catalog → Speech. Pure: the same request and seed always give the same draft."""

from __future__ import annotations

from dataclasses import replace

from drafter.catalog import Catalog
from drafter.compose.build import Builder
from drafter.compose.context import base_context
from drafter.compose.eligible import fitting_for
from drafter.compose.fit import fit_length
from drafter.compose.plan import Plan, choose_modules, initial_plan
from drafter.compose.repair import repair
from drafter.compose.request import Request, prepare
from drafter.compose.subjects import with_subjects
from drafter.model import Speech

__all__ = ["Request", "compose_speech", "prepare", "scratch_builder"]


def scratch_builder(request: Request, catalog: Catalog) -> Builder:
    """A builder for previews and measurements (phrases may repeat), with the request's fitting pieces."""
    context = base_context(request, catalog)
    return Builder(request, catalog, context, fitting_for(request, catalog, context), scratch=True)


def _with_facts(plan: Plan, builder: Builder) -> Plan:
    """Every given target and department must appear; where the chosen modules do not mention one, the
    theme's fact sentence is added to a section lead (targets to the first, departments to the last)."""
    text = builder.speech(plan).body_text()
    base = builder.base
    first, last = [], []
    if any(t["text"] not in text for t in base["targets"]):
        first.append("targets")
    if base["dept"]["lead"] and base["dept"]["lead"] not in text:
        last.append("lead_department")
    if base["dept"]["supervisor"] and base["dept"]["supervisor"] not in text:
        last.append("supervisor")
    if base["dept"]["members"] and any(m not in text for m in base["dept"]["members"]):
        last.append("members")
    sections = list(plan.sections)
    if first:
        sections[0] = replace(sections[0], facts=(*sections[0].facts, *first))
    if last:
        sections[-1] = replace(sections[-1], facts=(*sections[-1].facts, *last))
    return replace(plan, sections=tuple(sections))


def _in_archive_order(plan: Plan, request: Request) -> Plan:
    """An archive theme's points stand in the order the unit's speeches made them (its recommended order),
    also those length fitting added; a clerk's own choice keeps the clerk's order."""
    if request.theme.archive is None:
        return plan
    sections = []
    for sp in plan.sections:
        order = [m.id for m in request.modules.get(sp.key, [])]
        if not request.explicit.get(sp.key, True):
            sp = replace(sp, modules=tuple(sorted(sp.modules, key=lambda mp: (
                order.index(mp.module.id) if mp.module.id in order else len(order)))))
        sections.append(sp)
    return replace(plan, sections=tuple(sections))


def compose_speech(request: Request, catalog: Catalog, seed: int | None = None) -> Speech:
    seed = request.config.draft_seed() if seed is None else seed
    context = base_context(request, catalog)
    fitting = fitting_for(request, catalog, context)
    scratch = Builder(request, catalog, context, fitting, scratch=True)
    chosen, reserve = choose_modules(request, seed, fitting)
    plan = initial_plan(request, seed, chosen, fitting)
    plan = with_subjects(plan, request, catalog, fitting)
    plan = _with_facts(plan, scratch)
    plan, _ = fit_length(plan, scratch, request.config.target_chars(), request.explicit, reserve)
    plan = _in_archive_order(plan, request)
    plan = _with_facts(plan, scratch)
    _, speech = repair(plan, lambda: Builder(request, catalog, context, fitting))
    return speech
