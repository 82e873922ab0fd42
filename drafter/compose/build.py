"""Render a plan into the Speech model: text from templates, numbering from drafter.numbering."""

from __future__ import annotations

import re
from typing import Any

from drafter.catalog import Catalog
from drafter.compose.eligible import Fitting
from drafter.compose.plan import ModulePlan, Plan, SectionPlan, rng_for
from drafter.compose.render import PhrasePicker, render
from drafter.compose.request import Request
from drafter.model import Paragraph, Point, Run, Section, Speech
from drafter.numbering import format_marker
from drafter.text import cn_count, fullwidth_punctuation

INLINE_POINTS_MAX = 200  # a list of short points stays in one paragraph; longer ones get a paragraph each


def _clean(text: str) -> str:
    return fullwidth_punctuation(text)


def _paragraphs(blocks: list[tuple[str, Any]], ctx: dict[str, Any], marker_style: str, max_points: int | None,
                where: str) -> list[Paragraph]:
    """Render (origin, block) pairs: a string is a paragraph, a points block is numbered by marker_style."""
    out: list[Paragraph] = []
    for origin, block in blocks:
        if isinstance(block, str):
            text = _clean(render(block, ctx, where))
            if text:
                out.append(Paragraph.plain(text, origin))
            continue
        items = block.points[:max_points] if max_points else block.points
        rendered = [(_clean(render(p.lead, ctx, where)), _clean(render(p.text, ctx, where))) for p in items]
        numbered = [(f"{format_marker(marker_style, n)}{lead}。", text) for n, (lead, text) in
                    enumerate(rendered, 1)]
        if sum(len(a) + len(b) for a, b in numbered) <= INLINE_POINTS_MAX:
            runs = [run for lead, text in numbered for run in (Run(lead, "lead"), Run(text))]
            out.append(Paragraph(runs, origin))
        else:
            out += [Paragraph([Run(lead, "lead"), Run(text)], origin) for lead, text in numbered]
    return out


class Builder:
    """Renders the pieces of a plan. With `scratch=True` phrases may repeat: used only to measure lengths."""

    def __init__(self, request: Request, catalog: Catalog, context: dict[str, Any], fitting: Fitting, *,
                 scratch: bool = False):
        self.request = request
        self.catalog = catalog
        self.base = context
        self.fitting = fitting
        phrases = [p for p in catalog.phrases if fitting.text_fits(p.text)]
        self.picker = PhrasePicker(phrases, request.theme.name, reuse=scratch)

    def ctx(self, seed: int, key: str, **extra: Any) -> dict[str, Any]:
        ctx = {**self.base, **extra}
        ctx["phrase"] = self.picker.bind(rng_for(seed, f"phrase:{key}"), ctx)
        return ctx

    def module(self, seed: int, mp: ModulePlan, style: str, marker_style: str, number: int) -> Point:
        module = mp.module
        ctx = self.ctx(seed, module.id, slot=module.slots)
        theme = self.request.theme.name
        heading = module.heading(style, theme) or module.heading(next(iter(module.headings)), theme) or ""
        blocks = [("body", b) for b in module.bodies[mp.variant].blocks]
        blocks += [(f"extra:{i}", module.extras[i].block) for i in mp.extras]
        return Point(
            marker=format_marker("paren_chinese", number),
            heading=_clean(render(heading, ctx, module.source)).rstrip("。；，"),
            paragraphs=_paragraphs(blocks, ctx, marker_style, mp.max_points, module.source),
            module_id=module.id,
        )

    def section(self, seed: int, sp: SectionPlan, number: int) -> Section:
        text = self.request.theme.sections[sp.key]
        where = f"templates/themes/{self.request.theme.name}.yaml"
        ctx = self.ctx(seed, f"section:{sp.key}")
        lead = render(text.leads[sp.lead % len(text.leads)], ctx, where)
        facts = "".join(render(self.request.theme.facts[fact][0], ctx, where) for fact in sp.facts)
        if facts:  # before the lead's last sentence, which hands over to the points
            sentences = re.findall(r"[^。！？]+[。！？]", lead)
            lead = "".join(sentences[:-1]) + facts + sentences[-1] if len(sentences) > 1 else lead + facts
        return Section(
            marker=format_marker("chinese", number),
            heading=_clean(render(text.headings[sp.heading], ctx, where)).rstrip("。；，"),
            category=sp.key,
            lead=[Paragraph.plain(_clean(lead), "lead")],
            points=[self.module(seed, mp, sp.heading_style, sp.marker_style, n)
                    for n, mp in enumerate(sp.modules, 1)],
        )

    def opening(self, plan: Plan) -> list[Paragraph]:
        theme, frame = self.request.theme, self.catalog.opening
        where_theme = f"templates/themes/{theme.name}.yaml"
        ctx = self.ctx(plan.seed, "opening")
        ctx["purpose"] = render(theme.opening["purposes"][plan.purpose % len(theme.opening["purposes"])], ctx,
                                where_theme)
        ctx["agenda_text"] = "；".join(self.base["agenda"])
        ctx["count_cn"] = cn_count(len(plan.sections))
        purposes = frame["purpose"]
        purpose = render(purposes[plan.opening % len(purposes)], ctx, "templates/opening.yaml")
        count = render(frame["count"][plan.count % len(frame["count"])], ctx, "templates/opening.yaml")
        if not self.base["agenda"]:
            return [Paragraph.plain(_clean(purpose + count), "opening")]
        recap = render(frame["recap"][plan.recap % len(frame["recap"])], ctx, "templates/opening.yaml")
        return [Paragraph.plain(_clean(purpose), "opening"), Paragraph.plain(_clean(recap + count), "opening")]

    def closing(self, plan: Plan) -> list[Paragraph]:
        theme = self.request.theme
        where = f"templates/themes/{theme.name}.yaml"
        ctx = self.ctx(plan.seed, "closing")
        ctx["stakes"] = render(theme.closing["stakes"][plan.stakes], ctx, where)
        ctx["attitude"] = render(theme.closing["attitudes"][plan.attitude], ctx, where)
        ctx["call"] = render(theme.closing["calls"][plan.call], ctx, where)
        # a bureau works under its government; a government head under the party committee of its own level
        # (check's `role` rule); a party secretary under the committee above
        executive = self.base["speaker"]["role"] == "executive"
        ctx["led_by"] = (self.base["area"]["leaders"] if self.base["level"] == "部门" else
                         self.base["own"]["party"] if executive else self.base["above"]["party"])
        variants = self.catalog.closing["closing"]
        text = render(variants[plan.closing % len(variants)], ctx, "templates/closing.yaml")
        return [Paragraph.plain(_clean(text), "closing")]

    def speech(self, plan: Plan) -> Speech:
        config = self.request.config
        day = config.meeting.date
        name = self.base["meeting"]["name"]
        title = name if name.endswith("讲话") else f"在{name}上的讲话"
        speaker = self.base["speaker"]
        speaker_line = f"{speaker['title']}　{speaker['name']}" if speaker["name"] else speaker["title"]
        return Speech(
            title=title,
            speaker_line=_clean(speaker_line),
            date_line=f"（{day.year}年{day.month}月{day.day}日）",
            opening=self.opening(plan),
            sections=[self.section(plan.seed, sp, n) for n, sp in enumerate(plan.sections, 1)],
            closing=self.closing(plan),
            announced_count=len(plan.sections),
            author=speaker["name"] or speaker["title"],
            date=day,
        )
