"""`drafter check`: the mistakes that embarrass a leader, found in any draft with their location.

Each rule reads the draft's non-empty paragraphs (numbered from 1, as a clerk counts them) and returns
findings; `check_paragraphs` runs them all. Numbering is read with drafter.numbering, the same rules compose
writes with."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from drafter.catalog import Catalog
from drafter.numbering import RUN_IN_STYLES, format_marker, parse_marker
from drafter.overlap import CorpusIndex, default_index_path
from drafter.text import count_chars, parse_cn_number, spoken_chars

PACE = 200
LEVEL_OF = {"chinese": 1, "paren_chinese": 2, "arabic": 3, "paren_arabic": 4}
CN = "[一二三四五六七八九十两]{1,3}"


@dataclass(frozen=True)
class Finding:
    rule: str
    paragraph: int
    quote: str
    message: str


def _quote(text: str, start: int, end: int, margin: int = 8) -> str:
    a, b = max(0, start - margin), min(len(text), end + margin)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


# -- placeholders ---------------------------------------------------------------------------------------------

_PLACEHOLDERS = (
    (re.compile(r"[xX]{2,}|[×Ｘｘ]{2,}|[Ｘｘ]"), "占位符“{m}”没有替换"),
    (re.compile(r"(?<![A-Za-z0-9])[xX×*＊](?=[县市区镇乡村月日年亿万个天亩家项届次号])"), "占位符“{m}”没有替换"),
    (re.compile(r"\{\{[^}]*\}\}|\{%[^%]*%\}|\{[a-z_.]+\}|\$\{[^}]*\}"), "模板占位“{m}”没有填写"),
    (re.compile(r"【[^】]*】"), "“{m}”标记没有删除"),
    (re.compile(r"待补|待定|待填|某某|None|null|undefined|TODO"), "“{m}”是未完成的内容"),
    (re.compile(r"“”|《》|（）|\(\)"), "空的“{m}”：这里缺了名称"),
    (re.compile(r"(?<![0-9])\s+[月日](?=[\u4e00-\u9fff，。]|$)|年\s+月"), "日期缺数字"),
)


def rule_placeholder(paragraphs: list[str], **_) -> Iterable[Finding]:
    for i, text in enumerate(paragraphs, 1):
        for pattern, message in _PLACEHOLDERS:
            for m in pattern.finditer(text):
                yield Finding("placeholder", i, _quote(text, m.start(), m.end()), message.format(m=m.group().strip()))


# -- numbering ------------------------------------------------------------------------------------------------

_RUN_IN = re.compile(rf"(?:^|(?<=[。；：！？，:;!?,]))\s*(?:({CN})([是要])|第({CN})[，,、：:])")


def run_in_markers(text: str) -> list[tuple[str, int, int, int]]:
    """(style, number, start, end) of the run-in markers 一是/一要/第一， at sentence starts in a paragraph."""
    out = []
    for m in _RUN_IN.finditer(text):
        if m.group(1):
            style, number = ("shi" if m.group(2) == "是" else "yao"), parse_cn_number(m.group(1))
        else:
            style, number = "di", parse_cn_number(m.group(3))
        if number:
            out.append((style, number, m.start(), m.end()))
    return out


_SALUTATION = re.compile(r"同志们[：:]")


def speech_starts(paragraphs: list[str]) -> list[int]:
    """0-based indices where a speech begins (its 同志们：), so a file holding several speeches is read as such."""
    starts = [i for i, text in enumerate(paragraphs) if _SALUTATION.search(text[:40])]
    return starts or [0]


def rule_numbering(paragraphs: list[str], **_) -> Iterable[Finding]:
    last: dict[int, int] = {}
    run_style: str | None = None
    run_last = 0
    run_styles: set[str] = set()
    starts = set(speech_starts(paragraphs))
    for i, text in enumerate(paragraphs, 1):
        if i - 1 in starts:
            last, run_style, run_last, run_styles = {}, None, 0, set()
        marker = parse_marker(text)
        if marker and marker.style in LEVEL_OF and not (marker.style == "arabic" and re.match(r"\d+\.\d", text)):
            level = LEVEL_OF[marker.style]
            expected = last.get(level, 0) + 1
            quote = text[:20]
            if marker.number == expected - 1:
                yield Finding("numbering", i, quote, f"序号“{marker.text}”重复了")
            elif marker.number > expected:
                yield Finding("numbering", i, quote,
                              f"序号跳号：这里是“{marker.text}”，按顺序应为“{_format(marker.style, expected)}”")
            elif marker.number == 1 and level > 1 and expected > 1:
                yield Finding("numbering", i, quote,
                              f"“{marker.text}”重新编号，但前面没有新的上一级标题（可能漏了一个标题）")
            elif marker.number != expected:
                yield Finding("numbering", i, quote,
                              f"序号倒退：这里是“{marker.text}”，前面已到“{_format(marker.style, expected - 1)}”")
            last[level] = marker.number
            for deeper in [lv for lv in last if lv > level]:
                del last[deeper]
            run_style, run_last, run_styles = None, 0, set()
        for style, number, start, end in run_in_markers(text):
            quote = _quote(text, start, end)
            label = text[start:end].strip()
            if number == 1:
                run_style, run_last, run_styles = style, 1, {style}
                continue
            if run_style is None:
                yield Finding("numbering", i, quote, f"“{label}”前面没有“{_format(style, 1)}”")
            elif number == run_last:
                yield Finding("numbering", i, quote, f"“{label}”重复了")
            elif number != run_last + 1:
                yield Finding("numbering", i, quote,
                              f"序号跳号：“{_format(run_style, run_last)}”之后是“{label}”，缺了“{_format(style, run_last + 1)}”")
            if run_style is not None and style not in run_styles:
                yield Finding("numbering", i, quote,
                              f"同一组序号混用：前面用“{_format(run_style, 1)}”，这里用“{label}”")
            run_styles.add(style)
            run_style = run_style or style
            run_last = number


def _format(style: str, n: int) -> str:
    text = format_marker(style, max(n, 1))
    return text.rstrip("，") if style in RUN_IN_STYLES else text


# -- announced counts -----------------------------------------------------------------------------------------

ANNOUNCED = re.compile(rf"(?:讲|谈|强调|提|提出|有)({CN})(点意见|个问题|个方面|点要求|个要求|方面的意见|点)")


def announced_count(paragraphs: list[str]) -> int | None:
    """The count an opening announces (下面，我讲三点意见 → 3), the last one if several; None if none."""
    found = None
    for text in paragraphs:
        for m in ANNOUNCED.finditer(text):
            found = parse_cn_number(m.group(1))
    return found
_INLINE_COUNT = re.compile(rf"({CN})(?:个|点|条|项|件|种)(?:“[^”]{{1,8}}”|[\u4e00-\u9fff]{{0,6}})[：:]")


# 四零标准，即零A、零B… / 三项工程，就是A、B… — a numbered slogan whose items follow, separated by 、
def _slogan_items(text: str) -> list[tuple[int, int, int, int]]:
    """(announced, items, start, end) for 四零标准-style slogans followed by a 、-separated list in one sentence."""
    out = []
    for m in re.finditer(rf"“?({CN})(零|个“?[^”、，。；]{{0,3}}”?|[\u4e00-\u9fff]{{0,2}}(?:标准|工程|行动|清单))”?[，,]?(?:即|就是)[：:]?", text):
        announced = parse_cn_number(m.group(1))
        sentence = re.match(r"[^。；！？]*", text[m.end():]).group()
        items = [part for part in re.split(r"、", sentence) if part]
        if announced and announced >= 2 and len(items) >= 2:  # 一个好项目就是… is not an enumeration
            out.append((announced, len(items), m.start(), m.end()))
    return out


def rule_count(paragraphs: list[str], **_) -> Iterable[Finding]:
    bounds = [*speech_starts(paragraphs), len(paragraphs)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        sections = [i for i in range(start + 1, end + 1)
                    if (m := parse_marker(paragraphs[i - 1])) and m.style == "chinese"]
        first_section = sections[0] if sections else end + 1
        for i in range(start + 1, first_section):
            text = paragraphs[i - 1]
            for m in ANNOUNCED.finditer(text):
                announced = parse_cn_number(m.group(1))
                if announced and sections and announced != len(sections):
                    yield Finding("count", i, _quote(text, m.start(), m.end()),
                                  f"宣布“{m.group(1)}{m.group(2)}”，正文实有 {len(sections)} 个部分")
    for i, text in enumerate(paragraphs, 1):
        for announced, items, start, end in _slogan_items(text):
            if announced != items:
                yield Finding("count", i, _quote(text, start, end),
                              f"“{text[start:end].strip('“”，,：:即就是')}”说有 {announced} 项，后面列了 {items} 项")
        for m in _INLINE_COUNT.finditer(text):
            announced = parse_cn_number(m.group(1))
            items = _list_after(paragraphs, i - 1, m.end())
            if announced and announced >= 2 and items and items != announced:
                yield Finding("count", i, _quote(text, m.start(), m.end()),
                              f"说“{m.group(0).rstrip('：:')}”，后面列了 {items} 项")


_INLINE_CHINESE = re.compile(rf"(?:^|(?<=[。；：:;！？]))\s*({CN})、")


def _markers(text: str) -> list[tuple[str, int, int]]:
    """(kind, number, position) of list markers at sentence starts: run-in (一是/一要/第一) or inline 一、."""
    found = [("run-in", n, start) for _, n, start, _ in run_in_markers(text)]
    found += [("chinese", parse_cn_number(m.group(1)) or 0, m.start()) for m in _INLINE_CHINESE.finditer(text)]
    return sorted(found, key=lambda f: f[2])


def _list_after(paragraphs: list[str], index: int, offset: int) -> int:
    """How many items the list that starts right after `offset` has (一是… or 一、…), following it into later
    paragraphs until it restarts, breaks its sequence, or a heading of another kind begins."""
    kind, expected = None, 1
    for j in range(index, len(paragraphs)):
        body = "。" + paragraphs[j][offset:] if j == index else paragraphs[j]
        lead = parse_marker(body) if j > index else None
        if j > index and lead and lead.style in LEVEL_OF and not (kind == "chinese" and lead.style == "chinese"):
            break
        for marker_kind, number, position in _markers(body):
            if kind is None:
                if number != 1 or (j == index and position > 2):
                    return 0
                kind = marker_kind
            if marker_kind != kind:
                continue
            if number != expected:
                return expected - 1
            expected += 1
        if kind is None:
            return 0
    return expected - 1


# -- level words ----------------------------------------------------------------------------------------------

_OWN = re.compile(r"我(市|县|区|镇)|全(市|县|区|镇)上下|(市|县|区|镇)委、\3政府研究")


def rule_level(paragraphs: list[str], **_) -> Iterable[Finding]:
    uses: dict[str, list[tuple[int, int, int]]] = {}
    for i, text in enumerate(paragraphs, 1):
        for m in _OWN.finditer(text):
            level = m.group(1) or m.group(2) or m.group(3)
            uses.setdefault(level, []).append((i, m.start(), m.end()))
    if len(uses) < 2:
        return
    main = max(uses, key=lambda lv: len(uses[lv]))
    for level, places in uses.items():
        if level == main:
            continue
        for i, start, end in places:
            text = paragraphs[i - 1]
            yield Finding("level", i, _quote(text, start, end),
                          f"本级称谓矛盾：全文以“{main}”自称（{len(uses[main])} 处），这里却是“{text[start:end]}”")


# -- punctuation ----------------------------------------------------------------------------------------------

_ASCII = re.compile(r"(?<=[\u4e00-\u9fff“”）])\s*[,;:?!()]|[,;:?!()]\s*(?=[\u4e00-\u9fff“（])")
_DOUBLED = re.compile(r"([，。、；：！？])\1|[，、；：][。！？]|[。！？][，、；]")


def rule_punctuation(paragraphs: list[str], **_) -> Iterable[Finding]:
    for i, text in enumerate(paragraphs, 1):
        found = list(_ASCII.finditer(text))
        if found:
            m = found[0]
            more = f"（本段共 {len(found)} 处）" if len(found) > 1 else ""
            yield Finding("punctuation", i, _quote(text, m.start(), m.end()),
                          f"中文之间用了半角标点“{m.group().strip()}”，应为全角{more}")
        for m in _DOUBLED.finditer(text):
            yield Finding("doubled-punctuation", i, _quote(text, m.start(), m.end()), f"标点重复“{m.group()}”")


# -- repetition -----------------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。！？]+[。！？]")


def rule_repeated_sentence(paragraphs: list[str], **_) -> Iterable[Finding]:
    seen: dict[str, int] = {}
    for i, text in enumerate(paragraphs, 1):
        for m in _SENTENCE.finditer(text):
            sentence = m.group().strip()
            marker = parse_marker(sentence)
            key = sentence[len(marker.text):] if marker else sentence
            if count_chars(key) < 12:
                continue
            if key in seen:
                yield Finding("repeated-sentence", i, sentence[:40], f"这句话与第 {seen[key]} 段重复")
            else:
                seen[key] = i


def rule_repeated_phrase(paragraphs: list[str], patterns: list[tuple[str, str, re.Pattern[str]]] = (), **_):
    joined = "\n".join(paragraphs)
    for _label, anchor, pattern in patterns:
        if joined.count(anchor) < 2:  # every match contains the anchor: fewer than two, no repeat
            continue
        hits = [(i, m) for i, text in enumerate(paragraphs, 1) for m in pattern.finditer(text)]
        for i, m in hits[1:]:
            first = hits[0][0]
            yield Finding("repeated-phrase", i, _quote(paragraphs[i - 1], m.start(), m.end(), 0),
                          f"套语重复使用（第 {first} 段已用过）")


# -- corpus overlap -------------------------------------------------------------------------------------------

def rule_overlap(paragraphs: list[str], index: CorpusIndex | None = None, **_) -> Iterable[Finding]:
    if index is None:
        return
    offsets, text = [], ""
    from drafter.overlap import normalise

    for i, paragraph in enumerate(paragraphs, 1):
        offsets.append((len(text), i))
        text += normalise(paragraph) + "|"
    for run in index.shared_runs(text):
        paragraph = max((i for start, i in offsets if start <= run.position), default=1)
        yield Finding("overlap", paragraph, run.text[:60] + ("…" if len(run.text) > 60 else ""),
                      f"与语料“{run.source}”连续 {len(run.text)} 字相同（查重会标出）")


# -- length ---------------------------------------------------------------------------------------------------

def rule_length(paragraphs: list[str], target: int | None = None, **_) -> Iterable[Finding]:
    if target is None:
        return
    chars = spoken_chars(paragraphs)
    if abs(chars - target) > 0.15 * target:
        yield Finding("length", 1, paragraphs[0][:20] if paragraphs else "",
                      f"全文 {chars} 字，目标 {target} 字，超出 ±15%")


RULES: dict[str, Callable[..., Iterable[Finding]]] = {
    "placeholder": rule_placeholder,
    "numbering": rule_numbering,
    "count": rule_count,
    "level": rule_level,
    "punctuation": rule_punctuation,
    "repeated-sentence": rule_repeated_sentence,
    "repeated-phrase": rule_repeated_phrase,
    "overlap": rule_overlap,
    "length": rule_length,
}
RULE_IDS = (*RULES, "doubled-punctuation")


@dataclass(frozen=True)
class Report:
    file: str
    chars: int
    minutes: float
    findings: list[Finding]

    def as_dict(self) -> dict:
        return {"file": self.file, "chars": self.chars, "minutes": self.minutes,
                "findings": [asdict(f) for f in self.findings]}


def check_paragraphs(paragraphs: list[str], *, source: str, catalog: Catalog, index: CorpusIndex | None,
                     ignore: Iterable[str] = (), target: int | None = None, pace: int = PACE) -> Report:
    skip = set(ignore)
    findings: list[Finding] = []
    patterns = catalog.phrase_patterns if "repeated-phrase" not in skip else []
    for rule_id, rule in RULES.items():
        if rule_id in skip:
            continue
        findings += rule(paragraphs, index=index, patterns=patterns, target=target)
    findings = [f for f in findings if f.rule not in skip]
    findings.sort(key=lambda f: (f.paragraph, RULE_IDS.index(f.rule)))
    chars = spoken_chars(paragraphs)
    return Report(file=source, chars=chars, minutes=round(chars / pace, 1), findings=findings)


def check_file(path: str | Path, *, catalog: Catalog, corpus: str | Path | None, ignore: Iterable[str] = (),
               target: int | None = None, pace: int = PACE) -> Report:
    from drafter.catalog import data_folder
    from drafter.readers import read_paragraphs

    paragraphs = read_paragraphs(path)
    index = None
    if "overlap" not in set(ignore):
        if corpus:
            index = CorpusIndex(Path(corpus))
            if Path(path).resolve().is_relative_to(Path(corpus).resolve()):  # a draft is no copy of itself
                index.skip_names.add(str(Path(path).resolve().relative_to(Path(corpus).resolve())))
        else:  # the bundled seeds live inside the installed package: keep their index in the user's cache
            seeds = Path(str(data_folder("seeds")))
            index = CorpusIndex(seeds, default_index_path(seeds, beside=False))
    return check_paragraphs(paragraphs, source=str(path), catalog=catalog, index=index, ignore=ignore,
                            target=target, pace=pace)
