"""Shared runs between a draft and a corpus — what a 查重 check would flag — with an on-disk index.

The corpus is fingerprinted by winnowing (k-grams of K characters, the minimum hash of every window of W
k-grams), stored in SQLite beside the corpus and rebuilt per file when a file changes. Any run of at least
K + W - 1 characters shared with the corpus shares a fingerprint; each hit is then extended on the real text
to its full length. Fixed political formulae are the common language of every speech and are not counted."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path

from drafter.text import fullwidth_punctuation

K, W = 13, 13
MIN_RUN = K + W - 1  # 25: every shared run this long is found
FORMULAE = (
    "让我们更加紧密地团结在以习近平同志为核心的党中央周围",
    "以习近平同志为核心的党中央",
    "习近平新时代中国特色社会主义思想",
    "邓小平理论、“三个代表”重要思想和科学发展观",
    "《优化营商环境条例》",
    "中央八项规定及其实施细则精神",
)
SCHEMA = """
create table if not exists files (id integer primary key, name text unique, size integer, mtime real, text text);
create table if not exists prints (hash integer, file integer, pos integer);
create index if not exists prints_hash on prints(hash);
"""
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Compare like with like: full-width punctuation, no whitespace, formulae cut out."""
    text = _SPACE.sub("", fullwidth_punctuation(text.replace(",", "，")))
    for formula in FORMULAE:
        text = text.replace(formula, "|")
    return text


def _hash(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8"))


def fingerprints(text: str) -> list[tuple[int, int]]:
    """(hash, position) of the winnowed k-grams of a normalised text."""
    grams = [(_hash(text[i:i + K]), i) for i in range(len(text) - K + 1) if "|" not in text[i:i + K]]
    chosen: dict[int, int] = {}
    for start in range(max(1, len(grams) - W + 1)):
        window = grams[start:start + W]
        if window:
            h, pos = min(window, key=lambda g: (g[0], -g[1]))
            chosen[pos] = h
    return [(h, pos) for pos, h in sorted(chosen.items())]


@dataclass(frozen=True)
class SharedRun:
    text: str
    source: str
    position: int  # where the run starts in the normalised draft


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md", ".docx")
                  and not p.name.startswith("."))


def default_index_path(folder: Path, *, beside: bool = True) -> Path:
    """Beside the corpus when asked and the folder is writable, else in the user's cache folder."""
    if beside and os.access(folder, os.W_OK):
        return folder / ".drafter-index.sqlite"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"
    digest = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]
    return cache / f"corpus-{digest}.sqlite"


class CorpusIndex:
    """A fingerprint index of the documents in a folder, kept up to date file by file."""

    def __init__(self, folder: str | Path, index_path: str | Path | None = None) -> None:
        from drafter.readers import read_paragraphs

        self.folder = Path(folder)
        path = Path(index_path) if index_path else default_index_path(self.folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.executescript(SCHEMA)
        known = {name: (fid, size, mtime) for fid, name, size, mtime in
                 self.db.execute("select id, name, size, mtime from files")}
        present = {}
        for file in corpus_files(self.folder):
            stat = file.stat()
            name = str(file.relative_to(self.folder))
            present[name] = True
            old = known.get(name)
            if old and old[1] == stat.st_size and old[2] == stat.st_mtime:
                continue
            if old:
                self._forget(old[0])
            text = normalise("\n".join(read_paragraphs(file)))
            cur = self.db.execute("insert into files(name, size, mtime, text) values (?, ?, ?, ?)",
                                  (name, stat.st_size, stat.st_mtime, text))
            self.db.executemany("insert into prints values (?, ?, ?)",
                                [(h, cur.lastrowid, pos) for h, pos in fingerprints(text)])
        for name, (fid, _, _) in known.items():
            if name not in present:
                self._forget(fid)
        self.db.commit()
        self._texts: dict[int, tuple[str, str]] = {}
        self.skip_names: set[str] = set()  # corpus files not to compare with (the checked draft itself)

    def _forget(self, file_id: int) -> None:
        self.db.execute("delete from prints where file = ?", (file_id,))
        self.db.execute("delete from files where id = ?", (file_id,))

    def _text(self, file_id: int) -> tuple[str, str]:
        if file_id not in self._texts:
            self._texts[file_id] = self.db.execute("select name, text from files where id = ?",
                                                   (file_id,)).fetchone()
        return self._texts[file_id]

    def shared_runs(self, draft: str, min_run: int = MIN_RUN) -> list[SharedRun]:
        """Maximal runs of at least min_run characters of the draft that stand in the corpus, longest first."""
        text = normalise(draft)
        prints = fingerprints(text)
        hits: dict[int, list[tuple[int, int]]] = {}
        hashes = sorted({h for h, _ in prints})
        for chunk in range(0, len(hashes), 500):
            part = hashes[chunk:chunk + 500]
            rows = self.db.execute(f"select hash, file, pos from prints where hash in ({','.join('?' * len(part))})",
                                   part)
            for h, file_id, pos in rows:
                hits.setdefault(h, []).append((file_id, pos))
        best: dict[int, SharedRun] = {}
        covered_until = -1
        for h, start in prints:
            for file_id, pos in hits.get(h, []):
                name, source = self._text(file_id)
                if name in self.skip_names or source[pos:pos + K] != text[start:start + K]:
                    continue  # a hash collision
                a, b = start, pos
                while a > 0 and b > 0 and text[a - 1] == source[b - 1] and text[a - 1] != "|":
                    a, b = a - 1, b - 1
                end, send = start + K, pos + K
                while end < len(text) and send < len(source) and text[end] == source[send] and text[end] != "|":
                    end, send = end + 1, send + 1
                if end - a >= min_run and end > covered_until and (a not in best or
                                                                   end - a > len(best[a].text)):
                    best[a] = SharedRun(text[a:end], name, a)
            covered_until = max([covered_until, *(r.position + len(r.text) for r in best.values())])
        runs = sorted(best.values(), key=lambda r: (-len(r.text), r.position))
        kept: list[SharedRun] = []
        for run in runs:  # drop runs inside a longer one
            if not any(k.position <= run.position and run.position + len(run.text) <= k.position + len(k.text)
                       for k in kept):
                kept.append(run)
        return kept
