"""`drafter mine`: recover the structure of real speeches and turn a unit's archive into modules.

read (docx/txt) → strip page junk → split into speeches → structure (opening, announced count, sections,
points, closing) → classify sections and points against the catalog → generalise headings and set phrases
→ report, or emit module files with the locality, level words and numbers as slots."""

from __future__ import annotations

import math
import re
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from functools import reduce
from itertools import repeat
from operator import itemgetter, methodcaller, mul, or_, truediv, xor
from pathlib import Path

from drafter import patterns
from drafter.catalog import SECTION_NAMES, SECTIONS, Catalog
from drafter.model import Speech
from drafter.numbering import parse_marker
from drafter.reader import heading_of, parse_document, read_document, run_in_markers

_heading_of = heading_of  # the emit functions below split run-in points the way the reader does


def speech_dict(speech: Speech) -> dict:
    """What `mine --json` reports of one speech, with the paragraph numbers check reports in."""
    return {"source": speech.source, "title": speech.title, "speaker": speech.speaker_line,
            "date": speech.date_line, "paragraph": speech.start, "announced_count": speech.announced_count,
            "sections": [{"heading": s.heading, "category": s.category, "paragraph": s.number,
                          "points": [{"marker": p.marker, "text": p.heading, "module": p.module_id,
                                      "confidence": round(p.confidence, 2), "paragraph": p.number}
                                     for p in s.points]}
                         for s in speech.sections]}


def validate_inputs(paths: list[Path]) -> None:
    """Every input is a readable kind of file, before any is read (a typo in the tenth name fails at once)."""
    from drafter.readers import ReadError, check_file_kind

    for path in paths:
        check_file_kind(Path(path))
        suffix = Path(path).suffix.lower()
        if suffix not in (".docx", ".md", ".markdown", ".txt", ".text", ""):
            raise ReadError(f"{path}: 不支持的文件类型“{suffix}”，可读 .docx、.md、.txt")


# -- classification -------------------------------------------------------------------------------------------

_NOT_HAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|[^\u4e00-\u9fff]")


def _bigrams(text: str) -> Counter:
    text = _NOT_HAN.sub("", text)
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


class _Profiles:
    """Character-bigram profiles of each body variant of every module, with their norms and an inverted
    index (bigram → profiles holding it), built once per catalog: a point written from one variant matches
    that variant closely, and scoring a point touches only the profiles that share a bigram with it.

    A bigram held by many profiles (发展, 工作 …) is also kept packed: its weights in one big integer, a
    fixed-width field per profile, so a point adds all of them at once with one integer addition in C
    instead of one Python step per profile; the fields never overflow (see `best`)."""

    DENSE = 6  # a bigram held by this many profiles or more is packed (about 15 MB for drafter's catalog)
    FIELD = "H"  # the array type of a field: 16 bits a profile

    def __init__(self, catalog: Catalog) -> None:
        rows: list[tuple[str, str, Counter]] = []
        for module in catalog.modules.values():
            extras = " ".join(e.block if isinstance(e.block, str) else " ".join(p.lead + p.text for p in e.block.points)
                              for e in module.extras)
            for variant in module.bodies:
                texts = []
                for block in variant.blocks:
                    texts += [block] if isinstance(block, str) else [p.lead + p.text for p in block.points]
                rows.append((module.id, module.section, _bigrams(" ".join(texts))))
            if extras:
                rows.append((module.id, module.section, _bigrams(extras)))
        self.labels = [(mid, sec) for mid, sec, _ in rows]
        self.norms = [math.sqrt(sum(v * v for v in vector.values())) for _, _, vector in rows]
        # an empty profile shares no bigram, so it scores 0.0 (never a division by zero)
        self._denominators = [norm or math.inf for norm in self.norms]
        self.index: dict[str, list[tuple[int, int]]] = {}
        for row, (_, _, vector) in enumerate(rows):
            for gram, count in vector.items():
                self.index.setdefault(gram, []).append((row, count))
        self.fallback = max(self.labels) if self.labels else None
        self._widest = max(self.norms, default=0.0)
        self._packed: dict[str, int] = {}
        for gram, postings in self.index.items():
            if len(postings) >= self.DENSE:
                weights = array(self.FIELD, bytes(array(self.FIELD).itemsize * len(rows)))
                for row, count in postings:
                    weights[row] = count
                self._packed[gram] = int.from_bytes(weights.tobytes(), sys.byteorder)  # array order
        self._seen: dict[str, tuple[float, str, str] | None] = {}

    def best_for(self, text: str) -> tuple[float, str, str] | None:
        """best() of a point's text, once per distinct text (an archive repeats its set paragraphs)."""
        if text not in self._seen:
            if len(self._seen) > 100_000:  # bounded, for a process that mines archive after archive
                self._seen.clear()
            self._seen[text] = self.best(_bigrams(text))
        return self._seen[text]

    def best(self, vector: Counter) -> tuple[float, str, str] | None:
        """(cosine, module id, section) of the closest profile; ties go to the greater id, as a sort would."""
        if self.fallback is None:
            return None
        if not vector:
            return (0.0, *self.fallback)
        norm = math.sqrt(sum(v * v for v in vector.values()))
        size = array(self.FIELD).itemsize
        if norm * self._widest >= (1 << 8 * size) - 1:  # a dot product is at most the product of the norms
            return self._best_sparse(vector)  # a field could overflow: one profile at a time
        dense = vector.keys() & self._packed.keys()
        packed = sum(map(self._packed.__getitem__, dense))  # once each, then again for a bigram said more often
        packed += sum(self._packed[gram] * (count - 1) for gram, count in vector.items() if count > 1 and gram in dense)
        dots = array(self.FIELD, packed.to_bytes(size * len(self.labels), sys.byteorder))
        for gram in vector.keys() - dense:
            count = vector[gram]
            for row, weight in self.index.get(gram, ()):
                dots[row] += count * weight
        # every profile at once, in C: a profile sharing nothing scores 0.0, and when none shares anything the
        # greatest label wins at 0.0, which is the fallback
        cosines = list(map(truediv, dots, map(mul, repeat(norm), self._denominators)))
        score = max(cosines)
        if cosines.count(score) == 1:
            return (score, *self.labels[cosines.index(score)])
        return (score, *max(label for label, cosine in zip(self.labels, cosines, strict=True) if cosine == score))

    def _best_sparse(self, vector: Counter) -> tuple[float, str, str]:
        """best() one posting at a time: the plain form of the same sum, for a point too long to pack."""
        dots: dict[int, int] = {}
        get, postings = dots.get, self.index.get
        for gram, count in vector.items():
            for row, weight in postings(gram, ()):
                dots[row] = get(row, 0) + count * weight
        norm = math.sqrt(sum(v * v for v in vector.values()))
        scored = [(dot / (norm * self.norms[row]), *self.labels[row]) for row, dot in dots.items() if dot]
        return max(scored) if scored else (0.0, *self.fallback)


_PROFILES: dict[int, tuple[Catalog, _Profiles]] = {}


def _profiles(catalog: Catalog) -> _Profiles:
    cached = _PROFILES.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        cached = _PROFILES[id(catalog)] = (catalog, _Profiles(catalog))
    return cached[1]


def classify(speech: Speech, catalog: Catalog) -> None:
    profiles = _profiles(catalog)
    count = len(speech.sections)
    words_of = patterns.reading()["categories"]
    for index, section in enumerate(speech.sections):
        votes = Counter()
        clauses = re.split(r"[，,]", section.heading)
        first_clause = clauses[0] + (clauses[-1] if len(clauses) > 1 else "")  # 要X，必须Y: both ends carry it
        points_text = "".join(p.heading for p in section.points)
        lead = "".join(p.text for p in section.lead)[:80]
        for category, words in words_of.items():
            votes[category] += 4 * sum(word in first_clause for word in words)
            votes[category] += sum(word in section.heading for word in words)
            votes[category] += sum(word in lead + points_text for word in words)
        for point in section.points:
            found = profiles.best_for(point.heading + "".join(p.text for p in point.paragraphs))
            if found:
                point.confidence, point.module_id, best_section = found
                # a near-certain match (drafter's own text) outweighs heading words; a loose one only nudges
                votes[best_section] += 12 * point.confidence if point.confidence > 0.6 else 2 * point.confidence
        if count >= 3 and index == count - 1:
            votes["implementation"] += 1  # the corpus rule: the last numbered section is 落实
        if index == 0 and count >= 3:
            votes["awareness"] += 0.5
        if votes and max(votes.values()) > 0:
            category, score = votes.most_common(1)[0]
            section.category, section.confidence = category, score / (sum(votes.values()) or 1)


def mine_file(path: str | Path, catalog: Catalog, paragraphs: list[str] | None = None) -> list[Speech]:
    """The speeches of a file (or of its paragraphs, already read), each point classified."""
    speeches = (read_document(path) if paragraphs is None else parse_document(paragraphs, str(path))).speeches
    for speech in speeches:
        classify(speech, catalog)
    return speeches


# -- generalise -----------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def literal(text: str) -> str:
    """Speech text as template text that renders back exactly as typed: every `{` becomes `{{ '{' }}`, so a
    past speech holding `{{ … }}` or `{% … %}` stays words, never template code (`}` alone is plain text)."""
    return text.replace("{", "{{ '{' }}")


def generalise(text: str, locality: str | None = None, slots: dict[str, str] | None = None) -> str:
    """Level words and the locality become slots; numbers become module slots (slot.n1 …) with their values
    kept as defaults in `slots`, so a clerk edits a figure once."""
    text = literal(text)
    if locality:
        text = re.sub(re.escape(locality) + f"[{''.join(patterns.level_chars())}]?", "{{ area.name }}", text)
    for pattern, slot in patterns.level_slots():
        text = pattern.sub(slot, text)
    if slots is not None:
        def number(match: re.Match[str]) -> str:
            key = f"n{len(slots) + 1}"
            slots[key] = match.group()
            return "{{ slot." + key + " }}"
        text = _NUMBER.sub(number, text)
    return text


def heading_formula(headings: list[str]) -> str | None:
    """The pattern sibling headings share, e.g. 全力营造{X}的政务环境 … → 全力营造{X}环境."""
    headings = [h for h in headings if h]
    if len(headings) < 2:
        return None
    prefix = headings[0]
    for h in headings[1:]:
        while not h.startswith(prefix):
            prefix = prefix[:-1]
    suffix = headings[0]
    for h in headings[1:]:
        while not h.endswith(suffix):
            suffix = suffix[1:]
    if len(prefix) + len(suffix) >= 2 and all(len(h) > len(prefix) + len(suffix) for h in headings):
        return f"{prefix}{{X}}{suffix}"
    first = headings[0]
    for size in range(len(first) - 1, 1, -1):  # a shared middle: 责任要再压实 / 作风要再整治 → {X}要再{Y}
        for start in range(len(first) - size + 1):
            middle = first[start:start + size]
            if all(middle in h and not h.startswith(middle) and not h.endswith(middle) for h in headings):
                return f"{{X}}{middle}{{Y}}"
    return None


def _speech_text(speech: Speech) -> str:
    """The text mine looks for set phrases in: opening, headings and leads, points, closing."""
    parts = [p.text for p in speech.opening]
    parts += [t for s in speech.sections for t in (s.heading, *(p.text for p in s.lead))]
    parts += [t for s in speech.sections for pt in s.points for t in (pt.heading, *(p.text for p in pt.paragraphs))]
    return "|".join(parts + [p.text for p in speech.closing])


_CLAUSE = re.compile(r"[\u4e00-\u9fff]+")  # a set phrase never runs across punctuation


def _grams(clause: str, n: int) -> map:
    """Every stretch of n characters of the clause, sliced in C."""
    return map(clause.__getitem__, map(slice, range(len(clause) - n + 1), range(n, len(clause) + 1)))


def _branching(suffixes: list[str], shortest: int, longest: int) -> set[str]:
    """The stretches of `shortest` to `longest` characters that two or more different characters follow, from
    the sorted distinct suffixes of the clauses. Two neighbours in the list share a start just as long as
    their common stretch; where it ends they differ, so every such common start branches, and every
    branching stretch is the common start of a pair of neighbours."""
    width = 4 * (longest + 1)  # bytes: a common start longer than `longest` is not asked about
    # each suffix as a big-endian UTF-32 integer of one width (a short one padded with NULs, in no clause):
    # two neighbours differ first at the highest bit of their XOR, found in C
    keys = list(map(int.from_bytes, map(methodcaller("ljust", width, b"\0"), map(itemgetter(slice(width)),
                map(methodcaller("encode", "utf-32-be"), suffixes))), repeat("big")))
    bits = map(int.bit_length, map(xor, keys, keys[1:]))
    most = 8 * width - 32 * shortest  # the XOR of two suffixes sharing `shortest` characters or more
    return {suffix[:(8 * width - b) // 32] for suffix, b in zip(suffixes, bits, strict=False) if 0 < b <= most}


def _suffixes(clauses: dict[str, int], shortest: int) -> dict[str, int]:
    """Each suffix (at least `shortest` long) of the clauses, with the speeches of the clauses that end so."""
    held: dict[str, int] = {}
    get = held.get
    for clause, speeches in clauses.items():
        for i in range(len(clause) - shortest + 1):
            held[clause[i:]] = get(clause[i:], 0) | speeches
    return held


def recurring_phrases(speeches: list[Speech], lengths: range = range(4, 11), top: int = 30) -> list[dict]:
    """Stretches of 4–10 characters, inside one clause, that recur in two or more speeches: the set phrases of
    the archive. A stretch always preceded (or followed) by the same character is a piece of a longer word
    (化营商环境 of 优化营商环境) and is left out; a phrase is reported only where no one-character-longer phrase
    recurs as often (its two extensions, looked up directly).

    Linear in the archive: the sides of every stretch are read off the sorted suffixes of the distinct
    clauses (and of the clauses reversed); the speeches holding a stretch are those of the suffixes that
    start with it, side by side in that order."""
    spec = patterns.reading()["phrases"]
    not_first, not_last = spec["not_first"], spec["not_last"]
    shortest, longest = lengths.start, lengths.stop  # one longer than reported: see the dominance below
    holders: dict[str, int] = {}  # clause → the speeches saying it, one bit each (said twice in one counts once)
    for bit, speech in enumerate(speeches):
        for clause in set(_CLAUSE.findall(_speech_text(speech))):
            holders[clause] = holders.get(clause, 0) | 1 << bit
    held = _suffixes(holders, shortest)
    suffixes = sorted(held)
    backwards = sorted({clause[::-1][i:] for clause in holders for i in range(len(clause) - shortest + 1)})
    # a stretch passes a side where two different characters stand there, or where it ends (starts) a clause
    right = _branching(suffixes, shortest, longest)
    right.update(s for s in suffixes if len(s) <= longest)
    left = _branching(backwards, shortest, longest)
    left.update(s for s in backwards if len(s) <= longest)
    shared: dict[str, int] = {}
    for gram in right.intersection(s[::-1] for s in left):
        if gram[0] in not_first or gram[-1] in not_last:
            continue
        start = bisect_left(suffixes, gram)
        block = suffixes[start:bisect_left(suffixes, gram + "\uffff", start)]  # the suffixes that start with it
        if (count := reduce(or_, map(held.__getitem__, block)).bit_count()) >= 2:
            shared[gram] = count
    dominated = set()
    for longer, count in shared.items():  # the only phrases that can make one non-maximal: its two extensions
        for inner in (longer[1:], longer[:-1]):
            if shared.get(inner, count + 1) <= count:
                dominated.add(inner)
    maximal = [g for g in shared if g not in dominated and len(g) < lengths.stop]
    maximal.sort(key=lambda g: (-shared[g] * len(g), g))
    return [{"phrase": g, "speeches": shared[g]} for g in maximal[:top]]


_generalise = generalise


# -- emit -----------------------------------------------------------------------------------------------------

def _clean_sentences(text: str) -> str:
    """Drop sentences that still hold a placeholder or a deleted name; a module must render clean."""
    sentences = re.findall(r"[^。！？]+[。！？]?", text)
    return "".join(s for s in sentences if not patterns.mine_placeholder().search(s)).strip()


def _blocks(paragraphs: list[str], locality: str | None, slots: dict[str, str],
            convert: Callable[[str], str] | None = None) -> list:
    """Module blocks from mined paragraphs: run-in lists become `points` (drafter numbers them again); each
    text goes through `generalise`, or through `convert` when given (an archive theme's own slots)."""
    def generalise(text: str, locality: str | None, slots: dict[str, str]) -> str:
        return convert(text) if convert is not None else _generalise(text, locality, slots)

    blocks: list = []
    for paragraph in paragraphs:
        paragraph = _clean_sentences(paragraph)
        if not paragraph:
            continue
        found = run_in_markers(paragraph)
        if len(found) >= 2 and found[0][1] == 1:
            if found[0][2] > 0 and (head := paragraph[:found[0][2]].strip()):
                blocks.append(generalise(head, locality, slots))
            points = []
            for k, (_, _, start, end) in enumerate(found):
                stop = found[k + 1][2] if k + 1 < len(found) else len(paragraph)
                lead, body = _heading_of(paragraph[start:stop].strip(), end - start)
                lead = lead.lstrip("要")
                if lead:
                    points.append({"lead": generalise(lead, locality, slots), "text": generalise(body, locality, slots)})
            if len(points) >= 2:
                blocks.append({"points": points})
            continue
        marker = parse_marker(paragraph)
        if marker:
            paragraph = paragraph[len(marker.text):]
        blocks.append(generalise(paragraph, locality, slots))
    return blocks


def guess_theme(speech: Speech, catalog: Catalog) -> str:
    votes = Counter()
    for section in speech.sections:
        for point in section.points:
            module = catalog.modules.get(point.module_id or "")
            if module:
                votes.update(module.themes[:1] if len(module.themes) == 1 else [])
    return votes.most_common(1)[0][0] if votes else next(iter(catalog.themes))


def module_title(heading: str, longest: int = 16) -> str:
    """A module title from a mined heading, whole words only: its first clause without slots; a clause longer
    than `longest` gives way to what follows its last 的 (全力营造高效便捷的政务环境 stays whole)."""
    text = re.sub(r"\{\{.*?\}\}", "", heading).strip()
    clause = re.split(r"[，,；;：:。！？、\s]", text)[0].strip("“”\"'（）() ") or text
    clause = clause.removeprefix("要")
    if len(clause) > longest and "的" in clause[2:-2]:
        clause = clause.rsplit("的", 1)[1]
    return clause


def emit_modules(speeches: list[Speech], folder: Path, catalog: Catalog, *, theme: str | None = None,
                 locality: str | None = None, force: bool = False) -> list[Path]:
    """One module file per mined point (per section lead where a section has no points), in drafter's format;
    all or none, and a module file already there (perhaps edited by the clerk) is replaced only with `force`."""
    import os

    import yaml

    from drafter.catalog import HEADING_STYLES
    from drafter.errors import OutputError
    from drafter.writers import write_files

    files: list[tuple[Path, bytes]] = []

    written: list[Path] = []
    taken = {m.title for m in catalog.modules.values()}
    counts: dict[str, int] = {}
    for speech in speeches:
        theme_name = theme or guess_theme(speech, catalog)
        for section in speech.sections:
            category = section.category if section.category in SECTIONS else "priorities"
            pieces = ([(p.heading, [b.text for b in p.paragraphs]) for p in section.points]
                      or [(section.heading, [b.text for b in section.lead])])
            for p_index, (heading, body) in enumerate(pieces, 1):
                slots: dict[str, str] = {}
                blocks = _blocks(body, locality, slots)
                heading = _clean_sentences(heading).rstrip("。") or section.heading
                if not blocks or not heading:
                    continue
                heading = generalise(heading, locality, slots)
                title = module_title(heading) or f"{SECTION_NAMES[category]}{p_index}"
                while title in taken:
                    title += "（本单位）"
                taken.add(title)
                counts[category] = counts.get(category, 0) + 1
                module_id = f"{category}_{counts[category]}"  # short ascii a clerk can type; the title too
                data = {
                    "id": module_id, "title": title, "section": category, "themes": [theme_name],
                    "description": f"摘自《{speech.title or Path(speech.source).name}》：{re.sub(r'{{.*?}}', '', heading)[:30]}",
                    "headings": {style: heading for style in HEADING_STYLES[category]},
                    "bodies": [blocks],
                }
                if slots:
                    data["slots"] = slots
                path = folder / f"{module_id}.yaml"
                text = "# 由 drafter mine 从本单位讲话稿生成：请校对文字、补充第二种写法（bodies 下再加一组）\n"
                text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
                files.append((path, text.encode("utf-8")))
                written.append(path)
    existing = [path for path, _ in files if os.path.lexists(path)]
    if existing and not force:
        names = "、".join(p.name for p in existing[:5]) + (f" 等 {len(existing)} 个" if len(existing) > 5 else "")
        raise OutputError(f"{folder}: 模块文件已存在（{names}），可能已经改过；如需覆盖请加 --force，"
                          "或换一个空文件夹")
    write_files(files, force=force)
    return written
