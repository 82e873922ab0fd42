"""Render a plan into the Speech model: text from templates, numbering from drafter.numbering."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from drafter.catalog import Catalog, FrameText, as_tagged, text_of
from drafter.compose.eligible import Fitting
from drafter.compose.plan import ModulePlan, Plan, SectionPlan, rng_for
from drafter.compose.render import PhrasePicker, render
from drafter.compose.request import Request
from drafter.model import Paragraph, Point, Run, Section, Speech
from drafter.numbering import format_marker
from drafter.text import cn_count, fullwidth_punctuation

INLINE_POINTS_MAX = 200  # a list of short points stays in one paragraph; longer ones get a paragraph each


def _rename(paragraphs: list[Paragraph], sections: list[Section], named: Any) -> None:
    """Say every renamed term as it was called on the meeting date, in place (headings and runs alike)."""
    def runs(paragraph: Paragraph) -> None:
        paragraph.runs = [Run(named(run.text), run.kind) for run in paragraph.runs]

    for section in sections:
        section.heading = named(section.heading)
        for paragraph in section.lead:
            runs(paragraph)
        for point in section.points:
            point.heading = named(point.heading)
            for paragraph in point.paragraphs:
                runs(paragraph)
    for paragraph in paragraphs:
        runs(paragraph)


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
        phrases = [p for p in catalog.phrases if fitting.situation.allows(p.fit) and fitting.text_fits(p.text)]
        self.picker = PhrasePicker(phrases, request.theme.name, reuse=scratch)
        self._said = ""  # what the draft has said before the frame is rendered (see speech)

    def ctx(self, seed: int, key: str, **extra: Any) -> dict[str, Any]:
        ctx = {**self.base, **extra}
        role = self.base["speaker"]["role"]
        ctx["phrase"] = self.picker.bind(rng_for(seed, f"phrase:{key}:{role}"), ctx)
        return ctx

    def chosen(self, options: list[Any], index: int, ctx: dict[str, Any], where: str) -> str:
        """The rendered text of the option at `index` when it fits the speech (tags and raw text; repair steps
        an index on without knowing the tags, so else the index-th of those that fit), or of the next fitting option when its slots brought in a word the
        date or the unit does not allow (a heading whose {{ theme.goal }} says 高质量发展 in 2016)."""
        pool = self.fitting.choices(options)
        start = pool.index(index) if index in pool else index % len(pool)
        first = None
        for i in pool[start:] + pool[:start]:
            text = render(text_of(options[i]), ctx, where)
            if self.fitting.text_fits(text):
                return text
            first = text if first is None else first
        return first or ""

    def module(self, seed: int, mp: ModulePlan, style: str, marker_style: str, number: int) -> Point:
        module = mp.module
        theme = mp.theme_or(self.request.theme.name)
        extra: dict[str, Any] = {"slot": module.slots}
        if mp.theme:  # a point for another subject speaks that theme's words; `main` is the meeting's own
            other = self.catalog.themes[mp.theme]
            extra["theme"] = {"name": other.name, **other.words}
            extra["main"] = self.base["theme"]
        if mp.subject:  # the campaign its heading names, a value of the config: given to the template, never in it
            extra["subject"] = mp.subject
        ctx = self.ctx(seed, module.id, **extra)
        fitting_styles = self.fitting.heading_styles(module, theme)
        if style not in fitting_styles:  # no parallel style fits: this point takes one of its own that does
            style = next(iter(fitting_styles), style if style in module.headings else next(iter(module.headings)))
        heading = (mp.heading or module.heading(style, theme) or module.heading(next(iter(module.headings)), theme)
                   or "")
        blocks = [("body", b) for b in module.bodies[mp.variant].blocks]
        blocks += [(f"extra:{i}", module.extras[i].block) for i in mp.extras]
        return Point(
            marker=format_marker("paren_chinese", number),
            heading=_clean(render(heading, ctx, module.source)).rstrip("。；，"),
            paragraphs=self._noted(_paragraphs(blocks, ctx, marker_style, mp.max_points, module.source)),
            module_id=module.id,
        )

    def _noted(self, paragraphs: list[Paragraph]) -> list[Paragraph]:
        """A paragraph telling an invented case (设想一位客商…, lexicon/illustrations.yaml) carries the note that
        asks the clerk to put a real local case in its place."""
        spec = self.catalog.illustrations
        for paragraph in paragraphs:
            if any(frame in paragraph.text for frame in spec.get("frames", ())):
                paragraph.note = spec["comment"]
        return paragraphs

    def section(self, seed: int, sp: SectionPlan, number: int, plan: Plan | None = None) -> Section:
        text = self.request.theme.sections[sp.key]
        where = f"templates/themes/{self.request.theme.name}.yaml"
        ctx = self.ctx(seed, f"section:{sp.key}")
        lead = self.chosen(text.leads, sp.lead, ctx, where)
        by_role = self.catalog.speaker_texts.get("section_leads", {})
        speaker = self.base["speaker"]
        role_leads = by_role.get(speaker["role_id"], by_role.get(speaker["role"], {}))  # a deputy's own, or his head's
        # the speaker's own entry into the section (方向 for a 书记, 任务 for a 县长); an archive theme speaks its own
        # a lead the meeting's kind has its own of (a 警示教育大会 opens on the cases) needs no speaker's entry
        kind_lead = any(t.kinds and self.fitting.situation.allows(t) for t in map(as_tagged, text.leads))
        if role_leads.get(sp.key) and self.request.theme.archive is None and not kind_lead:
            options = role_leads[sp.key]
            lead = self.chosen(options, sp.lead % len(options), ctx, "templates/speakers.yaml") + lead
        facts = "".join(render(self.request.theme.facts[fact][0], ctx, where) for fact in sp.facts)
        if facts:  # before the lead's last sentence, which hands over to the points
            sentences = re.findall(r"[^。！？]+[。！？]", lead)
            lead = "".join(sentences[:-1]) + facts + sentences[-1] if len(sentences) > 1 else lead + facts
        return Section(
            marker=format_marker("chinese", number),
            heading=_clean(self.section_heading(sp, plan, ctx, where)).rstrip("。；，"),
            category=sp.key,
            lead=[Paragraph.plain(_clean(lead), "lead")] if lead else [],  # an archive section may have none
            points=self._varied_ends([self.module(seed, mp, sp.heading_style, sp.marker_style, n)
                                      for n, mp in enumerate(sp.modules, 1)]),
        )

    def _varied_ends(self, points: list[Point]) -> list[Point]:
        """Parallel “在…上…” headings end differently (在防贫帮扶上见实效 after 在改善农村条件上见实效 becomes
        在防贫帮扶上出实招): each module keeps its own end where no point before it ended so; a repeat takes
        the first end no point of the section has."""
        ends = self.catalog.effort_endings
        own = [next((e for e in ends if p.heading.startswith("在") and p.heading.endswith("上" + e)), None)
               for p in points]
        taken = {e for e in own if e}
        kept: set[str] = set()
        for point, end in zip(points, own, strict=True):
            if end is None:
                continue
            if end in kept and (free := [e for e in ends if e not in taken]):
                point.heading = point.heading[: -len(end)] + free[0]
                end = free[0]
                taken.add(end)
            kept.add(end)
        return points

    def section_heading(self, sp: SectionPlan, plan: Plan | None, ctx: dict[str, Any], where: str) -> str:
        """The theme's heading; a campaign of the meeting (作风整顿, 提升年 …) is named in its section's heading
        instead; the priorities heading names the meeting's own subject where one of the theme's does."""
        text = self.request.theme.sections[sp.key]
        campaign = dict(plan.campaigns).get(sp.key) if plan else None
        lexicon = self.catalog.meetings
        if campaign and lexicon is not None:
            options = lexicon.subject_headings(lexicon.subject(campaign))
            return self.chosen(options, sp.heading % len(options), {**ctx, "subject": campaign},
                          "templates/lexicon/meetings.yaml")
        kind = lexicon.structure.get(self.base["meeting"]["kind"] or "", {}) if lexicon is not None else {}
        own = kind.get(sp.key, {}).get("headings")
        if own:  # the kind's own part: an 分析会's 形势分析, a 警示教育大会's lessons of the cases
            return self.chosen(own, sp.heading % len(own), ctx, "templates/lexicon/meetings.yaml")
        heading = self.chosen(text.headings, sp.heading, ctx, where)
        subject = self.base["meeting"]["subject"]
        if sp.key == "priorities" and subject is not None and not subject.named_in(heading):
            for index in self.fitting.choices(text.headings):
                other = render(text_of(text.headings[index]), ctx, where)
                if subject.named_in(other):
                    return other
        return heading

    def _framed(self, ctx: dict[str, Any]) -> dict[str, Any]:
        """A frame names the year's plan stage only where the body has not said it — unless the year is framed by
        more than its stage (a congress, the pandemic, an anniversary), which a speech of that year always says."""
        era = ctx["era"]
        stage = era.get("plan_stage")
        plain = era.get("year_framing", "") in ("", f"今年是{stage}")
        if stage and plain and stage in self._said or era.get("year_framing") and era["year_framing"] in self._said:
            ctx["era"] = {**era, "plan_stage": ""}
        return ctx

    def own_opening(self, plan: Plan) -> list[Paragraph]:
        """An archive theme's own opening: one of the archive's openings, drafter's recap of this meeting's
        agenda, and the archive's own count sentence with the real count."""
        theme, frame = self.request.theme, self.catalog.opening
        where = theme.source or f"templates/themes/{theme.name}.yaml"
        ctx = self._framed(self.ctx(plan.seed, "opening"))
        ctx["count_cn"] = cn_count(len(plan.sections))
        variants = self.own_frame(theme.frame.opening)
        paragraphs = [render(text, ctx, where) for text in variants[plan.opening % len(variants)].paragraphs]
        if self.base["agenda"]:
            ctx["agenda_text"] = "；".join(self.base["agenda"])
            paragraphs.append(render(frame["recap"][plan.recap % len(frame["recap"])], ctx, "templates/opening.yaml")
                              + self.replies(plan))
        counts = theme.frame.count or frame["count"]
        paragraphs[-1] += render(counts[plan.count % len(counts)], ctx, where)
        return [Paragraph.plain(_clean(text), "opening") for text in paragraphs if text]

    def own_closing(self, plan: Plan) -> list[Paragraph]:
        theme = self.request.theme
        where = theme.source or f"templates/themes/{theme.name}.yaml"
        ctx = self._framed(self.ctx(plan.seed, "closing"))
        variants = self.own_frame(theme.frame.closing)
        return [Paragraph.plain(_clean(render(text, ctx, where)), "closing")
                for text in variants[plan.closing % len(variants)].paragraphs]

    def own_frame(self, variants: list[FrameText]) -> list[FrameText]:
        """The archive's openings or closings this speaker may say (spoken by a speaker of his role), those
        fitting the date first; [] — none of his role — means the shared frame."""
        spoken = [v for v in variants if self.fitting.situation.allows(v)]
        return [v for v in spoken if self.fitting.text_fits("".join(v.paragraphs))] or spoken

    def opening(self, plan: Plan) -> list[Paragraph]:
        if self.request.theme.frame is not None and self.own_frame(self.request.theme.frame.opening):
            return self.own_opening(plan)
        theme, frame = self.request.theme, self.catalog.opening
        where_theme = f"templates/themes/{theme.name}.yaml"
        ctx = self._framed(self.ctx(plan.seed, "opening"))
        # a meeting of a kind with its own purpose (分析, 推进, 警示教育, 总结表彰) says it; else the theme's
        # a meeting before a holiday (元旦春节期间) says what the holidays ask of the theme, where the theme says it
        kind_purposes = [p for p in frame.get("kind_purposes", []) if self._allowed(p)]
        holiday = self.base["meeting"]["holiday"] and theme.opening.get("holiday_purposes")
        if kind_purposes:
            ctx["purpose"] = self.chosen(kind_purposes, plan.purpose % len(kind_purposes), ctx,
                                    "templates/opening.yaml")
        elif holiday:
            ctx["purpose"] = self.chosen(holiday, plan.purpose % len(holiday), ctx, where_theme)
        else:
            ctx["purpose"] = self.chosen(theme.opening["purposes"], plan.purpose, ctx, where_theme)
        ctx["agenda_text"] = "；".join(self.base["agenda"])
        ctx["count_cn"] = cn_count(len(plan.sections))
        purpose = self.chosen(frame["purpose"], plan.opening % len(frame["purpose"]), ctx,
                         "templates/opening.yaml")
        openers = [o for o in frame.get("kind_openers", []) if self._allowed(o)]  # 分析会's figures, 表彰's 祝贺
        extra = [render(text_of(openers[plan.opening % len(openers)]), ctx, "templates/opening.yaml")] if openers else []
        count = render(frame["count"][plan.count % len(frame["count"])], ctx, "templates/opening.yaml")
        paragraphs = [purpose]
        if self.base["agenda"]:  # the reply to what was just heard comes first, then the speaker's own opener
            paragraphs.append(render(frame["recap"][plan.recap % len(frame["recap"])], ctx, "templates/opening.yaml")
                              + self.replies(plan))
        paragraphs += extra
        paragraphs[-1] += count
        return [Paragraph.plain(_clean(text), "opening") for text in paragraphs if text]

    def _allowed(self, option: Any) -> bool:
        tagged = as_tagged(option)
        return self.fitting.situation.allows(tagged) and self.fitting.text_fits(tagged.text)

    def replies(self, plan: Plan) -> str:
        """One fitting reply per kind of agenda item, in the agenda's order (a film is not praised as a talk)."""
        lexicon = self.catalog.meetings
        if lexicon is None:
            return ""
        kinds = list(dict.fromkeys(lexicon.agenda_item(item).kind for item in self.base["agenda"]))
        ctx = self.ctx(plan.seed, "replies")
        out = []
        for n, kind in enumerate(kinds):
            options = lexicon.replies(kind)
            out.append(render(options[(plan.replies + n) % len(options)], ctx, "templates/lexicon/meetings.yaml"))
        return "".join(out)

    def closing(self, plan: Plan) -> list[Paragraph]:
        if self.request.theme.frame is not None and self.own_frame(self.request.theme.frame.closing):
            return self.own_closing(plan)
        theme = self.request.theme
        where = f"templates/themes/{theme.name}.yaml"
        ctx = self._framed(self.ctx(plan.seed, "closing"))
        ctx["stakes"] = self.chosen(theme.closing["stakes"], plan.stakes, ctx, where)
        ctx["attitude"] = self.chosen(theme.closing["attitudes"], plan.attitude, ctx, where)
        ctx["call"] = self.chosen(theme.closing["calls"], plan.call, ctx, where)
        ctx["led_by"] = render(self.base["speaker"]["led_by"], ctx, "templates/lexicon/roles.yaml")
        variants = self.catalog.closing["closing"]
        text = self.chosen(variants, plan.closing % len(variants), ctx, "templates/closing.yaml")
        return [Paragraph.plain(_clean(text), "closing")]

    def speech(self, plan: Plan) -> Speech:
        config = self.request.config
        day = config.meeting.date
        name = self.base["meeting"]["name"]
        title = name if name.endswith("讲话") else f"在{name}上的讲话"
        speaker = self.base["speaker"]
        speaker_line = f"{speaker['title']}　{speaker['name']}" if speaker["name"] else speaker["title"]
        sections = [self.section(plan.seed, sp, n, plan) for n, sp in enumerate(plan.sections, 1)]
        # the frame names the year's plan stage (“十五五”开局之年) only where the body has not said it already
        self._said = "".join(p.text for s in sections for p in s.lead + [q.heading_paragraph() for q in s.points]
                             + [r for q in s.points for r in q.paragraphs[1:]])
        opening = self.opening(plan)
        self._said += "".join(p.text for p in opening)
        closing = self.closing(plan)
        named = partial(self.catalog.terms.renamed, day=day)  # 市场主体 in a 2016 speech
        _rename(opening + closing, sections, named)
        return Speech(
            title=title,
            speaker_line=_clean(speaker_line),
            date_line=f"（{day.year}年{day.month}月{day.day}日）",
            opening=opening,
            sections=sections,
            closing=closing,
            announced_count=len(plan.sections),
            author=speaker["name"] or speaker["title"],
            date=day,
            note=self.request.theme.archive.notice if self.request.theme.archive else "",
        )
