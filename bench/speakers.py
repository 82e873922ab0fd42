"""How alike drafts that must differ read (issues 9 and 14): two speakers at one meeting, one speaker's
post at two levels of one meeting kind, two seeds of one config — per theme, over a fixed grid of configs.
Targets: under 40% of character 6-grams shared for speaker and level pairs (level words and names masked),
under 50% for two seeds (plain text).

    masked(text) = text with every level word of templates/lexicon/levels.yaml (全县、县委、县委、县政府 …, all
                   levels and the department words), the place, unit and speaker names and titles replaced by □,
                   whitespace removed
    overlap(a, b) = |6grams(masked a) ∩ 6grams(masked b)| / min(|6grams(masked a)|, |6grams(masked b)|)

Usage: python bench/speakers.py [--theme 营商环境 ...] [--dates 2019-04-10 ...] [--jobs 2]
       prints, per theme, mean / max of the three figures and every pair over its target with both configs"""

from __future__ import annotations

import functools
import statistics
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


SPEAKER_TARGET, LEVEL_TARGET, SEED_TARGET = 0.40, 0.40, 0.50

# The grid: places per level, the posts that speak at each (secretary, head, deputy), the meeting kinds
# (each a name pattern, {whole} = 全县 …, {theme} = the theme's name) and the dates.
PLACES = {"市": "江州", "县": "临川", "区": "青溪", "镇": "石门"}
POSTS = {"市": ("市委书记", "市长", "副市长"), "县": ("县委书记", "县长", "副县长"),
         "区": ("区委书记", "区长", "副区长"), "镇": ("镇党委书记", "镇长", "副镇长"),
         "部门": (None, "局长", "副局长")}
KINDS = {"动员部署": "{whole}{theme}工作动员部署大会", "推进": "{whole}{theme}工作推进会",
         "分析": "{whole}{theme}工作分析会", "总结表彰": "{whole}{theme}工作总结表彰大会",
         "警示教育": "{whole}{theme}警示教育大会"}
DATES = ("2019-04-10", "2026-03-16", "2026-07-20")
BUREAU = ("临川", "县发展和改革局")  # a theme with no bureau example


@functools.cache
def bureaus() -> dict[str, tuple[str, str]]:
    """Each theme's bureau (place, unit) from examples/: the unit whose system owns the theme (read once)."""
    import yaml

    out: dict[str, tuple[str, str]] = {}
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        loc = data.get("locality", {})
        if loc.get("level") == "部门" and loc.get("unit"):
            out.setdefault(data["theme"], (loc["name"], loc["unit"]))
    return out


def grid_config(theme: str, kind: str, day: str, level: str, post: int,
                bureau: tuple[str, str] = BUREAU) -> dict[str, Any] | None:
    """The config of one cell of the grid (post 0 secretary, 1 head, 2 deputy); None where no such post."""
    title = POSTS[level][post]
    if title is None:
        return None
    whole = "全系统" if level == "部门" else f"全{level}"
    place = bureau[0] if level == "部门" else PLACES[level]
    locality = {"name": place, "level": level, **({"unit": bureau[1]} if level == "部门" else {})}
    name = KINDS[kind].format(whole=whole, theme=theme).replace("工作工作", "工作")  # 经济工作 + 工作会议
    return {"meeting": {"name": name, "date": day},
            "speaker": {"title": title}, "locality": locality, "theme": theme}


def describe(data: dict[str, Any], seed: int | None = None) -> str:
    loc = data["locality"]
    where = loc.get("unit") or f"{loc['name']}{loc['level']}"
    return (f"{data['meeting']['name']} {data['meeting']['date']} {where} {data['speaker']['title']}"
            + (f" seed {seed}" if seed is not None else ""))


def grid_pairs(theme: str, dates: tuple[str, ...] = DATES, bureau: tuple[str, str] = BUREAU
               ) -> tuple[list[tuple[dict, dict]], list[tuple[dict, dict]]]:
    """(speaker pairs, level pairs) of the grid for one theme: every two posts at one meeting; one post at
    two levels of one meeting kind and date (市县区镇 among themselves, the bureau with each)."""
    speakers, levels = [], []
    territories = list(PLACES)
    for kind in KINDS:
        for day in dates:
            cell = {(lv, p): grid_config(theme, kind, day, lv, p, bureau) for lv in POSTS for p in range(3)}
            for lv in POSTS:
                for a in range(3):
                    for b in range(a + 1, 3):
                        if cell[lv, a] and cell[lv, b]:
                            speakers.append((cell[lv, a], cell[lv, b]))
            for p in range(3):
                for i, a in enumerate(territories):
                    for b in territories[i + 1:]:
                        levels.append((cell[a, p], cell[b, p]))
                    if cell["部门", p]:
                        levels.append((cell["部门", p], cell[a, p]))
    return speakers, levels


class Drafts:
    """Drafts of configs, each composed once: the config's own seed, or another for the two-seed figure."""

    def __init__(self) -> None:
        from drafter.catalog import load_catalog

        self.catalog = load_catalog()
        self.words = level_words(self.catalog.levels)
        self.texts: dict[tuple[str, int | None], str | None] = {}

    def text(self, data: dict[str, Any], seed: int | None = None) -> str | None:
        """The draft's body text, None when the config cannot be drafted (a theme not yet in being)."""
        from drafter.compose import compose_speech, prepare
        from drafter.config.loader import ConfigSource
        from drafter.config.model import Config
        from drafter.errors import ConfigError

        key = (repr(sorted(data.items())), seed)
        if key not in self.texts:
            config = Config.model_validate(data)
            try:
                request = prepare(ConfigSource(Path("bench.yaml"), config, None), self.catalog)
            except ConfigError:
                self.texts[key] = None
            else:
                self.texts[key] = compose_speech(request, self.catalog, seed=seed).body_text()
        return self.texts[key]

    def masked_overlap(self, a: dict[str, Any], b: dict[str, Any]) -> float | None:
        from drafter.config.model import Config

        ta, tb = self.text(a), self.text(b)
        if ta is None or tb is None:
            return None
        words = self.words | config_words(Config.model_validate(a)) | config_words(Config.model_validate(b))
        return overlap(ta, tb, words)

    def seed_overlap(self, data: dict[str, Any]) -> tuple[float, int] | None:
        """The plain 6-gram overlap of the config's own draft and the one of the next seed."""
        from drafter.config.model import Config

        other = Config.model_validate(data).draft_seed() + 1
        ta, tb = self.text(data), self.text(data, other)
        if ta is None or tb is None:
            return None
        return overlap(ta, tb, set()), other


Row = tuple[str, float, str, str]  # figure, share, config a, config b


def measure_theme(theme: str, dates: tuple[str, ...] = DATES) -> tuple[str, list[Row]]:
    """Every pair of the theme's grid: ("speakers" | "levels" | "seeds", share, config a, config b)."""
    bureau = bureaus().get(theme, BUREAU)
    drafts = Drafts()
    speakers, levels = grid_pairs(theme, dates, bureau)
    rows: list[Row] = []
    for figure, pairs in (("speakers", speakers), ("levels", levels)):
        for a, b in pairs:
            share = drafts.masked_overlap(a, b)
            if share is not None:
                rows.append((figure, share, describe(a), describe(b)))
    configs = {repr(sorted(c.items())): c for pair in speakers + levels for c in pair}
    for data in configs.values():
        got = drafts.seed_overlap(data)
        if got is not None:
            rows.append(("seeds", got[0], describe(data), describe(data, got[1])))
    return theme, rows


TARGETS = {"speakers": SPEAKER_TARGET, "levels": LEVEL_TARGET, "seeds": SEED_TARGET}


def summary(rows: list[Row], figure: str) -> str:
    shares = [r[1] for r in rows if r[0] == figure]
    if not shares:
        return "—"
    over = sum(s >= TARGETS[figure] for s in shares)
    return f"{statistics.mean(shares):.0%} / {max(shares):.0%} ({len(shares)}, {over} over)"


def main() -> None:
    import argparse
    from concurrent.futures import ProcessPoolExecutor

    from drafter.catalog import load_catalog

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--theme", nargs="*", help="themes to measure (default: every theme of the catalog)")
    parser.add_argument("--dates", nargs="*", default=list(DATES))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    themes = args.theme or list(load_catalog().themes)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = dict(pool.map(measure_theme, themes, [tuple(args.dates)] * len(themes)))
    print("| theme | speaker pairs, mean / max (pairs, over 40%) | level pairs (over 40%) | two seeds (over 50%) |")
    print("|---|---|---|---|")
    for theme in themes:
        rows = results[theme]
        print(f"| {theme} | {summary(rows, 'speakers')} | {summary(rows, 'levels')} | {summary(rows, 'seeds')} |")
    every = [r for theme in themes for r in results[theme]]
    print(f"| all | {summary(every, 'speakers')} | {summary(every, 'levels')} | {summary(every, 'seeds')} |")
    over = sorted(((theme, r) for theme in themes for r in results[theme] if r[1] >= TARGETS[r[0]]),
                  key=lambda tr: -tr[1][1])
    if over:
        print(f"\n{len(over)} pairs over target:")
        for theme, (figure, share, a, b) in over:
            print(f"- {share:.0%} {theme} {figure}: {a}  ×  {b}")


if __name__ == "__main__":
    main()
