"""Every pattern drafter reads a speech with, in one place: numerals, salutation, closings, titles, page junk,
announced counts, placeholders, punctuation and level words. The vocabulary comes from
templates/lexicon/reading.yaml and levels.yaml (loaded once, on first use); check, mine, the reader and the
overlap index all take their patterns from here, so they read a draft the same way."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

CN_DIGITS = "一二三四五六七八九十两"
CN = f"[{CN_DIGITS}]{{1,3}}"  # a Chinese numeral up to 九十九
HAN = r"\u4e00-\u9fff"


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first (so 主要领导 wins over 领导)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _chars(text: str) -> str:
    return "".join(re.escape(ch) for ch in text)


def lexicon(name: str) -> dict[str, Any]:
    """A file of templates/lexicon/ (reading.yaml, rules.yaml, calendar.yaml …), loaded once."""
    return _lexicon(name)


@cache
def _lexicon(name: str) -> dict[str, Any]:
    return _load(name)


def _load(name: str) -> dict[str, Any]:
    from drafter.catalog import _read, data_folder

    return _read(data_folder("templates") / "lexicon" / name, f"templates/lexicon/{name}")


@cache
def reading() -> dict[str, Any]:
    """templates/lexicon/reading.yaml: the genre vocabulary of reading a speech."""
    return _load("reading.yaml")


@cache
def levels() -> dict[str, Any]:
    """templates/lexicon/levels.yaml: the level words (全县、我县、县委、县政府、各乡镇…)."""
    return _load("levels.yaml")


# -- speech parts ---------------------------------------------------------------------------------------------

@cache
def salutation() -> re.Pattern[str]:
    return re.compile(f"(?:{_alt(reading()['salutation'])})[：:]")


@cache
def closing() -> re.Pattern[str]:
    return re.compile(f"^(?:{_alt(reading()['closing_starts'])})[，,]")


@cache
def closing_salutation() -> tuple[str, ...]:
    """The paragraph starts (同志们，) that open a speech's closing wherever they stand."""
    return tuple(f"{w}{p}" for w in reading()["salutation"] for p in "，,")


@cache
def title() -> re.Pattern[str]:
    spec = reading()["title"]
    return re.compile(f"在[^。，,；;]{{2,60}}?(?:{_alt(spec['meetings'])})上的(?:{_alt(spec['leaders'])})?"
                      f"(?:{_alt(spec['speeches'])})")


@cache
def first_line_title() -> re.Pattern[str]:
    return re.compile(f"^[^。，,；;]{{4,50}}(?:{_alt(reading()['title']['speeches'])})(?:稿)?$")


@cache
def part_mark() -> re.Pattern[str]:
    """讲话稿篇二: the page's numbering of the speeches it holds, cut off a title."""
    return re.compile(f"稿?(?:{_alt(reading()['title']['part_marks'])})[{CN_DIGITS}]+$")


def is_junk(text: str) -> bool:
    """Whether a line is page chrome of a scraped speech (download prompts, footers, share notices)."""
    spec = reading()["junk"]
    if any(word in text for word in spec["anywhere"]):
        return True
    if len(text) >= 80:
        return False
    return (any(word in text for word in spec["short"]) or text in spec["short_lines"]
            or text.startswith(tuple(spec["short_starts"])) or bool(_PAGE_LINE.match(text)))


_PAGE_LINE = re.compile(r"^\d+\s*/\s*\d+$|^\d{4}-\d{2}-\d{2}")  # a page counter 1 / 8; a page date
# a heading fused into a long paragraph: 。一、… / 。（二）…
FUSED_HEADING = re.compile(rf"(?<=[。！？：:])(?=(?:[{CN_DIGITS}]{{1,2}}、|[（(][{CN_DIGITS}]{{1,2}}[）)])\S)")
SENTENCE = re.compile(r"[^。！？]+[。！？]")
DATE_LINE = re.compile(r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$")


# -- counts ---------------------------------------------------------------------------------------------------

@cache
def announced() -> re.Pattern[str]:
    spec = reading()["announced"]
    return re.compile(f"(?:{_alt(spec['verbs'])})({CN})({_alt(spec['units'])})")


@cache
def opening_end() -> re.Pattern[str]:
    return re.compile(_alt(reading()["announced"]["opening_ends"]))


@cache
def inline_count() -> re.Pattern[str]:
    measures = _chars("".join(reading()["counts"]["measures"]))
    return re.compile(rf"({CN})(?:[{measures}])(?:“[^”]{{1,8}}”|[{HAN}]{{0,6}})[：:]")


@cache
def slogan() -> re.Pattern[str]:
    spec = reading()["counts"]
    return re.compile(rf"“?({CN})({re.escape(spec['slogan_zero'])}|个“?[^”、，。；]{{0,3}}”?|[{HAN}]{{0,2}}"
                      rf"(?:{_alt(spec['slogans'])}))”?[，,]?(?:{_alt(spec['introducers'])})[：:]?")


@cache
def slogan_strip() -> str:
    return "“”，,：:" + "".join(reading()["counts"]["introducers"])


# -- run-in markers (一是/一要/第一，) -----------------------------------------------------------------------------

RUN_IN = re.compile(rf"(?:^|(?<=[。；：！？，:;!?,]))\s*(?:({CN})([是要])|第({CN})[，,、：:])")
INLINE_CHINESE = re.compile(rf"(?:^|(?<=[。；：:;！？]))\s*({CN})、")


# -- placeholders ---------------------------------------------------------------------------------------------

@cache
def placeholders() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, message) of every kind of unfilled text check reports."""
    spec = reading()["placeholders"]
    return (
        (re.compile(r"[xX]{2,}|[×Ｘｘ]{2,}|[Ｘｘ]"), "占位符“{m}”没有替换"),
        (re.compile(rf"(?<![A-Za-z0-9])[xX×*＊](?=[{_chars(spec['x_before'])}])"), "占位符“{m}”没有替换"),
        (re.compile(r"\{\{[^}]*\}\}|\{%[^%]*%\}|\{[a-z_.]+\}|\$\{[^}]*\}"), "模板占位“{m}”没有填写"),
        (re.compile(r"【[^】]*】"), "“{m}”标记没有删除"),
        (re.compile(_alt(spec["words"])), "“{m}”是未完成的内容"),
        (re.compile(r"“”|《》|（）|\(\)"), "空的“{m}”：这里缺了名称"),
        (re.compile(rf"(?<![0-9])\s+[月日](?=[{HAN}，。]|$)|年\s+月"), "日期缺数字"),
    )


@cache
def mine_placeholder() -> re.Pattern[str]:
    """A sentence mine leaves out of an emitted module: it still holds a placeholder or a deleted name."""
    marks = _alt(reading()["placeholders"]["mine_marks"])
    return re.compile(rf"[xX]{{1,}}|[×Ｘ＊*]+|{marks}|\s月\s*日")


# -- punctuation ----------------------------------------------------------------------------------------------

@cache
def ascii_punctuation() -> re.Pattern[str]:
    """ASCII , ; : ? ! ( ) touching Chinese text. Compiled at first use: a class of every Han character takes
    some 15 ms to compile, which only `check` needs."""
    return re.compile(rf"(?<=[{HAN}“”）])\s*[,;:?!()]|[,;:?!()]\s*(?=[{HAN}“（])")


DOUBLED_PUNCTUATION = re.compile(r"([，。、；：！？])\1|[，、；：][。！？]|[。！？][，、；]")


# -- level words ----------------------------------------------------------------------------------------------

def level_chars() -> list[str]:
    """The levels a speech speaks for by 我X/全X上下 (市, 县, 区, 镇)."""
    return [lv for lv in levels()["levels"] if lv != "省"]


@cache
def own_level() -> re.Pattern[str]:
    """我县 / 全县上下 / 县委、县政府研究: the words a speech names its own level with (group 1, 2 or 3)."""
    chars = "|".join(level_chars())
    return re.compile(rf"我({chars})|全({chars})上下|({chars})委、\3政府{re.escape(reading()['decides'])}")


@cache
def level_slots() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, slot) pairs that turn any level's words into the module slots that render them for a level."""
    spec = levels()
    chars = "".join(level_chars())
    units = [words["units"] for words in (v["words"] for k, v in spec["levels"].items() if k != "省")]
    units.append(spec["department"]["words"]["units"])
    whole_not = _chars(reading()["whole_not_before"])
    kinds = _chars("".join(reading()["our_units"]))
    return (
        (re.compile(rf"([{chars}])委、\1政府"), "{{ own.leaders }}"),
        (re.compile(rf"全([{chars}])上下"), "{{ own.all_up }}"),
        (re.compile(_alt(units)), "{{ own.units }}"),
        (re.compile(rf"全([{chars}])(?![{whole_not}])"), "{{ own.whole }}"),
        (re.compile(rf"我([{chars}{kinds}])"), "{{ own.our }}"),
        (re.compile(re.escape(reading()["system_whole"])), "{{ own.whole }}"),
    )


def formulae() -> list[str]:
    return list(reading()["formulae"])
