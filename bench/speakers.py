"""How alike two speakers' drafts of one meeting read: the share of character 6-grams two drafts have in
common once level words and names are masked (issue 9 asks under 40% for a 书记 and a 县长 at one meeting).

    masked(text) = text with every level word of templates/lexicon/levels.yaml (全县、县委、县委、县政府 …, all
                   levels and the department words), the place, unit and speaker names and titles replaced by □,
                   whitespace removed
    overlap(a, b) = |6grams(masked a) ∩ 6grams(masked b)| / min(|6grams(masked a)|, |6grams(masked b)|)

Usage: python bench/speakers.py   (prints the overlap of every pair of speakers in the meeting matrix)"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MASK = "□"


def level_words(levels: dict[str, Any]) -> set[str]:
    """Every word the level lexicon can put in a draft (department words with each unit kind)."""
    words: set[str] = set()
    for spec in levels["levels"].values():
        words |= {str(w) for w in spec["words"].values()}
    kinds = levels["department"].get("kinds", ["局"])
    for word in levels["department"]["words"].values():
        words |= {str(word).replace("{u}", kind) for kind in kinds}
    return {w for w in words if len(w) > 1}


def masked(text: str, words: set[str]) -> str:
    text = "".join(ch for ch in text if not ch.isspace())
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, MASK)
    return text


def ngrams(text: str, n: int = 6) -> set[str]:
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def overlap(a: str, b: str, words: set[str]) -> float:
    ga, gb = ngrams(masked(a, words)), ngrams(masked(b, words))
    return len(ga & gb) / min(len(ga), len(gb))


def config_words(config: Any) -> set[str]:
    """The names a config brings: place (with its level suffixes), unit, speaker's name and title."""
    loc = config.locality
    out = {loc.name, *(loc.name + s for s in "省市县区镇"), config.speaker.title}
    out |= {v for v in (loc.unit, config.speaker.name) if v}
    return {w for w in out if w}


def draft(data: dict[str, Any]) -> tuple[str, Any]:
    from drafter.catalog import load_catalog
    from drafter.compose import compose_speech, prepare
    from drafter.config.loader import ConfigSource
    from drafter.config.model import Config

    catalog = load_catalog()
    config = Config.model_validate(data)
    request = prepare(ConfigSource(Path("bench.yaml"), config, None), catalog)
    return compose_speech(request, catalog).body_text(), config


def speaker_overlap(base: dict[str, Any], title_a: str, title_b: str) -> float:
    """The overlap of the drafts two titles give for one config (no seed)."""
    from drafter.catalog import load_catalog

    words = level_words(load_catalog().levels)
    a, config_a = draft({**base, "speaker": {"title": title_a}})
    b, config_b = draft({**base, "speaker": {"title": title_b}})
    return overlap(a, b, words | config_words(config_a) | config_words(config_b))


MEETINGS = [
    ("营商环境", "全县优化营商环境大会"),
    ("招商引资", "全县招商引资暨优化营商环境大会"),
    ("作风建设", "全县作风整顿暨优化营商环境大会"),
    ("工业经济", "全县上半年工业经济运行分析会"),
    ("项目建设", "全县项目建设推进会"),
    ("作风建设", "全县警示教育大会"),
    ("招商引资", "全县招商引资工作总结表彰大会"),
]


PAIRS = [("县", "临川", "县委书记", "县长"), ("市", "临川", "市委书记", "市长"), ("镇", "石门", "镇党委书记", "镇长")]
DAYS = ("2019-04-10", "2026-03-16", "2026-07-20", "2026-12-01")


def main() -> None:
    """Every meeting × level pair × date, without a seed and with one seed (7) both configs share."""
    rows = []
    print("| meeting | level | secretary vs head, no seed (min / mean / max over dates) | same seed 7 |")
    print("|---|---|---|---|")
    for theme, name in MEETINGS:
        for level, place, secretary, head in PAIRS:
            own = name.replace("全县", f"全{level}")
            shares = {}
            for seed in (None, 7):
                values = []
                for day in DAYS:
                    base = {"meeting": {"name": own, "date": day}, "locality": {"name": place, "level": level},
                            "theme": theme, **({"seed": seed} if seed is not None else {})}
                    values.append(speaker_overlap(base, secretary, head))
                shares[seed] = values
                rows += values
            free, fixed = shares[None], shares[7]
            print(f"| {own} | {level} | {min(free):.0%} / {sum(free) / len(free):.0%} / {max(free):.0%} | "
                  f"{min(fixed):.0%} / {sum(fixed) / len(fixed):.0%} / {max(fixed):.0%} |")
    print(f"\nall {len(rows)} pairs: mean {sum(rows) / len(rows):.0%}, max {max(rows):.0%}")


if __name__ == "__main__":
    main()
