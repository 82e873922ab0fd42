"""Which pieces fit this speech: a module's headings, body variants and extras, phrase-bank entries and theme texts are
offered only where their own tags allow the situation (date, level, system, role, kind) and their text uses no
term outside its dates and no power the unit lacks."""

from __future__ import annotations

from typing import Any

from drafter.catalog import Catalog, Module, as_tagged, block_sources
from drafter.compose.render import render
from drafter.situation import Situation, calls_one_target_many

FITS_KEPT = 200_000   # texts judged, over all situations
FITTINGS_KEPT = 32    # configs whose fitting pieces are kept


def fitting_for(request: Any, catalog: Catalog, context: dict[str, Any]) -> Fitting:
    """The Fitting of this config (its context is the config's base context): made once for all its drafts."""
    key = (repr(request.config), request.theme.name, request.situation)  # repr: every field, lists too
    memo = catalog.memo["fittings"]
    fitting = memo.get(key)
    if fitting is None:
        if len(memo) >= FITTINGS_KEPT:  # a server drafting for many configs starts afresh (safe across threads)
            memo.clear()
        memo[key] = fitting = Fitting(request.situation, catalog, context)
    return fitting


class Fitting:
    """Answers, once per module, which of its variants and extras fit the situation."""

    def __init__(self, situation: Situation, catalog: Catalog, context: dict[str, Any]) -> None:
        self.situation = situation
        self.catalog = catalog
        self.context = context
        self._variants: dict[str, list[int]] = {}
        self._extras: dict[str, list[int]] = {}
        self._headings: dict[str, tuple[str, ...]] = {}
        # what text_fits judges by besides the text: two days of one era (DatedTerms.era) judge alike
        self._judged_by = (catalog.terms.era(situation.date), situation.level, situation.system, situation.directs,
                           len(context.get("targets", ())) == 1)

    def text_fits(self, text: str) -> bool:
        """A rendered (or plain) text: no term outside its dates, no order the unit cannot give."""
        key = (text, self._judged_by)
        memo = self.catalog.memo["fits"]
        fits = memo.get(key)
        if fits is None:
            if len(memo) > FITS_KEPT:  # a long-running server drafting for many situations
                memo.clear()
            memo[key] = fits = self._fits(text)
        return fits

    def _fits(self, text: str) -> bool:
        s = self.situation
        terms = self.catalog.terms
        if terms.said_outside(text, s.date):
            return False
        roles = self.catalog.roles
        if roles is not None and s.directs is not None and roles.forbidden(text, s.directs):
            return False
        if calls_one_target_many(text, len(self.context.get("targets", ()))):  # check's `consistency` rule
            return False
        competence = self.catalog.competence
        return competence is None or not competence.overreach(text, s.level, s.system)

    def _rendered(self, module: Module, sources: list[str]) -> str:
        ctx = {**self.context, "slot": module.slots, "phrase": lambda _tag: ""}
        return "\n".join(render(source, ctx, module.source) for source in sources)

    def module_allows(self, module: Module) -> bool:
        s = self.situation
        if s.level not in module.levels:
            return False
        if module.systems is not None and s.level == "部门" and s.system not in module.systems:
            return False
        if module.months is not None and s.date.month not in module.months:
            return False
        if module.kinds is not None and s.kind not in module.kinds:
            return False
        if module.since is not None and s.date < module.since:
            return False
        return module.roles is None or s.role in module.roles

    def variants(self, module: Module, theme: str) -> list[int]:
        """Indices into module.bodies of the variants that fit (the theme's own first; [] = none fits)."""
        key = f"{module.id}|{theme}"
        if key not in self._variants:
            own = [i for i, v in enumerate(module.bodies) if theme in (v.themes or ())]
            pool = own or list(range(len(module.bodies)))
            self._variants[key] = [i for i in pool if self.situation.allows(module.bodies[i])
                                   and self.text_fits(self._rendered(module, block_sources(module.bodies[i].blocks)))]
        return self._variants[key]

    def extras(self, module: Module, theme: str) -> list[int]:
        key = f"{module.id}|{theme}"
        if key not in self._extras:
            self._extras[key] = [i for i in module.extras_for(theme) if self.situation.allows(module.extras[i])
                                 and self.text_fits(self._rendered(module, block_sources([module.extras[i].block])))]
        return self._extras[key]

    def heading_styles(self, module: Module, theme: str) -> tuple[str, ...]:
        """The module's heading styles whose heading for the theme fits the speech as its body must (a 2016
        draft has no heading that says 高质量发展 or 新质生产力)."""
        key = f"{module.id}|{theme}"
        if key not in self._headings:
            self._headings[key] = tuple(style for style in module.headings if (text := module.heading(style, theme))
                                        and self.text_fits(self._rendered(module, [text])))
        return self._headings[key]

    def choices(self, options: list[Any]) -> list[int]:
        """Indices of the theme or frame texts (headings, leads, purposes …) whose tags allow the speech
        (role, kind, level …) and whose raw text fits; a text tagged for this speech is preferred to a plain
        one, and one tagged for the meeting's kind (a 表彰大会's closing) to one tagged for the speaker's role.
        When none fits, those the tags allow (or all), so a frame never goes missing."""
        tagged = [as_tagged(option) for option in options]
        allowed = [i for i, t in enumerate(tagged) if self.situation.allows(t)]
        fitting = [i for i in allowed if self.text_fits(tagged[i].text)]
        for_kind = [i for i in fitting if tagged[i].kinds is not None]
        for_role = [i for i in fitting if tagged[i].roles is not None]
        return for_kind or for_role or fitting or allowed or list(range(len(options)))
