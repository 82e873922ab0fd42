"""`drafter check`'s semantic rules: what does not fit the speech's own level, date, speaker and agenda.

Each speech of a document is read for its facts — level, date, speaker — from its title, speaker line, date
line and dominant words (or the --level/--date/--speaker the clerk gives); the rules then read its paragraphs
against those facts with the same lexicons compose writes with (levels.yaml, terms.yaml, calendar.yaml, era.yaml)
and the vocabulary of templates/lexicon/rules.yaml."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from drafter import patterns as pt
from drafter.model import Finding, Speech
from drafter.reader import Document
from drafter.repetition import quote
from drafter.text import parse_cn_number

SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")


@cache
def spec() -> dict[str, Any]:
    return pt.lexicon("rules.yaml")


def explanation(rule: str) -> str | None:
    return spec()["explain"].get(rule)


@dataclass(frozen=True)
class Given:
    """What the clerk states on the command line (None: read it from the draft)."""

    level: str | None = None
    date: datetime.date | None = None
    speaker: str | None = None


NO_GIVEN = Given()


@dataclass(frozen=True)
class Facts:
    level: str | None   # 市/县/区/镇/部门
    words_level: str | None  # the level whose 我X/全X上下 the speech may use (a 部门's host government)
    why: str            # where the level was read, as the message says it
    date: datetime.date | None
    speaker: str        # the speaker's title (县长, 县委书记, 县商务局局长 …)
    first: int          # paragraph numbers of the speech: first … last
    last: int


def speeches_with_facts(document: Document, given: Given) -> Iterator[tuple[Speech, Facts]]:
    starts = [s.start or 1 for s in document.speeches]
    for k, speech in enumerate(document.speeches):
        first = 1 if k == 0 else starts[k]
        last = starts[k + 1] - 1 if k + 1 < len(starts) else len(document.paragraphs)
        yield speech, _facts(speech, document, given, first, last)


def _facts(speech: Speech, document: Document, given: Given, first: int, last: int) -> Facts:
    speaker = given.speaker or speech.speaker_role
    date = given.date or speech.date
    level, host, why = None, None, ""
    if given.level:
        level, why = given.level, f"--level 为{given.level}"
        host = None if level == "部门" else level
    elif speaker and (found := _level_of_title(speaker)):
        level, host = found
        why = f"讲话人是“{speaker}”"
    elif speech.title and (found := _level_of_meeting(speech.title)):
        level, host = found
        why = f"标题是{host or level}级的会议"
    else:
        counts = Counter(_own_words(document.paragraphs[first - 1:last]))
        if counts:
            main, n = counts.most_common(1)[0]
            level, host, why = main, main, f"全文以“{main}”自称（{n} 处）"
    if level == "部门" and host is None:
        counts = Counter(_own_words(document.paragraphs[first - 1:last]))
        host = counts.most_common(1)[0][0] if counts else None
    return Facts(level=level, words_level=host, why=why, date=date, speaker=speaker or "", first=first, last=last)


def _level_chars() -> str:
    return "".join(pt.level_chars())


def _level_of_title(title: str) -> tuple[str, str | None] | None:
    """(level, host level) from a speaker's title: 县委书记 → 县; 县商务局局长 → 部门 of a 县."""
    words = spec()["level"]
    found = re.search(f"[{_level_chars()}]", title)
    department = any(w in title for w in words["department_words"]) or (
        title.endswith(tuple(words["department_titles"])) and not re.search(f"[{_level_chars()}]委书记$", title))
    if department:
        return "部门", found.group() if found else None
    return (found.group(), found.group()) if found else None


def _level_of_meeting(title: str) -> tuple[str, str | None] | None:
    """(level, host level) from a meeting title: 全县…会议 → 县; 全县商务系统…会议 → 部门 of a 县."""
    found = re.search(f"全([{_level_chars()}])|([{_level_chars()}])委", title)
    if not found:
        return None
    level = found.group(1) or found.group(2)
    if spec()["level"]["system_word"] in title or pt.reading()["system_whole"] in title:
        return "部门", level
    return level, level


def _own_words(paragraphs: list[str]) -> Iterator[str]:
    for text in paragraphs:
        for m in pt.own_level().finditer(text):
            yield m.group(1) or m.group(2) or m.group(3)


def _numbered(paragraphs: list[str], facts: Facts) -> Iterator[tuple[int, str]]:
    for i in range(facts.first, facts.last + 1):
        if paragraphs[i - 1]:
            yield i, paragraphs[i - 1]


@cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


# -- level ----------------------------------------------------------------------------------------------------

def rule_level(paragraphs: list[str], document: Document, given: Given = NO_GIVEN, **_) -> Iterable[Finding]:
    ranks = spec()["level"]["ranks"]
    subordinates = spec()["level"]["subordinates"]
    for _speech, facts in speeches_with_facts(document, given):
        own = facts.words_level
        if own is None:
            continue
        for i, text in _numbered(paragraphs, facts):
            for m in pt.own_level().finditer(text):
                level = m.group(1) or m.group(2) or m.group(3)
                if level != own:
                    yield Finding("level", i, quote(text, m.start(), m.end()),
                                  f"本级称谓矛盾：{facts.why}，这里却是“{m.group()}”")
            for owner, words in subordinates.items():
                if ranks.get(owner, 9) >= ranks.get(own, 9):
                    continue
                for m in _alternation(tuple(words)).finditer(text):
                    yield Finding("level", i, quote(text, m.start(), m.end()),
                                  f"点名了本级没有的下级单位：“{m.group()}”是{owner}一级的称呼，"
                                  f"本篇是{own}级{'部门的' if facts.level == '部门' else ''}讲话（{facts.why}）")


# -- agenda ---------------------------------------------------------------------------------------------------

def rule_agenda(paragraphs: list[str], document: Document, given: Given = NO_GIVEN, **_) -> Iterable[Finding]:
    words = spec()["agenda"]
    praise = re.compile("|".join(map(re.escape, sorted(words["praise"], key=len, reverse=True))))
    for _speech, facts in speeches_with_facts(document, given):
        recaps: list[str] = []
        for i, text in _numbered(paragraphs, facts):
            for sentence in SENTENCE.findall(text):
                if words["recap"] in sentence:
                    recaps.append(sentence)
                m = praise.search(sentence)
                if not m or any(w in s for s in recaps for w in words["spoke"]) or \
                        any(w in sentence.split(m.group())[0] for w in words["spoke"]):
                    continue
                start = text.find(m.group())
                if recaps:
                    said = recaps[-1].split(m.group())[0].strip().rstrip("，,；;")
                    said = re.sub(rf"[，,]?(?:{'|'.join(map(re.escape, words['audience']))})$", "", said)
                    said = said if len(said) <= 30 else said[:30] + "…"
                    message = f"称赞了发言（“{m.group()}”），但前面只说“{said}”，没有人发言"
                else:
                    message = f"称赞了发言（“{m.group()}”），但前面没有交代谁发了言"
                yield Finding("agenda", i, quote(text, start, start + len(m.group())), message)


# -- consistency ----------------------------------------------------------------------------------------------

def _days(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_cn_number(text)


def _task(a: str, b: str, size: int, not_task: list[str]) -> str | None:
    """The longest stretch of Chinese of at least `size` characters two sentences share (the task they name)."""
    a, b = re.sub(r"[^\u4e00-\u9fff]", "|", a), re.sub(r"[^\u4e00-\u9fff]", "|", b)
    best = ""
    for start in range(len(a)):
        for end in range(start + size, len(a) + 1):
            piece = a[start:end]
            if "|" in piece or piece not in b:
                break
            if len(piece) > len(best) and not any(piece in w or w in piece for w in not_task):
                best = piece
    return best or None


def _targets(text: str, figure: re.Pattern[str], word: str) -> int:
    """How many targets a text lists: the items (、/；) with a figure after the last 目标 of a sentence that
    names one, else every figure."""
    for sentence in reversed(SENTENCE.findall(text)):
        head, found, rest = sentence.rpartition(word)
        if found and figure.search(rest):
            return sum(1 for item in re.split("[、；;]", rest) if figure.search(item))
    return len(figure.findall(text))


def rule_consistency(paragraphs: list[str], document: Document, given: Given = NO_GIVEN, **_) -> Iterable[Finding]:
    words = spec()["consistency"]
    relative = re.compile(words["relative"])
    plural = re.compile("|".join(map(re.escape, words["plural_targets"])))
    units = "|".join(map(re.escape, sorted(words["target_units"], key=len, reverse=True)))
    target = re.compile(rf"\d+(?:\.\d+)?\s*(?:万|亿)?(?:{units})")
    for _speech, facts in speeches_with_facts(document, given):
        deadlines: list[tuple[int, int, str, str]] = []  # (paragraph, days, words, sentence)
        previous = ""
        for i, text in _numbered(paragraphs, facts):
            for sentence in SENTENCE.findall(text):
                for m in relative.finditer(sentence):
                    days = _days(m.group(1))
                    rest = sentence.replace(m.group(), "|")
                    for j, other_days, other, other_sentence in deadlines:
                        if days != other_days and (task := _task(rest, other_sentence, words["same_task"],
                                                                 words["not_task"])):
                            start = text.find(m.group())
                            yield Finding("consistency", i, quote(text, start, start + len(m.group())),
                                          f"同一项工作两个时限：{'前面' if j == i else f'第 {j} 段'}是“{other}”，"
                                          f"这里是“{m.group()}”"
                                          f"（都说“{task}”）")
                            break
                    deadlines.append((i, days, m.group(), rest))
            for m in plural.finditer(text):
                word = words["target_word"]
                count = _targets(text[:m.start()], target, word) or _targets(previous, target, word)
                if count == 1:
                    yield Finding("consistency", i, quote(text, m.start(), m.end()),
                                  f"前面只列了一个目标，这里却说“{m.group()}”")
            previous = text


# -- timing ---------------------------------------------------------------------------------------------------

def rule_timing(paragraphs: list[str], document: Document, catalog: Any = None, given: Given = NO_GIVEN,
                **_) -> Iterable[Finding]:
    words = spec()["timing"]
    calendar = getattr(catalog, "calendar", None) or pt.lexicon("calendar.yaml")
    late, december = calendar["late_months"], calendar["december"]
    nxt = re.escape(words["next_year"])
    alt = "|".join(map(re.escape, sorted(words["early"], key=len, reverse=True)))
    before = "|".join(map(re.escape, sorted(words["before_plan"], key=len, reverse=True)))
    after = "|".join(map(re.escape, sorted(words["after_plan"], key=len, reverse=True)))
    this = re.escape(words["this_year"])
    early = re.compile(rf"(?:{before})(?:{this})?({alt})|(?<!{nxt})({alt})(?:{after})")
    span = f"(?<![{re.escape(words['span_counts'])}])" if words.get("span_counts") else ""
    deadlines = re.compile(rf"(?<!{nxt})(?<!{nxt}年){span}(?:{'|'.join(map(re.escape, sorted(words['this_year_deadlines'], key=len, reverse=True)))})")
    for _speech, facts in speeches_with_facts(document, given):
        if facts.date is None or facts.date.month not in late:
            continue
        month = facts.date.month
        for i, text in _numbered(paragraphs, facts):
            for m in early.finditer(text):
                word = m.group(1) or m.group(2)
                yield Finding("timing", i, quote(text, m.start(), m.end()),
                              f"{month}月的讲话还在部署“{word}”的工作：今年{word}已经过去，指明年的要写明“明年{word}”")
            if month == december:
                for m in deadlines.finditer(text):
                    yield Finding("timing", i, quote(text, m.start(), m.end()),
                                  f"12月的讲话要求“{m.group()}”完成：今年只剩几周，指明年的要写明“明年{m.group().removeprefix(words['this_year'])}”")


# -- era ------------------------------------------------------------------------------------------------------

def _day(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def rule_era(paragraphs: list[str], document: Document, catalog: Any = None, given: Given = NO_GIVEN,
             **_) -> Iterable[Finding]:
    words = spec()["era"]
    terms = getattr(catalog, "terms", None)
    congresses = (getattr(catalog, "era", None) or {}).get("congresses", [])
    anniversary = re.compile(words["anniversary"])
    for _speech, facts in speeches_with_facts(document, given):
        if facts.date is None:
            continue
        day = facts.date
        for i, text in _numbered(paragraphs, facts):
            framed: list[tuple[int, int, Finding]] = []  # year-bound framings: said once, not again as a term
            for m in anniversary.finditer(text):
                year = words["anniversaries"][m.group(1)] + int(m.group(2))
                ahead = words["welcome"] in text[max(0, m.start() - 8):m.start()]
                if year != day.year and not (ahead and year == day.year + 1):
                    framed.append((m.start(), m.end(), Finding("era", i, quote(text, m.start(), m.end()),
                                                               f"“{m.group()}”是{year}年，讲话日期是{day.year}年")))
            for m in _plan_stage(catalog).finditer(text):
                year = _stage_year(catalog, m)
                said = text[max(0, m.start() - 6):m.start()]
                expected = day.year + next((n for w, n in words["year_offsets"].items() if w in said), 0)
                if year is not None and year != expected:
                    framed.append((m.start(), m.end(), Finding(
                        "era", i, quote(text, m.start(), m.end()),
                        f"“{m.group(1)}五”{m.group(2)}是{year}年，讲话日期是{day.year}年")))
            for congress in congresses:
                short = congress["name"].removeprefix(words["congress_prefix"])
                for m in re.finditer(rf"{re.escape(words['welcome'])}(?:{re.escape(words['congress_prefix'])})?{re.escape(short)}", text):
                    if day >= congress["date"]:
                        framed.append((m.start(), m.end(), Finding(
                            "era", i, quote(text, m.start(), m.end()),
                            f"“{m.group()}”：{congress['name']}已于{_day(congress['date'])}召开，讲话日期是{_day(day)}")))
            for use in (terms.outside(text, day) if terms is not None else []):
                start = text.find(use.found)
                end = start + len(use.found)
                if any(a < end and start < b for a, b, _ in framed):
                    continue
                term = use.entry
                if term.since is not None and day < term.since:
                    message = f"“{use.found}”在讲话日期（{_day(day)}）还没有：始于{_day(term.since)}（{term.note}）"
                    if term.before:
                        message += f"；此前称“{term.before}”"
                else:
                    message = f"“{use.found}”到讲话日期（{_day(day)}）已经过时：只适用到{_day(term.until)}（{term.note}）"
                yield Finding("era", i, quote(text, start, end), message)
            yield from (finding for _, _, finding in framed)


def _plans(catalog: Any) -> dict[str, Any]:
    return (getattr(catalog, "era", None) or pt.lexicon("era.yaml"))["plans"]


def _stage_words(catalog: Any) -> dict[str, int]:
    """The words that tie a plan to one of its years (era.yaml plans.stage_words): 收官之年 → 4."""
    return {word: index for index, words in enumerate(_plans(catalog)["stage_words"]) for word in words}


def _plan_stage(catalog: Any) -> re.Pattern[str]:
    """“十四五”收官之年: a five-year plan named with a word that ties it to one of its years."""
    stages = "|".join(map(re.escape, sorted(_stage_words(catalog), key=len, reverse=True)))
    return re.compile(rf"“?([{pt.CN_DIGITS}]{{1,3}})五”?(?:规划)?的?({stages})")


def _stage_year(catalog: Any, m: re.Match[str]) -> int | None:
    plans = _plans(catalog)
    number = parse_cn_number(m.group(1))
    if number is None:
        return None
    return plans["anchor"]["year"] + (number - plans["anchor"]["number"]) * 5 + _stage_words(catalog)[m.group(2)]


# -- role -----------------------------------------------------------------------------------------------------

def _led_by(template: str, own: str) -> str:
    """A role's led_by (roles.yaml: {{ own.party }}, {{ above.party }} …) spelt out for a level's words."""
    levels = pt.levels()["levels"]
    words = {"own": levels.get(own, {}).get("words", {}), "area": levels.get(own, {}).get("words", {}),
             "above": levels.get(levels.get(own, {}).get("superior", ""), {}).get("words", {})}
    return re.sub(r"\{\{\s*(\w+)\.(\w+)\s*\}\}", lambda m: words.get(m.group(1), {}).get(m.group(2), ""), template)


def rule_role(paragraphs: list[str], document: Document, catalog: Any = None, given: Given = NO_GIVEN,
              **_) -> Iterable[Finding]:
    """What the speaker's role does not say, with compose's own lexicon (roles.yaml): whose leadership the
    closing names, and the work (纪检监察, 组织) only a party secretary directs."""
    roles = getattr(catalog, "roles", None)
    if roles is None:
        return
    led_by = re.compile(spec()["role"]["led_by"])
    for _speech, facts in speeches_with_facts(document, given):
        speaker = facts.speaker
        if not speaker or facts.level is None:
            continue
        titled = roles.level_of(speaker) if facts.level != "部门" else None
        own = titled or facts.words_level  # 县长: the 县 whatever the words say
        role = roles.role_of(speaker, facts.level)
        if own is None or role.id == "other":
            continue
        expected = _led_by(role.led_by, own)
        first = expected.split("、")[0]
        led = [(i, text, m) for i, text in _numbered(paragraphs, facts) for m in led_by.finditer(text)]
        if first and led and all(first not in m.group(1) for _, _, m in led):
            for i, text, m in led:
                yield Finding("role", i, quote(text, m.start(), m.end()),
                              f"{speaker}的讲话只说“{m.group()}”：{speaker}应说“在{expected}的坚强领导下”")
        lacking = {work: words for work, words in roles.directs.items() if work not in role.directs}
        for i, text in _numbered(paragraphs, facts):
            for work, words in lacking.items():
                for word in words:
                    for m in re.finditer(re.escape(word), text):
                        yield Finding("role", i, quote(text, m.start(), m.end()),
                                      f"{speaker}直接部署“{word}”：{work}工作由党委书记部署，"
                                      f"{speaker}的讲话不宜直接提要求")
