"""Repetition in a speech: a sentence said twice, a set phrase used twice. `check` reports these; compose's
self-repair looks for them in its own draft and chooses other variants until none is left."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from drafter.model import Finding
from drafter.numbering import parse_marker
from drafter.patterns import SENTENCE
from drafter.text import count_chars

MIN_SENTENCE = 12  # characters: shorter sentences (要抓好落实。) may recur without being noticed


def quote(text: str, start: int, end: int, margin: int = 8) -> str:
    a, b = max(0, start - margin), min(len(text), end + margin)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def repeated_sentences(paragraphs: list[str]) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, text in enumerate(paragraphs, 1):
        for m in SENTENCE.finditer(text):
            sentence = m.group().strip()
            marker = parse_marker(sentence)
            key = sentence[len(marker.text):] if marker else sentence
            if count_chars(key) < MIN_SENTENCE:
                continue
            if key in seen:
                yield Finding("repeated-sentence", i, sentence[:40], f"这句话与第 {seen[key]} 段重复")
            else:
                seen[key] = i


@functools.cache
def _pattern(expression: str) -> re.Pattern[str]:
    return re.compile(expression)


def repeated_phrases(paragraphs: list[str], patterns: Iterable[tuple[str, str, str]]) -> Iterator[Finding]:
    """Each later use of a phrase-bank entry or listed set phrase (the catalog's phrase_patterns)."""
    joined = "\n".join(paragraphs)
    for _label, anchor, pattern in patterns:
        if joined.count(anchor) < 2:  # every match contains the anchor: fewer than two, no repeat
            continue
        hits = [(i, m) for i, text in enumerate(paragraphs, 1) for m in _pattern(pattern).finditer(text)]
        for i, m in hits[1:]:
            first = hits[0][0]
            yield Finding("repeated-phrase", i, quote(paragraphs[i - 1], m.start(), m.end(), 0),
                          f"套语重复使用（第 {first} 段已用过）")
