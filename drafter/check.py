"""`drafter check`: the mistakes that embarrass a leader, found in any draft with their location.

Each rule reads the draft's non-empty paragraphs (numbered from 1, as a clerk counts them) and returns
findings; `check_paragraphs` runs them all. Numbering is read with drafter.numbering, the same rules compose
writes with."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from drafter import patterns as pt
from drafter.catalog import Catalog
from drafter.model import Finding
from drafter.numbering import RUN_IN_STYLES, format_marker, parse_marker
from drafter.overlap import CorpusIndex, default_index_path
from drafter.reader import Document, announced_count, parse_document, read_document, run_in_markers
from drafter.repetition import quote as _quote
from drafter.repetition import repeated_phrases, repeated_sentences
from drafter.semantic import (
    NO_GIVEN,
    Given,
    rule_agenda,
    rule_consistency,
    rule_era,
    rule_level,
    rule_role,
    rule_timing,
)
from drafter.text import parse_cn_number, spoken_chars

PACE = 200
LEVEL_OF = {"chinese": 1, "paren_chinese": 2, "arabic": 3, "paren_arabic": 4}
__all__ = ["Finding", "announced_count", "run_in_markers", "check_paragraphs", "check_file", "RULES", "RULE_IDS"]


# -- placeholders ---------------------------------------------------------------------------------------------

def rule_placeholder(paragraphs: list[str], **_) -> Iterable[Finding]:
    for i, text in enumerate(paragraphs, 1):
        for pattern, message in pt.placeholders():
            for m in pattern.finditer(text):
                yield Finding("placeholder", i, _quote(text, m.start(), m.end()), message.format(m=m.group().strip()))


# -- numbering ------------------------------------------------------------------------------------------------

def rule_numbering(paragraphs: list[str], document: Document, **_) -> Iterable[Finding]:
    last: dict[int, int] = {}
    run_style: str | None = None
    run_last = 0
    run_styles: set[str] = set()
    starts = {speech.start for speech in document.speeches}  # numbering starts again with each speech
    for i, text in enumerate(paragraphs, 1):
        if i in starts:
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

# 四零标准，即零A、零B… / 三项工程，就是A、B… — a numbered slogan whose items follow, separated by 、
def _slogan_items(text: str) -> list[tuple[int, int, int, int]]:
    """(announced, items, start, end) for 四零标准-style slogans followed by a 、-separated list in one sentence."""
    out = []
    for m in pt.slogan().finditer(text):
        announced = parse_cn_number(m.group(1))
        sentence = re.match(r"[^。；！？]*", text[m.end():]).group()
        items = [part for part in re.split(r"、", sentence) if part]
        if announced and announced >= 2 and len(items) >= 2:  # 一个好项目就是… is not an enumeration
            out.append((announced, len(items), m.start(), m.end()))
    return out


def rule_count(paragraphs: list[str], document: Document, **_) -> Iterable[Finding]:
    reported: set[tuple[int, int]] = set()  # (paragraph, position) of announcements already reported
    for speech in document.speeches:  # the opening's announcement against the speech's numbered sections
        headed = [s for s in speech.sections if s.marker]
        if not headed:
            continue
        fused = {s.number for s in speech.sections}
        for i in sorted({p.number for p in speech.opening if p.number}):
            text = paragraphs[i - 1]
            if i in fused and (cut := pt.FUSED_HEADING.search(text)):
                text = text[:cut.start()]  # the first heading was glued to the opening: count only before it
            for m in pt.announced().finditer(text):
                announced = parse_cn_number(m.group(1))
                if announced and announced != len(headed):
                    reported.update((i, pos) for pos in range(m.start(), m.end()))
                    yield Finding("count", i, _quote(paragraphs[i - 1], m.start(), m.end()),
                                  f"宣布“{m.group(1)}{m.group(2)}”，正文实有 {len(headed)} 个部分")
    for i, text in enumerate(paragraphs, 1):
        for announced, items, start, end in _slogan_items(text):
            if announced != items:
                yield Finding("count", i, _quote(text, start, end),
                              f"“{text[start:end].strip(pt.slogan_strip())}”说有 {announced} 项，后面列了 {items} 项")
        for m in pt.inline_count().finditer(text):
            announced = parse_cn_number(m.group(1))
            items = _list_after(paragraphs, i - 1, m.end())
            if announced and announced >= 2 and items and items != announced and (i, m.start()) not in reported:
                yield Finding("count", i, _quote(text, m.start(), m.end()),
                              f"说“{m.group(0).rstrip('：:')}”，后面列了 {items} 项")


def _markers(text: str) -> list[tuple[str, int, int]]:
    """(kind, number, position) of list markers at sentence starts: run-in (一是/一要/第一) or inline 一、."""
    found = [("run-in", n, start) for _, n, start, _ in run_in_markers(text)]
    found += [("chinese", parse_cn_number(m.group(1)) or 0, m.start()) for m in pt.INLINE_CHINESE.finditer(text)]
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


# -- punctuation ----------------------------------------------------------------------------------------------

def rule_punctuation(paragraphs: list[str], **_) -> Iterable[Finding]:
    for i, text in enumerate(paragraphs, 1):
        found = list(pt.ascii_punctuation().finditer(text))
        if found:
            m = found[0]
            more = f"（本段共 {len(found)} 处）" if len(found) > 1 else ""
            yield Finding("punctuation", i, _quote(text, m.start(), m.end()),
                          f"中文之间用了半角标点“{m.group().strip()}”，应为全角{more}")
        for m in pt.DOUBLED_PUNCTUATION.finditer(text):
            yield Finding("doubled-punctuation", i, _quote(text, m.start(), m.end()), f"标点重复“{m.group()}”")


# -- repetition -----------------------------------------------------------------------------------------------

def rule_repeated_sentence(paragraphs: list[str], **_) -> Iterable[Finding]:
    return repeated_sentences(paragraphs)


def rule_repeated_phrase(paragraphs: list[str], patterns: list[tuple[str, str, re.Pattern[str]]] = (), **_):
    return repeated_phrases(paragraphs, patterns)


# -- corpus overlap -------------------------------------------------------------------------------------------

def rule_overlap(paragraphs: list[str], index: CorpusIndex | None = None, document: Document | None = None,
                 **_) -> Iterable[Finding]:
    """Runs shared with the corpus; in a draft that says its text comes from the unit's archive (an archive
    theme's note) they are reuse of the archive, reported as such under their own rule."""
    if index is None:
        return
    reuse = bool(document is not None and document.note)
    offsets, text = [], ""
    from drafter.overlap import normalise

    for i, paragraph in enumerate(paragraphs, 1):
        offsets.append((len(text), i))
        text += normalise(paragraph) + "|"
    for run in index.shared_runs(text):
        paragraph = max((i for start, i in offsets if start <= run.position), default=1)
        quote = run.text[:60] + ("…" if len(run.text) > 60 else "")
        if reuse:
            yield Finding("reuse", paragraph, quote, f"沿用档案原文：与“{run.source}”连续 {len(run.text)} 字相同"
                                                     "（稿子注明取自本单位档案；查重会标出，--ignore reuse 不再提示）")
        else:
            yield Finding("overlap", paragraph, quote, f"与语料“{run.source}”连续 {len(run.text)} 字相同（查重会标出）")


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
    "era": rule_era,
    "role": rule_role,
    "timing": rule_timing,
    "agenda": rule_agenda,
    "consistency": rule_consistency,
    "punctuation": rule_punctuation,
    "repeated-sentence": rule_repeated_sentence,
    "repeated-phrase": rule_repeated_phrase,
    "overlap": rule_overlap,
    "length": rule_length,
}
RULE_IDS = (*RULES, "doubled-punctuation", "reuse")


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
                     ignore: Iterable[str] = (), target: int | None = None, pace: int = PACE,
                     given: Given = NO_GIVEN) -> Report:
    return check_document(parse_document(paragraphs, source), catalog=catalog, index=index, ignore=ignore,
                          target=target, pace=pace, given=given)


def check_document(document: Document, *, catalog: Catalog, index: CorpusIndex | None, ignore: Iterable[str] = (),
                   target: int | None = None, pace: int = PACE, given: Given = NO_GIVEN) -> Report:
    """Run every rule not ignored over a document read by drafter.reader (page junk is not read)."""
    skip = set(ignore)
    paragraphs = ["" if i in document.junk else text for i, text in enumerate(document.paragraphs, 1)]
    findings: list[Finding] = []
    patterns = catalog.phrase_patterns if "repeated-phrase" not in skip else []
    for rule_id, rule in RULES.items():
        if rule_id in skip:
            continue
        findings += rule(paragraphs, document=document, index=index, patterns=patterns, target=target,
                         catalog=catalog, given=given)
    findings = [f for f in findings if f.rule not in skip]
    findings.sort(key=lambda f: (f.paragraph, RULE_IDS.index(f.rule)))
    chars = spoken_chars(paragraphs)
    return Report(file=document.source, chars=chars, minutes=round(chars / pace, 1), findings=findings)


def check_file(path: str | Path, *, catalog: Catalog, corpus: str | Path | None, ignore: Iterable[str] = (),
               target: int | None = None, pace: int = PACE, given: Given = NO_GIVEN) -> Report:
    from drafter.catalog import data_folder

    document = read_document(path)
    if not document.note and Path(path).suffix.lower() == ".docx":  # a .docx carries the note as a comment
        from drafter.readers import docx_comments

        mark = pt.reading()["draft_note"]
        comments = docx_comments(Path(path))
        if mark in comments:
            document.note = comments[comments.index(mark):]
    index = None
    if "overlap" not in set(ignore):
        if corpus:
            index = CorpusIndex(Path(corpus))
            if Path(path).resolve().is_relative_to(Path(corpus).resolve()):  # a draft is no copy of itself
                index.skip_names.add(str(Path(path).resolve().relative_to(Path(corpus).resolve())))
        else:  # the bundled seeds live inside the installed package: keep their index in the user's cache
            seeds = Path(str(data_folder("seeds")))
            index = CorpusIndex(seeds, default_index_path(seeds, beside=False))
    return check_document(document, catalog=catalog, index=index, ignore=ignore, target=target, pace=pace,
                          given=given)
