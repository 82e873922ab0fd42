"""Chinese text helpers shared by compose, the writers and the readers: numerals, punctuation, counting."""

import re
from datetime import date
from functools import cache

_DIGITS = "零一二三四五六七八九"
CJK = r"\u3400-\u9fff\uf900-\ufaff"
# Characters that count as "Chinese context" when deciding whether ASCII punctuation is misplaced.
_CJK_CONTEXT = CJK + "“”‘’（）《》、，。；：？！"

_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@cache
def _ascii_between_cjk() -> re.Pattern[str]:
    """Compiled at first use (some 15 ms for the CJK class): most texts have no ASCII mark to swap."""
    return re.compile(rf"(?<=[{_CJK_CONTEXT}])\s*([,;:?!()])\s*|\s*([,;:?!()])\s*(?=[{_CJK_CONTEXT}])")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for any count in a speech)."""
    if n < 0 or n >= 100:
        raise ValueError(f"cn_number supports 0–99, got {n}")
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def cn_count(n: int) -> str:
    """A count before a measure word: 两点意见, not 二点意见 (12 stays 十二)."""
    return "两" if n == 2 else cn_number(n)


def parse_cn_number(text: str) -> int | None:
    """Inverse of cn_number for 一…九十九 (also accepts 两); None when the text is not such a numeral."""
    text = text.replace("两", "二")
    if not text or any(ch not in _DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    head, _, tail = text.partition("十")
    tens = _DIGITS.index(head) if head else 1
    ones = _DIGITS.index(tail) if tail else 0
    if len(head) > 1 or len(tail) > 1:
        return None
    return tens * 10 + ones


def fullwidth_punctuation(text: str) -> str:
    """Turn ASCII , ; : ? ! ( ) that touch Chinese text into their full-width forms."""

    def swap(match: re.Match[str]) -> str:
        return _ASCII_TO_FULL[match.group(1) or match.group(2)]

    if not any(mark in text for mark in _ASCII_TO_FULL):  # the usual case: nothing to swap, no regex scan
        return text
    return _ascii_between_cjk().sub(swap, text)


def count_chars(text: str) -> int:
    """Characters as a clerk counts them: everything but whitespace."""
    return sum(map(len, text.split()))  # str.split() cuts at exactly the characters str.isspace() names


def spoken_chars(paragraphs: list[str]) -> int:
    """A draft's length as `outline` and `check` both report it: what the speaker says, from the salutation
    (同志们：) on — the title, speaker and date lines above it are not read out. With no salutation among
    the first lines, every paragraph counts."""
    start = next((i for i, p in enumerate(paragraphs[:6]) if p.strip().endswith("：") and count_chars(p) <= 24), 0)
    return sum(count_chars(p) for p in paragraphs[start:])


def format_number(value: float) -> str:
    """30.0 → '30', 8.5 → '8.5' — numbers as they are printed in a speech."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def strip_final_punctuation(text: str) -> str:
    return text.strip().rstrip("。；，、.;,!！")


def cn_date(day: date) -> str:
    """2026年3月16日 (no leading zeros; strftime's %-m does not exist on Windows)."""
    return f"{day.year}年{day.month}月{day.day}日"
