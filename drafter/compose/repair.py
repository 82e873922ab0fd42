"""Compose checks its own draft for repetition (drafter.repetition, the rules `check` reports with) and
repairs what it finds by choosing other variants: a set phrase or a sentence that two modules happen to
share must not reach the leader twice."""

from __future__ import annotations

from dataclasses import replace

from drafter.compose.build import Builder
from drafter.compose.plan import Plan, plan_ideas
from drafter.model import Speech
from drafter.repetition import repeated_phrases, repeated_sentences

MAX_ROUNDS = 8


def _located(speech: Speech) -> list[tuple[str, tuple]]:
    """The paragraphs `check` would read (salutation to closing), each with the plan piece that wrote it."""
    out: list[tuple[str, tuple]] = [(speech.salutation, ("salutation",))]
    out += [(p.text, ("opening",)) for p in speech.opening]
    for si, section in enumerate(speech.sections):
        out.append((f"{section.marker}{section.heading}", ("heading", si)))
        out += [(p.text, ("lead", si)) for p in section.lead]
        for mi, point in enumerate(section.points):
            for pi, paragraph in enumerate(point.paragraphs):
                text = point.heading_paragraph().text if pi == 0 else paragraph.text
                out.append((text, ("module", si, mi, paragraph.origin)))
    out += [(p.text, ("closing",)) for p in speech.closing]
    return out


def _fix(plan: Plan, where: tuple, builder: Builder, tried: set) -> Plan | None:
    """Another choice for the piece at `where`, or None when it has none left."""
    kind = where[0]
    if kind == "module":
        _, si, mi, origin = where
        section = plan.sections[si]
        mp = section.modules[mi]
        if origin.startswith("extra:"):
            index = int(origin.split(":")[1])
            new = replace(mp, extras=tuple(e for e in mp.extras if e != index))
        else:
            taken = plan_ideas(plan, skip=(si, mi))
            variants = builder.fitting.variants(mp.module, mp.theme_or(builder.request.theme.name))
            options = [v for v in variants if (mp.module.id, v) not in tried and v != mp.variant
                       and not set(mp.module.bodies[v].ideas) & taken]
            if not options:
                return None
            tried.add((mp.module.id, mp.variant))
            new = replace(mp, variant=options[0])
        modules = list(section.modules)
        modules[mi] = new
        sections = list(plan.sections)
        sections[si] = replace(section, modules=tuple(modules))
        return replace(plan, sections=tuple(sections))
    if kind == "lead":
        si = where[1]
        if ("lead", si, plan.sections[si].lead) in tried or len(tried) > 40:
            return None
        tried.add(("lead", si, plan.sections[si].lead))
        sections = list(plan.sections)
        sections[si] = replace(sections[si], lead=sections[si].lead + 1)
        return replace(plan, sections=tuple(sections))
    if kind == "closing":
        tried.add(("closing", plan.closing))
        return replace(plan, closing=plan.closing + 1) if len(tried) < 40 else None
    if kind == "opening":
        tried.add(("opening", plan.opening))
        return replace(plan, opening=plan.opening + 1) if len(tried) < 40 else None
    return None


def repair(plan: Plan, make_builder) -> tuple[Plan, Speech]:
    """Render, look for repeats, change the later piece, and render again until clean (or out of choices)."""
    tried: set = set()
    speech = None
    for _ in range(MAX_ROUNDS):
        builder = make_builder()
        speech = builder.speech(plan)
        located = _located(speech)
        texts = [text for text, _ in located]
        findings = [*repeated_sentences(texts), *repeated_phrases(texts, builder.catalog.phrase_patterns)]
        if not findings:
            return plan, speech
        changed = False
        for finding in findings:
            fixed = _fix(plan, located[finding.paragraph - 1][1], builder, tried)
            if fixed is not None:
                plan, changed = fixed, True
                break
        if not changed:
            break
    return plan, speech
