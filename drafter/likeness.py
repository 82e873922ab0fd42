"""Pieces of the catalog that say one thing in other words: two body variants or extras, of one module or of two,
that share many runs of characters few other pieces use — an extra's 加强部门之间的协作配合 and another module's
部门之间的协调配合 body, a 考核 body and its own extra both on 排名靠后的 units. Each such pair is given an idea of
its own, so the two never reach one draft (drafter.compose keeps pieces that share an idea apart); the ideas a
writer tags by hand (`ideas:` in a module file) work the same way."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

RUN = 4      # characters in a run
RARE = 6     # a run found in at most this many pieces is what those pieces say, not the genre's common stock
SHARED = 7   # rare runs two pieces must share to say the same thing (measured on the bundled catalog: at 5, pairs
             # that only share a set phrase such as 群众喜闻乐见的 are caught; at 7, nearly all are one idea twice)

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_BREAK = re.compile(r"[\s，。、；：！？“”‘’（）《》…—\-|A-Za-z0-9_.'\"=<>!]")


def runs(text: str) -> set[str]:
    """The runs of RUN characters of a piece's raw text that hold no slot, tag or punctuation."""
    text = _BREAK.sub("|", _TEMPLATE.sub("|", text))
    return {text[i:i + RUN] for i in range(len(text) - RUN + 1) if "|" not in text[i:i + RUN]}


def alike_pairs(texts: list[str], alternatives: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Index pairs of the texts that say the same thing, except the pairs given as alternatives (two bodies of one
    module never meet in a draft)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        for run in runs(text):
            holders[run].append(i)
    shared: Counter[tuple[int, int]] = Counter(
        pair for ids in holders.values() if 1 < len(ids) <= RARE for pair in combinations(ids, 2))
    skip = set(alternatives)
    return sorted(pair for pair, n in shared.items() if n >= SHARED and pair not in skip)


def with_implied_ideas(modules: dict[str, Any]) -> dict[str, Any]:
    """The modules with an idea added to both pieces of every alike pair (named after the pair: ≈id.b0~id.e3)."""
    from drafter.catalog import block_sources

    where: list[tuple[str, str, int]] = []  # (module id, "bodies" | "extras", index)
    texts: list[str] = []
    for module in modules.values():
        for i, body in enumerate(module.bodies):
            where.append((module.id, "bodies", i))
            texts.append("。".join(block_sources(body.blocks)))
        for i, extra in enumerate(module.extras):
            where.append((module.id, "extras", i))
            texts.append("。".join(block_sources([extra.block])))
    added: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for i, j in alike_pairs(texts, _body_alternatives(where)):
        name = f"≈{_name(where[i])}~{_name(where[j])}"
        added[where[i]].append(name)
        added[where[j]].append(name)
    out = dict(modules)
    for module_id in {w[0] for w in added}:
        module = modules[module_id]
        update = {}
        for part in ("bodies", "extras"):
            pieces = list(getattr(module, part))
            for i, piece in enumerate(pieces):
                if (module_id, part, i) in added:
                    pieces[i] = piece.model_copy(update={"ideas": [*piece.ideas, *added[module_id, part, i]]})
            update[part] = pieces
        out[module_id] = module.model_copy(update=update)
    return out


def _body_alternatives(where: list[tuple[str, str, int]]) -> list[tuple[int, int]]:
    by_module: dict[str, list[int]] = defaultdict(list)
    for index, (module_id, part, _) in enumerate(where):
        if part == "bodies":
            by_module[module_id].append(index)
    return [(i, j) for ids in by_module.values() for a, i in enumerate(ids) for j in ids[a + 1:]]


def _name(place: tuple[str, str, int]) -> str:
    module_id, part, index = place
    return f"{module_id}.{part[0]}{index}"
