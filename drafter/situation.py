"""What a draft must fit — its date, level, the unit's system, the speaker's role, the meeting's kind — and the
lexicons that say what fits: dated terms (lexicon/terms.yaml), competences (lexicon/competence.yaml) and
month-bound time words (lexicon/calendar.yaml). Compose uses them to write right; check uses them to find wrong."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from drafter.patterns import lexicon

SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


@dataclass(frozen=True)
class Term:
    term: str
    since: datetime.date | None
    until: datetime.date | None
    note: str
    spellings: tuple[str, ...]
    before: str = ""  # what the same thing was called before `since` (经营主体 ← 市场主体); "" = nothing

    def fits(self, day: datetime.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)

    def said_before(self, day: datetime.date) -> bool:
        """Whether a speech of `day` says this term by its earlier name (`before`)."""
        return bool(self.before) and self.since is not None and day < self.since


@dataclass(frozen=True)
class Use:
    """One place in a text where a lexicon entry does not fit: the entry, the words found, their sentence."""

    entry: Any
    found: str
    sentence: str


class DatedTerms:
    """Every dated term, matched in one pass (longest spelling first)."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.terms = [Term(e["term"], e.get("from"), e.get("until"), e.get("note", ""),
                           (e["term"], *e.get("also", [])), e.get("before", "")) for e in entries]
        self._by_spelling = {s: t for t in self.terms for s in t.spellings}
        self._pattern = _longest_first(self._by_spelling) if self._by_spelling else None
        renamed = [s for t in self.terms if t.before for s in t.spellings]
        self._renamed = _longest_first(renamed) if renamed else None  # a quick look before the full pass
        self._eras: dict[datetime.date, int] = {}

    def era(self, day: datetime.date) -> int:
        """What `renamed` and `outside` make of `day`: which terms fit it and which are said by their earlier
        name, as one number. Two days of one era judge every text alike (compose's memo of fitting texts)."""
        era = self._eras.get(day)
        if era is None:
            era = 0
            for i, term in enumerate(self.terms):
                era |= (term.fits(day) << (2 * i)) | (term.said_before(day) << (2 * i + 1))
            self._eras[day] = era
        return era

    def renamed(self, text: str, day: datetime.date) -> str:
        """`text` with every renamed term said as it was called on `day` (市场主体 in a 2016 speech)."""
        if self._renamed is None or not self._renamed.search(text):
            return text

        def name(match: re.Match[str]) -> str:
            term = self._by_spelling[match.group()]
            return term.before if term.said_before(day) else match.group()

        return self._pattern.sub(name, text)

    def said_outside(self, text: str, day: datetime.date) -> bool:
        """Whether `text`, renamed for `day`, says a term outside it: `outside(renamed(text, day), day)` in one
        pass over the text where no term in it is renamed (most texts; compose asks this of every piece)."""
        if self._pattern is None:
            return False
        terms = [self._by_spelling[m] for m in self._pattern.findall(text)]
        if any(t.said_before(day) for t in terms):
            return bool(self.outside(self.renamed(text, day), day))
        return not all(t.fits(day) for t in terms)

    def outside(self, text: str, day: datetime.date) -> list[Use]:
        """The terms of `text` that did not exist yet (or no longer fit) on `day`, each once."""
        if self._pattern is None:
            return []
        found: dict[str, Use] = {}
        for match in self._pattern.finditer(text):
            term = self._by_spelling[match.group()]
            if not term.fits(day) and term.term not in found:
                found[term.term] = Use(term, match.group(), _sentence_at(text, match.start()))
        return list(found.values())


def _longest_first(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of the words, the longest where several start at one place: the words as a
    trie (a shared start is tried once, which is what makes it quick) with each ending optional, greedy."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alternatives = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 and "" not in node else f"(?:{'|'.join(alternatives)})"
        return body + ("?" if "" in node else "")

    return re.compile(branch(trie))


@dataclass(frozen=True)
class Power:
    name: str
    terms: tuple[str, ...]
    levels: tuple[str, ...]
    systems: tuple[str, ...]

    def held_by(self, level: str, system: str | None) -> bool:
        if level == "部门":
            return system in self.systems
        return level in self.levels


class Competence:
    """Which system a bureau belongs to, and which sentences order what the unit cannot order."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._systems = sorted(((suffix, name) for name, suffixes in data["systems"].items() for suffix in suffixes),
                               key=lambda pair: len(pair[0]), reverse=True)
        self.system_names = tuple(data["systems"])
        self.cooperate = tuple(data.get("cooperate", []))
        self.powers = [Power(p["name"], tuple(p["terms"]), tuple(p["levels"]), tuple(p.get("systems", [])))
                       for p in data["powers"]]

    def system_of(self, unit: str | None) -> str | None:
        for suffix, name in self._systems:
            if unit and unit.endswith(suffix):
                return name
        return None

    def overreach(self, text: str, level: str, system: str | None) -> list[Use]:
        """Sentences of `text` that order a power the unit lacks (a sentence that only asks it to cooperate,
        report or apply is fine)."""
        lacking = [p for p in self.powers if not p.held_by(level, system) and any(t in text for t in p.terms)]
        if not lacking:  # most texts name no power the unit lacks: no sentence to look at
            return []
        out = []
        for sentence in SENTENCE.findall(text):
            if any(word in sentence for word in self.cooperate):
                continue
            for power in lacking:
                term = next((t for t in power.terms if t in sentence), None)
                if term:
                    out.append(Use(power, term, sentence.strip()))
        return out


def calls_one_target_many(text: str, targets: int) -> bool:
    """Whether a text says 这些目标/这些指标 of a speech that has one target. Compose leaves such pieces out;
    check reports the words (rule `consistency`, drafter/semantic.py: a render need not import the checker)."""
    return targets == 1 and any(w in text for w in lexicon("rules.yaml")["consistency"]["plural_targets"])


def when_words(day: datetime.date, calendar: dict[str, Any]) -> dict[str, str]:
    """The month's time words: `when.year_end` is 年底前 in March and 明年年底前 in December."""
    return {key: next(text for first, last, text in rows if first <= day.month <= last)
            for key, rows in calendar["when"].items()}


def _sentence_at(text: str, index: int) -> str:
    start = max(text.rfind(mark, 0, index) for mark in "。！？；\n") + 1
    ends = [i for i in (text.find(mark, index) for mark in "。！？；\n") if i != -1]
    return text[start:(min(ends) + 1 if ends else len(text))].strip()


@dataclass(frozen=True)
class Situation:
    """The facts about one speech that decide which pieces fit it."""

    date: datetime.date
    level: str                 # 市/县/区/镇/部门
    system: str | None         # a 部门's system (商务, 市场监管 …), from its name
    role: str                  # the speaker's role (secretary, executive, bureau …)
    kind: str | None = None    # the meeting's kind (动员部署, 推进, 分析 …)
    subjects: tuple[str, ...] = field(default=())
    directs: tuple[str, ...] | None = None  # the work the speaker directs (纪检监察, 组织); None = not modelled

    def allows(self, piece: Any) -> bool:
        """A piece's own tags (drafter.catalog.Fit) against this speech."""
        if piece.levels is not None and self.level not in piece.levels:
            return False
        if piece.systems is not None and self.level == "部门" and self.system not in piece.systems:
            return False
        if piece.roles is not None and self.role not in piece.roles:
            return False
        if piece.kinds is not None and self.kind not in piece.kinds:
            return False
        if piece.since is not None and self.date < piece.since:
            return False
        if piece.months is not None and self.date.month not in piece.months:
            return False
        if piece.years is not None and self.date.year not in piece.years:
            return False
        return piece.until is None or self.date <= piece.until
