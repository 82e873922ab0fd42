"""Every numbering rule of a speech in one place: markers per level, run-in styles, and their parsing.

compose uses `format_marker` to number; check and mine use `parse_marker` to read numbering back.
"""

import re
from dataclasses import dataclass

from drafter.patterns import CN
from drafter.text import cn_number, parse_cn_number

# Level markers of GB/T 9704: 一、 → （一） → 1. → （1）
LEVEL_STYLES = ("chinese", "paren_chinese", "arabic", "paren_arabic")
# Run-in markers for points inside a paragraph; siblings share one of these.
RUN_IN_STYLES = ("shi", "yao", "di")


def format_marker(style: str, n: int) -> str:
    """The marker text for item n (1-based) in a numbering style, including its own punctuation."""
    match style:
        case "chinese":
            return f"{cn_number(n)}、"
        case "paren_chinese":
            return f"（{cn_number(n)}）"
        case "arabic":
            return f"{n}."
        case "paren_arabic":
            return f"（{n}）"
        case "shi":
            return f"{cn_number(n)}是"
        case "yao":
            return f"{cn_number(n)}要"
        case "di":
            return f"第{cn_number(n)}，"
    raise ValueError(f"unknown numbering style {style!r}")


@dataclass(frozen=True)
class Marker:
    style: str
    number: int
    text: str


_CN = CN  # one numeral pattern for compose, check and mine (drafter.patterns)
_PATTERNS = (
    ("paren_chinese", re.compile(rf"^[（(]({_CN})[）)]")),
    ("chinese", re.compile(rf"^({_CN})[、，,．.]")),
    ("paren_arabic", re.compile(r"^[（(](\d{1,2})[）)]")),
    ("arabic", re.compile(r"^(\d{1,2})[.．、](?!\d)")),
    ("di", re.compile(rf"^第({_CN})[，,、：:]?")),
    ("shi", re.compile(rf"^({_CN})是")),
    ("yao", re.compile(rf"^({_CN})要")),
)


def parse_marker(text: str) -> Marker | None:
    """Read the numbering marker at the start of a paragraph or sentence, if any."""
    stripped = text.lstrip()
    for style, pattern in _PATTERNS:
        m = pattern.match(stripped)
        if not m:
            continue
        raw = m.group(1)
        number = int(raw) if raw.isdigit() else parse_cn_number(raw)
        if number:
            return Marker(style, number, m.group(0))
    return None
