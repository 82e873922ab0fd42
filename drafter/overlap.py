"""Shared runs between a draft and a corpus — what a 查重 check would flag — with an on-disk index.

The corpus is fingerprinted by winnowing (k-grams of K characters, the minimum hash of every window of W
k-grams), stored in SQLite beside the corpus and rebuilt per file when a file changes. Any run of at least
K + W - 1 characters shared with the corpus shares a fingerprint; each hit is then extended on the real text
to its full length. Fixed political formulae are the common language of every speech and are not counted."""

from __future__ import annotations

import hashlib
import operator
import os
import re
import sqlite3
import zlib
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from drafter.patterns import formulae
from drafter.text import fullwidth_punctuation

K, W = 13, 13
MIN_RUN = K + W - 1  # 25: every shared run this long is found
SCHEMA = """
create table if not exists files (id integer primary key, name text unique, size integer, mtime real, text text);
create table if not exists prints (hash integer, file integer, pos integer);
"""
# built after a bulk load (and dropped before one): inserting into an indexed table is several times slower
INDEX = "create index if not exists prints_hash on prints(hash)"
_ASCII_MARKS = re.compile(r"[;:?!()]")


def normalise(text: str) -> str:
    """Compare like with like: full-width punctuation, no whitespace, formulae cut out."""
    text = text.replace(",", "，")
    if _ASCII_MARKS.search(text):  # the full-width pass is the slow part of reading a corpus: only when needed
        text = fullwidth_punctuation(text)
    text = "".join(text.split())  # the whitespace \s matches, dropped in C
    for formula in formulae():
        text = text.replace(formula, "|")
    return text


VERSION = 3  # of the fingerprints (3: CRC-32 of each k-gram's UTF-16): an index of another version is rebuilt
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


_CHUNK = 4096  # k-grams sliced from one chunk of UTF-16 at a time: 2 bytes a character
_SLICES = [slice(2 * i, 2 * (i + K)) for i in range(_CHUNK)]
_ALL_SLICES = operator.itemgetter(*_SLICES)  # every k-gram of a whole chunk in one C call


def _hashes(text: str) -> tuple[list[int], list[int]]:
    """The hash and position of every k-gram of a normalised text that does not cross a |. The hash is the
    CRC-32 of the k-gram's UTF-16, a character beyond the BMP taken as U+FFFD: two bytes a character, so every
    k-gram is a fixed slice (a collision this makes is ruled out on the real text, as any other is)."""
    hashes: list[int] = []
    positions: list[int] = []
    start = 0
    for segment in text.split("|"):
        count = len(segment) - K + 1
        if count > 0:  # slicing and hashing run in C (itemgetter, map), not in a Python loop
            if max(segment) > "\uffff":
                segment = _ASTRAL.sub("\ufffd", segment)
            data = segment.encode("utf-16-le")
            for first in range(0, count, _CHUNK):
                chunk = data[2 * first:2 * (first + _CHUNK + K - 1)]
                grams = _ALL_SLICES(chunk) if count - first >= _CHUNK else map(chunk.__getitem__,
                                                                                _SLICES[:count - first])
                hashes += map(zlib.crc32, grams)
            positions += range(start, start + count)
        start += len(segment) + 1
    return hashes, positions


def winnow(text: str) -> tuple[list[int], list[int]]:
    """The hashes and positions of the winnowed k-grams of a normalised text: the minimum hash of every window
    of W consecutive k-grams, the rightmost on a tie; k-grams across a | are skipped.

    The window minimum is carried forward: the first new k-gram at or below it takes over, and the window is
    scanned again only when its minimum falls out, so the work is a few C-level calls per chosen fingerprint
    (about one k-gram in W/2) instead of a min() with a key function over every window."""
    hashes, positions = _hashes(text)
    n = len(hashes)
    if n == 0:
        return [], []
    hashes += [-1] * W  # sentinels below every hash: a scan that reaches them has passed the last window
    first = hashes[:min(W, n)]
    low = min(first)
    at = len(first) - 1 - first[::-1].index(low)
    chosen = [at]  # increasing: each new minimum stands right of the last
    end = len(first) - 1  # the last window seen ends here
    while True:
        entering = hashes[end + 1:at + W]  # k-grams that enter while the minimum is still in the window
        for h in entering:
            if h <= low:  # the first at or below it takes over
                break
        else:
            if at + W >= n:
                break
            window = hashes[at + 1:at + W + 1]  # the minimum has left: the window ending at at + W
            low = min(window)
            end = at + W
            at = end - window[::-1].index(low)
            chosen.append(at)
            continue
        end += 1 + entering.index(h)
        if end >= n:
            break
        low, at = h, end
        chosen.append(at)
    return list(map(hashes.__getitem__, chosen)), list(map(positions.__getitem__, chosen))


def fingerprints(text: str) -> list[tuple[int, int]]:
    """(hash, position) of the winnowed k-grams of a normalised text (see `winnow`)."""
    return list(zip(*winnow(text), strict=True))


def _common_start(text: str, at: int, source: str, pos: int) -> int:
    """How many characters text[at:] and source[pos:] share from their start, never past a | of the text:
    compared a doubling stretch at a time, in C."""
    bar = text.find("|", at)
    limit = min(len(text) if bar < 0 else bar, at + len(source) - pos) - at
    low, step = 0, 16
    while low < limit:  # text[at:at+low] is shared; try a longer stretch, halving the step on a mismatch
        size = min(step, limit - low)
        if text[at + low:at + low + size] == source[pos + low:pos + low + size]:
            low += size
            step *= 2
        elif size == 1:
            break
        else:
            step = max(1, size // 2)
    return low


def _common_end(text: str, at: int, source: str, pos: int) -> int:
    """How many characters text[:at] and source[:pos] share at their end, never past a | of the text."""
    bar = text.rfind("|", 0, at)
    limit = min(at - bar - 1, pos)
    low, step = 0, 16
    while low < limit:
        size = min(step, limit - low)
        if text[at - low - size:at - low] == source[pos - low - size:pos - low]:
            low += size
            step *= 2
        elif size == 1:
            break
        else:
            step = max(1, size // 2)
    return low


@dataclass(frozen=True)
class SharedRun:
    text: str
    source: str
    position: int  # where the run starts in the normalised draft


MAX_CORPUS_FILES = 20_000    # an archive of a unit's speeches, many times over; indexing them takes a few seconds
MAX_CORPUS_FOLDERS = 20_000  # folders walked: a whole disk given as the corpus is refused, not searched for minutes
_PSEUDO = ("/proc", "/sys", "/dev", "/run")  # no speeches there, and reading them can hang or fail


def corpus_files(folder: Path) -> list[Path]:
    """The speeches under `folder` (.txt/.md/.docx, hidden ones left out), links to folders not followed. A
    subfolder that cannot be read is named; a folder with more files or folders than any archive is refused."""
    from drafter.errors import OutputError, os_reason

    def unreadable(exc: OSError) -> None:
        where = exc.filename or folder
        raise OutputError(f"{where}: 语料里的这个文件夹无法读取（{os_reason(exc)}）；请把它移出语料文件夹，"
                          "或用 --corpus 给出只放往年讲话稿的文件夹")

    def too_big(what: str) -> OutputError:
        return OutputError(f"{folder}: 语料文件夹太大（{what}），不像一个单位的讲话稿档案；请用 --corpus 给出放往年讲话稿的文件夹")

    found: list[Path] = []
    walked = 0
    for top, dirs, names in os.walk(folder, onerror=unreadable):
        walked += 1
        if walked > MAX_CORPUS_FOLDERS:
            raise too_big(f"超过 {MAX_CORPUS_FOLDERS} 个文件夹")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.join(top, d) not in _PSEUDO)
        for name in names:
            path = Path(top, name)
            if path.suffix.lower() in (".txt", ".md", ".docx") and not name.startswith("."):
                try:
                    regular = path.is_file()
                except OSError:
                    regular = False
                if regular:
                    found.append(path)
        if len(found) > MAX_CORPUS_FILES:
            raise too_big(f"超过 {MAX_CORPUS_FILES} 篇")
    return sorted(found)


_SYSTEM = ("/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/var", "/opt", "/boot", "/proc", "/sys",
           "/dev", "/run", "/srv", "/snap")


def _system_folders() -> list[Path]:
    if os.name == "nt":
        names = ("SystemRoot", "ProgramFiles", "ProgramFiles(x86)", "ProgramData")
        return [Path(os.environ[n]) for n in names if os.environ.get(n)]
    return [Path(p) for p in _SYSTEM]


def _own(folder: Path) -> bool:
    """A folder of the user's own (writable, theirs, not the system's): only there may an index sit beside
    the corpus; `--corpus /etc` must not leave a file in /etc, even as root."""
    try:
        real = folder.resolve()
        owner_ok = not hasattr(os, "getuid") or real.stat().st_uid == os.getuid()
    except (OSError, RuntimeError):
        return False
    system = real == Path(real.anchor) or any(real.is_relative_to(p) for p in _system_folders())
    return os.access(real, os.W_OK) and owner_ok and not system


def default_index_path(folder: Path, *, beside: bool = True) -> Path:
    """Beside the corpus when asked and the folder is the user's own, else in the user's cache folder."""
    if beside and _own(folder):
        return folder / ".drafter-index.sqlite"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"
    digest = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]
    return cache / f"corpus-{digest}.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    """The index at `path`, locked for this update (a second check on the same corpus waits for the first);
    a corrupt or foreign file is rebuilt, and where no index can be kept (a read-only cache, an unwritable
    home) the check works from an index in memory."""
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=60)
            db.execute("pragma synchronous = off")  # a cache, rebuilt when damaged: no waiting for the disk
            db.executescript(SCHEMA)
            db.execute("begin immediate")  # one updater at a time: a second check waits, then finds it built
            columns = [row[1] for row in db.execute("pragma table_info(files)")]
            if columns != ["id", "name", "size", "mtime", "text"]:
                raise sqlite3.DatabaseError("not drafter's index")
            if db.execute("pragma user_version").fetchone()[0] != VERSION:
                if db.execute("select count(*) from files").fetchone()[0]:
                    raise sqlite3.DatabaseError("fingerprints of another version")
                db.execute(f"pragma user_version = {VERSION}")
            db.execute("select count(*) from prints").fetchone()
            return db
        except sqlite3.OperationalError:  # read-only file or folder, no cache folder: no index on disk
            break
        except sqlite3.DatabaseError:  # corrupt, foreign or an old layout: start it again
            try:
                db.close()
            except (NameError, sqlite3.Error):
                pass
            if attempt == 0:
                try:
                    path.unlink(missing_ok=True)
                    continue
                except OSError:
                    pass
            break
        except (OSError, sqlite3.Error):  # read-only file or folder, no cache folder: no index on disk
            break
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    return db


class CorpusIndex:
    """A fingerprint index of the documents in a folder, kept up to date file by file."""

    def __init__(self, folder: str | Path, index_path: str | Path | None = None) -> None:
        self.folder = Path(folder)
        files = corpus_files(self.folder)  # a folder refused (too big, unreadable) opens no index at all
        path = Path(index_path) if index_path else default_index_path(self.folder)
        self.db = _connect(path)
        try:
            self._update(files)
        except BaseException:  # a file of the corpus refused: the update is undone and the lock let go, so a
            self.db.rollback()  # server's next check does not wait for it
            self.db.close()
            raise
        self._texts: dict[int, tuple[str, str]] = {}
        self.skip_names: set[str] = set()  # corpus files not to compare with (the checked draft itself)

    def _update(self, files: list[Path]) -> None:
        """Index the files new or changed since the last check, forget the ones gone."""
        from drafter.readers import read_paragraphs

        known = {name: (fid, size, mtime) for fid, name, size, mtime in
                 self.db.execute("select id, name, size, mtime from files")}
        present = {}
        bulk = len(files) > 2 * len(known) + 8  # a first build (or most files new): index the hashes after
        if bulk:
            self.db.execute("drop index if exists prints_hash")
        for file in files:
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
            hashes, positions = winnow(text)
            self.db.executemany("insert into prints values (?, ?, ?)",
                                zip(hashes, repeat(cur.lastrowid), positions, strict=False))
        for name, (fid, _, _) in known.items():
            if name not in present:
                self._forget(fid)
        self.db.execute(INDEX)
        self.db.commit()

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
            reached = covered_until
            for file_id, pos in hits.get(h, []):
                name, source = self._text(file_id)
                if name in self.skip_names or source[pos:pos + K] != text[start:start + K]:
                    continue  # a hash collision
                need = covered_until + 1 - start  # to reach past the runs found so far (one C comparison)
                if need > K and (text.find("|", start, start + need) >= 0
                                 or text[start:start + need] != source[pos:pos + need]):
                    continue  # it ends inside a run already found: its start does not matter
                end = start + K + _common_start(text, start + K, source, pos + K)
                if end <= covered_until:  # (near the end of either text the comparison above cannot tell)
                    continue
                a = start - _common_end(text, start, source, pos)
                if end - a >= min_run and (a not in best or end - a > len(best[a].text)):
                    best[a] = SharedRun(text[a:end], name, a)
                    reached = max(reached, end)
            covered_until = reached  # a run found is only ever replaced by a longer one from the same start
        runs = sorted(best.values(), key=lambda r: (-len(r.text), r.position))
        kept: list[SharedRun] = []
        for run in runs:  # drop runs inside a longer one
            if not any(k.position <= run.position and run.position + len(run.text) <= k.position + len(k.text)
                       for k in kept):
                kept.append(run)
        return kept
