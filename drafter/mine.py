"""`drafter mine`: recover the structure of real speeches and turn a unit's archive into modules.

read (docx/txt) → strip page junk → split into speeches → structure (opening, announced count, sections,
points, closing) → classify sections and points against the catalog → generalise headings and set phrases
→ report, or emit module files with the locality, level words and numbers as slots."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from drafter.catalog import SECTION_NAMES, SECTIONS, Catalog
from drafter.check import ANNOUNCED, announced_count, run_in_markers
from drafter.numbering import parse_marker
from drafter.readers import read_paragraphs
from drafter.text import fullwidth_punctuation

JUNK = re.compile(r"下载|免费阅读|阅读已结束|备案号|©|版权|本站|网友|赏杯茶钱|文档|客服|QQ|http|www\.|^\d+\s*/\s*\d+$|"
                  r"^保存成功$|^×$|^资源描述$|^导语|^时间[:：]|开学啦|演讲稿其他|^\d{4}-\d{2}-\d{2}")
TITLE = re.compile(r"在[^。，,；;]{2,60}?(?:会议|大会|会|活动|仪式)上的(?:领导|主要领导)?(?:讲话|发言|致辞)")
FIRST_LINE_TITLE = re.compile(r"^[^。，,；;]{4,50}(?:讲话|发言|致辞)(?:稿)?$")
# a heading fused into a long paragraph: 。一、… / 。（二）…
FUSED_HEADING = re.compile(r"(?<=[。！？：:])(?=(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)])\S)")
SALUTATION = re.compile(r"同志们[：:]")
CLOSING = re.compile(r"^(?:同志们[，,]|总之[，,])")
CATEGORY_WORDS = {
    "awareness": ("认识", "站位", "思想", "意义", "形势", "重要性", "紧迫", "机遇", "统一", "解放", "观念", "问题导向"),
    "priorities": ("重点", "聚焦", "营造", "打造", "招商", "项目", "突破", "攻坚", "整治", "产业", "任务"),
    "implementation": ("落实", "领导", "责任", "督查", "考核", "保障", "作风", "组织", "问责", "机制", "氛围", "担当",
                       "整改", "措施"),
}


@dataclass
class MinedPoint:
    marker: str
    text: str
    body: list[str] = field(default_factory=list)
    module: str | None = None
    confidence: float = 0.0


@dataclass
class MinedSection:
    heading: str
    marker: str
    lead: list[str] = field(default_factory=list)
    points: list[MinedPoint] = field(default_factory=list)
    category: str = "other"
    confidence: float = 0.0


@dataclass
class MinedSpeech:
    source: str
    title: str
    opening: list[str]
    announced_count: int | None
    sections: list[MinedSection]
    closing: list[str]

    def as_dict(self) -> dict:
        return {"source": self.source, "title": self.title, "announced_count": self.announced_count,
                "sections": [{"heading": s.heading, "category": s.category,
                              "points": [{"marker": p.marker, "text": p.text, "module": p.module,
                                          "confidence": round(p.confidence, 2)} for p in s.points]}
                             for s in self.sections]}


# -- splitting ------------------------------------------------------------------------------------------------

def split_speeches(paragraphs: list[str]) -> list[tuple[str, list[str]]]:
    """(title, paragraphs from the salutation on) for each speech in a file; page junk and titles fused to
    the salutation (…讲话稿篇二同志们：) are taken off, and a fragment after a closing is a speech of its own."""
    speeches: list[tuple[str, list[str]]] = []
    title, current = "", []
    after_closing = False
    last_section = 0
    for raw in _unfuse(paragraphs):
        text = raw.strip()
        if not text or JUNK.search(text) and len(text) < 80:
            continue
        salutation = SALUTATION.search(text[:80])
        marker = parse_marker(text)
        continues = marker is not None and marker.style == "chinese" and marker.number == last_section + 1
        starts = salutation is not None or (after_closing and not CLOSING.match(text) and not continues)
        if marker is not None and marker.style == "chinese":
            last_section = marker.number
        if salutation is not None and current and all(len(t) < 30 and "。" not in t for t in current):
            current = []  # the speaker and date lines under a title, not a speech of their own
        if starts and current:
            speeches.append((title, current))
            title, current = "", []
            last_section = marker.number if marker is not None and marker.style == "chinese" else 0
        if salutation is not None:
            head = text[:salutation.start()]
            titles = TITLE.findall(head)
            if titles:
                title = titles[-1]
            elif head and not title:
                title = re.sub(r"稿?篇[一二三四五六七八九十]+$", "", head)
            text = text[salutation.end():].strip()
        elif not current and len(text) < 80 and ((found := TITLE.findall(text)) or FIRST_LINE_TITLE.match(text)):
            title = found[-1] if found else text
            continue
        if text:
            current.append(text)
        after_closing = bool(CLOSING.match(text))
    if current:
        speeches.append((title, current))
    return speeches


def _unfuse(paragraphs: list[str]) -> list[str]:
    """Split long paragraphs where a scraped page glued a numbered heading into the running text."""
    out = []
    for text in paragraphs:
        if len(text) > 300:
            out += [part for part in FUSED_HEADING.split(text) if part]
        else:
            out.append(text)
    return out


# -- structure ------------------------------------------------------------------------------------------------

def _heading_of(text: str, marker_len: int) -> tuple[str, str]:
    """(heading, body) of a numbered paragraph: a heading on its own line, or run into its paragraph."""
    body = text[marker_len:]
    stop = re.search(r"[。！？]", body)
    if stop and stop.start() <= 60:
        return body[:stop.start()], body[stop.end():].strip()
    if len(body) <= 40:
        return body.rstrip("，,；;：:"), ""
    cut = re.search(r"[，,；;]", body)
    if cut and cut.start() <= 30:  # a heading fused into its paragraph: keep its first clause
        return body[:cut.start()], body[cut.end():]
    return body[:30], body[30:]


def _closing_start(paragraphs: list[str]) -> int:
    """Where the closing begins: the last 同志们， paragraph, or a 总之， among the last two (an earlier 总之 sums
    up a section)."""
    for i in range(len(paragraphs) - 1, -1, -1):
        if paragraphs[i].startswith(("同志们，", "同志们,")):
            return i
    for i in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 3), -1):
        if CLOSING.match(paragraphs[i]):
            return i
    return len(paragraphs)


def structure(source: str, title: str, paragraphs: list[str]) -> MinedSpeech:
    opening: list[str] = []
    sections: list[MinedSection] = []
    end = _closing_start(paragraphs)
    closing = paragraphs[end:]
    queue = list(paragraphs[:end])
    while queue:
        text = queue.pop(0)
        marker = parse_marker(text)
        if marker and marker.style == "chinese":
            heading, body = _heading_of(text, len(marker.text))
            sections.append(MinedSection(heading=heading, marker=marker.text.strip()))
            if body:
                queue.insert(0, body)  # what follows a run-in heading is read like any paragraph
            continue
        if marker and marker.style == "paren_chinese":
            if not sections or (sections[-1].points and marker.number == 1
                                and sections[-1].points[0].marker.startswith(("（", "("))):
                sections.append(MinedSection(heading="", marker=""))  # the section's heading was lost
            heading, body = _heading_of(text, len(marker.text))
            sections[-1].points.append(MinedPoint(marker=f"（{marker.text.strip('（）() ')}）", text=heading,
                                                  body=[body] if body else []))
            continue
        if not sections:
            opening.append(text)
            continue
        section = sections[-1]
        if section.points and section.points[0].marker.startswith("（"):
            section.points[-1].body.append(text)
            continue
        found = run_in_markers(text)
        if not section.points and not found and marker is None:
            section.lead.append(text)
            continue
        if found and found[0][1] == 1 and section.points and section.heading == "" and _ended(section):
            sections.append(MinedSection(heading="", marker=""))  # a new list after prose: a lost heading
            section = sections[-1]
        if found:
            if found[0][2] > 1:
                section.lead.append(text[:found[0][2]])
            for k, (_, _, start, end) in enumerate(found):
                stop = found[k + 1][2] if k + 1 < len(found) else len(text)
                lead, body = _heading_of(text[start:stop].strip(), end - start)
                section.points.append(MinedPoint(marker=text[start:end].strip("，, 。；"), text=lead, body=[body]))
        elif section.points and not (section.heading == "" and len(text) > 40 and _ended(section)):
            section.points[-1].body.append(text)
        elif section.points:
            sections.append(MinedSection(heading="", marker="", lead=[text]))  # prose after a list, lost heading
        else:
            section.lead.append(text)
    if not sections and len(opening) > 2:  # every heading lost: the opening ends at its announcement
        cut = next((i for i, t in enumerate(opening) if ANNOUNCED.search(t) or "下面" in t), 0) + 1
        rest, opening = opening[cut:], opening[:cut]
        return _restructure(source, title, opening, rest, closing)
    return MinedSpeech(source=source, title=title, opening=opening, announced_count=announced_count(opening),
                       sections=sections, closing=closing)


def _ended(section: MinedSection) -> bool:
    """Whether the section's last point already has a body (so new prose starts something new)."""
    return bool(section.points and section.points[-1].body and "".join(section.points[-1].body).strip())


def _restructure(source: str, title: str, opening: list[str], rest: list[str], closing: list[str]) -> MinedSpeech:
    """A speech whose numbered headings were all lost: its body becomes sections with empty headings."""
    body = structure(source, title, ["一、"] + rest)
    body.sections[0].heading = ""
    body.opening, body.closing = opening, closing
    body.announced_count = announced_count(opening)
    return body


# -- classification -------------------------------------------------------------------------------------------

def _bigrams(text: str) -> Counter:
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|[^\u4e00-\u9fff]", "", text)
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


def _cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


_VECTORS: dict[int, list[tuple[str, str, Counter]]] = {}


def _module_vectors(catalog: Catalog) -> list[tuple[str, str, Counter]]:
    """Character-bigram profiles of each body variant of every module (computed once per catalog): a point
    written from one variant matches that variant closely."""
    if id(catalog) in _VECTORS:
        return _VECTORS[id(catalog)]
    out = []
    for module in catalog.modules.values():
        extras = " ".join(e.block if isinstance(e.block, str) else " ".join(p.lead + p.text for p in e.block.points)
                          for e in module.extras)
        for variant in module.bodies:
            texts = []
            for block in variant.blocks:
                texts += [block] if isinstance(block, str) else [p.lead + p.text for p in block.points]
            out.append((module.id, module.section, _bigrams(" ".join(texts))))
        if extras:
            out.append((module.id, module.section, _bigrams(extras)))
    _VECTORS[id(catalog)] = out
    return out


def classify(speech: MinedSpeech, catalog: Catalog) -> None:
    vectors = _module_vectors(catalog)
    count = len(speech.sections)
    for index, section in enumerate(speech.sections):
        votes = Counter()
        clauses = re.split(r"[，,]", section.heading)
        first_clause = clauses[0] + (clauses[-1] if len(clauses) > 1 else "")  # 要X，必须Y: both ends carry it
        points_text = "".join(p.text for p in section.points)
        for category, words in CATEGORY_WORDS.items():
            votes[category] += 4 * sum(word in first_clause for word in words)
            votes[category] += sum(word in section.heading for word in words)
            votes[category] += sum(word in "".join(section.lead)[:80] + points_text for word in words)
        for point in section.points:
            vector = _bigrams(point.text + "".join(point.body))
            scored = sorted(((_cosine(vector, v), mid, sec) for mid, sec, v in vectors), reverse=True)
            if scored:
                point.confidence, point.module, best_section = scored[0]
                # a near-certain match (drafter's own text) outweighs heading words; a loose one only nudges
                votes[best_section] += 12 * point.confidence if point.confidence > 0.6 else 2 * point.confidence
        if count >= 3 and index == count - 1:
            votes["implementation"] += 1  # the corpus rule: the last numbered section is 落实
        if index == 0 and count >= 3:
            votes["awareness"] += 0.5
        if votes and max(votes.values()) > 0:
            category, score = votes.most_common(1)[0]
            section.category, section.confidence = category, score / (sum(votes.values()) or 1)


def mine_file(path: str | Path, catalog: Catalog) -> list[MinedSpeech]:
    paragraphs = [fullwidth_punctuation(p) for p in read_paragraphs(path)]
    speeches = [structure(str(path), title, body) for title, body in split_speeches(paragraphs)]
    for speech in speeches:
        classify(speech, catalog)
    return speeches



# -- generalise -----------------------------------------------------------------------------------------------

_LEVEL_SLOTS = (
    (re.compile(r"([市县区镇])委、\1政府"), "{{ own.leaders }}"),
    (re.compile(r"全([市县区镇])上下"), "{{ own.all_up }}"),
    (re.compile(r"各乡镇、各部门|各县（市、区）、市直各部门|各街道（镇）、各部门|各村（社区）、各站所|各科室、各单位"),
     "{{ own.units }}"),
    (re.compile(r"全([市县区镇])(?![场面力部体民])"), "{{ own.whole }}"),
    (re.compile(r"我([市县区镇局委])"), "{{ own.our }}"),
    (re.compile(r"全系统"), "{{ own.whole }}"),
)
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_PLACEHOLDER = re.compile(r"[xX]{1,}|[×Ｘ＊*]+|某某|“”|《》|\s月\s*日")


def generalise(text: str, locality: str | None = None, slots: dict[str, str] | None = None) -> str:
    """Level words and the locality become slots; numbers become module slots (slot.n1 …) with their values
    kept as defaults in `slots`, so a clerk edits a figure once."""
    if locality:
        text = re.sub(re.escape(locality) + r"[市县区镇]?", "{{ area.name }}", text)
    for pattern, slot in _LEVEL_SLOTS:
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


def recurring_phrases(speeches: list[MinedSpeech], lengths: range = range(4, 11), top: int = 30) -> list[dict]:
    """Stretches of 4–10 characters that recur in two or more speeches: the set phrases of the archive."""
    seen: dict[str, set[int]] = {}
    clauses: list[str] = []
    for index, speech in enumerate(speeches):
        text = "|".join(speech.opening + [p for s in speech.sections for p in (s.heading, *s.lead)
                                          for p in [p]] + [b for s in speech.sections for pt in s.points
                                                           for b in (pt.text, *pt.body)] + speech.closing)
        # within one clause only (a set phrase never runs across punctuation), and one character longer than
        # reported so that a piece of a longer shared stretch is not taken for a phrase of its own
        parts = re.split(r"[^\u4e00-\u9fff]+", text)
        clauses += parts
        grams = {clause[i:i + n] for clause in parts
                 for n in range(lengths.start, lengths.stop + 1) for i in range(len(clause) - n + 1)}
        for gram in grams:
            if gram[0] not in "的了和与及此其之是在" and gram[-1] not in "的了和与及在把对" and gram[-2] != "的":
                seen.setdefault(gram, set()).add(index)
    shared = {g: len(ids) for g, ids in seen.items() if len(ids) >= 2}
    # a set phrase has varied neighbours: a stretch always preceded (or followed) by the same character is
    # a piece of a longer word (化营商环境 of 优化营商环境, 优化营商环境的重 of …的重要性)
    sides: dict[str, tuple[set[str], set[str]]] = {}
    for clause in clauses:
        for n in range(lengths.start, lengths.stop + 1):
            for i in range(len(clause) - n + 1):
                gram = clause[i:i + n]
                if gram in shared:
                    left, right = sides.setdefault(gram, (set(), set()))
                    left.add(clause[i - 1] if i else "^")
                    right.add(clause[i + n] if i + n < len(clause) else "$")
    shared = {g: c for g, c in shared.items() if len(sides[g][0]) > 1 or sides[g][0] == {"^"}
              if len(sides[g][1]) > 1 or sides[g][1] == {"$"}}
    maximal = [g for g in shared if not any(g != o and g in o and shared[o] >= shared[g] for o in shared
                                            if len(o) == len(g) + 1)]
    maximal = [g for g in maximal if len(g) < lengths.stop]
    maximal.sort(key=lambda g: (-shared[g] * len(g), g))
    return [{"phrase": g, "speeches": shared[g]} for g in maximal[:top]]


# -- emit -----------------------------------------------------------------------------------------------------

def _clean_sentences(text: str) -> str:
    """Drop sentences that still hold a placeholder or a deleted name; a module must render clean."""
    sentences = re.findall(r"[^。！？]+[。！？]?", text)
    return "".join(s for s in sentences if not _PLACEHOLDER.search(s)).strip()


def _blocks(paragraphs: list[str], locality: str | None, slots: dict[str, str]) -> list:
    """Module blocks from mined paragraphs: run-in lists become `points` (drafter numbers them again)."""
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


def guess_theme(speech: MinedSpeech, catalog: Catalog) -> str:
    votes = Counter()
    for section in speech.sections:
        for point in section.points:
            module = catalog.modules.get(point.module or "")
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


def emit_modules(speeches: list[MinedSpeech], folder: Path, catalog: Catalog, *, theme: str | None = None,
                 locality: str | None = None) -> list[Path]:
    """One module file per mined point (per section lead where a section has no points), in drafter's format."""
    import yaml

    from drafter.catalog import HEADING_STYLES
    from drafter.writers import write_atomic

    written: list[Path] = []
    taken = {m.title for m in catalog.modules.values()}
    counts: dict[str, int] = {}
    for speech in speeches:
        theme_name = theme or guess_theme(speech, catalog)
        for section in speech.sections:
            category = section.category if section.category in SECTIONS else "priorities"
            pieces = [(p.text, p.body) for p in section.points] or [(section.heading, section.lead)]
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
                write_atomic(path, text.encode("utf-8"), force=True)
                written.append(path)
    return written
