"""Reading a meeting: its kind and subjects from its name, and its agenda items by kind, with the words of
templates/lexicon/meetings.yaml (全县招商引资暨优化营商环境大会 → 工作会议; 招商引资 + 优化营商环境)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Subject:
    """One subject of a meeting name: its words (优化营商环境), the theme it belongs to (营商环境) or the
    campaign word it carries (提升年, 整顿 …); a subject may be neither."""

    text: str
    theme: str | None = None
    campaign: str | None = None
    word: str = ""  # the theme word the subject holds (营商环境 of 优化营商环境): a heading naming it holds this
    says: str = ""  # what a heading calls it: the holiday period of a holiday campaign (元旦春节期间), else the text

    def named_in(self, heading: str) -> bool:
        return self.text in heading or bool(self.word) and self.word in heading or bool(self.says) and self.says in heading

    @property
    def named(self) -> str:
        return self.says or self.text


@dataclass(frozen=True)
class MeetingReading:
    kind: str
    subjects: tuple[Subject, ...]
    period: str  # 上半年, 一季度 … as the name says it, or ""
    holiday: str = ""  # the holiday period the meeting prepares for (元旦春节期间, 国庆节前), or ""


@dataclass(frozen=True)
class AgendaItem:
    text: str
    kind: str | None  # None: an item the lexicon does not know


class MeetingLexicon:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.joiners = tuple(data["joiners"])
        self.prefixes = sorted(data["prefixes"], key=len, reverse=True)
        self.suffixes = sorted(data["suffixes"], key=len, reverse=True)
        self.periods = sorted(data["periods"], key=len, reverse=True)
        self.trim = tuple(data["trim"])
        self.kinds = [(k["kind"], tuple(k["words"])) for k in data["kinds"]]
        self.default_kind = data["default_kind"]
        self.theme_words = sorted(((word, theme) for theme, words in data["themes"].items() for word in words),
                                  key=lambda pair: len(pair[0]), reverse=True)
        self.campaigns = {c["word"]: c["headings"] for c in data["campaigns"]}
        # a holiday period as a name says it: holidays, joined or not (元旦、春节), and what follows (期间, 节前 …)
        words = "|".join(map(re.escape, sorted(data["holidays"], key=len, reverse=True)))
        ends = "|".join(map(re.escape, sorted(data["holiday_ends"], key=len, reverse=True)))
        self.holiday = re.compile(f"(?:{words})(?:[、和及]?(?:{words}))*(?:{ends})?")
        # a campaign or period word may bring the modules that speak of it (春节 → 节日期间的安全防范)
        self.campaign_modules = {c["word"]: tuple(c.get("modules", [])) for c in data["campaigns"]}
        self.theme_points: dict[str, list[str]] = data["theme_points"]
        self.agenda_kinds = data["agenda"]
        self.default_replies: list[str] = data["default_agenda"]["replies"]
        self.structure: dict[str, Any] = data.get("structure", {})

    def kind_of(self, name: str) -> str:
        """The kind whose word ends furthest right (攻坚年动员大会 is a 动员部署 meeting, not a 推进会: the meeting
        word comes last); on a tie the first kind listed."""
        ends = [(max((name.rfind(w) + len(w) for w in words if w in name), default=-1), -i, kind)
                for i, (kind, words) in enumerate(self.kinds)]
        end, _, kind = max(ends)
        return kind if end >= 0 else self.default_kind

    def read(self, name: str, theme: str | None = None) -> MeetingReading:
        """The meeting's kind, its subjects in the order of the name, and the period it reviews."""
        core = _strip(name, self.prefixes, self.suffixes)
        period = next((p for p in self.periods if core.startswith(p)), "")
        core = core.removeprefix(period)
        subjects = []
        for part in self._split(core):
            part = _cut_suffix(part, self.suffixes)  # 春节前安全生产工作会议暨… : each part is a meeting's name
            for word in self.trim:
                part = part.removesuffix(word)
            subject = self.subject(part) if part else None
            if subject and (subject.theme or subject.campaign or not any(part in w for _, w in self.kinds)):
                subjects.append(subject)  # a bare kind word (警示教育 of 警示教育大会) is the kind, not a subject
        if theme and not any(s.theme == theme for s in subjects):
            # the config's theme is the speech's subject even where the name does not say it (全县警示教育大会)
            subjects.insert(0, Subject(theme, theme, word=theme))
        holiday = self.holiday.search(core)
        return MeetingReading(kind=self.kind_of(name), subjects=tuple(subjects), period=period,
                              holiday=holiday.group() if holiday else "")

    def subject(self, text: str) -> Subject:
        word, theme = next(((w, t) for w, t in self.theme_words if w in text), ("", None))
        campaign = next((c for c in self.campaigns if c in text), None)
        says = ""
        if campaign and self.holiday.fullmatch(campaign) and (period := self.holiday.search(text)):
            says = period.group()  # 盯紧元旦春节期间的关键时段, not 盯紧元旦春节期间安全生产的关键时段
        return Subject(text, theme, campaign, word, says)

    def _split(self, core: str) -> list[str]:
        """Cut at 暨 always, at 和/及/与 only where both sides name a subject (营商环境和作风, not 和谐)."""
        parts = [core]
        for joiner in self.joiners:
            out = []
            for part in parts:
                pieces = part.split(joiner)
                if joiner != "暨" and not all(self._names_subject(p) for p in pieces):
                    out.append(part)
                else:
                    out += [p for p in pieces if p]
            parts = out
        return parts

    def _names_subject(self, text: str) -> bool:
        return any(word in text for word, _ in self.theme_words) or any(w in text for w in self.campaigns)

    def agenda_item(self, text: str) -> AgendaItem:
        for entry in self.agenda_kinds:
            if any(word in text for word in entry["words"]):
                return AgendaItem(text, entry["kind"])
        return AgendaItem(text, None)

    def subject_headings(self, subject: Subject) -> list[str]:
        """The headings that name a campaign (or a subject that is neither theme nor campaign)."""
        return self.campaigns.get(subject.campaign or "", self.data["plain_headings"])

    def replies(self, kind: str | None) -> list[str]:
        return next((e["replies"] for e in self.agenda_kinds if e["kind"] == kind), self.default_replies)


def _strip(name: str, prefixes: list[str], suffixes: list[str]) -> str:
    """The name without its place (全县), year (2027年, 2026年度) and meeting word (工作会议)."""
    name = re.sub(r"^\d{4}年度?", "", re.sub(r"\s+", "", name))
    for prefix in prefixes:
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    name = re.sub(r"^\d{4}年度?", "", name)
    return _cut_suffix(name, suffixes)


def _cut_suffix(name: str, suffixes: list[str]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return name
