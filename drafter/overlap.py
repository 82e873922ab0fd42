"""Shared runs between a draft and a corpus: what a 查重 check would flag.

Fixed political formulae are the common language of every speech and are not counted."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.text import fullwidth_punctuation

# Formulae any speech may repeat verbatim (the party line, names of laws and thought).
FORMULAE = (
    "让我们更加紧密地团结在以习近平同志为核心的党中央周围",
    "以习近平同志为核心的党中央",
    "习近平新时代中国特色社会主义思想",
    "邓小平理论、“三个代表”重要思想和科学发展观",
    "《优化营商环境条例》",
    "中央八项规定及其实施细则精神",
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Compare like with like: full-width punctuation, no whitespace, formulae cut out."""
    text = _SPACE.sub("", fullwidth_punctuation(text.replace(",", "，")))
    for formula in FORMULAE:
        text = text.replace(formula, "\n")
    return text


@dataclass(frozen=True)
class SharedRun:
    text: str
    source: str


class CorpusIndex:
    """Every k-character window of a corpus, for finding runs of k or more characters a draft shares."""

    def __init__(self, documents: dict[str, str], k: int = 25) -> None:
        self.k = k
        self._docs = {name: normalise(text) for name, text in documents.items()}
        self._grams: dict[str, str] = {}
        for name, text in self._docs.items():
            for i in range(len(text) - k + 1):
                gram = text[i:i + k]
                if "\n" not in gram:
                    self._grams.setdefault(gram, name)

    def shared_runs(self, draft: str) -> list[SharedRun]:
        """Maximal runs of at least k characters of the draft that also stand in the corpus, longest first."""
        text = normalise(draft)
        k, runs, i = self.k, [], 0
        while i <= len(text) - k:
            source = self._grams.get(text[i:i + k])
            if source is None:
                i += 1
                continue
            end = i + k
            while end < len(text) and text[end - k + 1:end + 1] in self._grams:
                end += 1
            runs.append(SharedRun(text[i:end], source))
            i = end
        return sorted(runs, key=lambda r: -len(r.text))
