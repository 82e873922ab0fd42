"""`drafter mine --emit-theme`: a unit's own theme from its archive of past speeches.

mined speeches → the archive's level and place → points grouped by kind across speeches (one module each, one
body variant per speech) → section headings and leads, opening and closing from the archive's own → a theme
file and module files in a template folder, with place, level words, years and figures as slots."""

from __future__ import annotations

import math
import os
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter import patterns
from drafter.catalog import (
    HEADING_STYLES,
    SECTION_NAMES,
    SECTIONS,
    THEME_FOLDER,
    Catalog,
    Theme,
    _module_from,
    _validate,
    text_of,
)
from drafter.errors import OutputError, os_reason
from drafter.mine import _bigrams, _blocks, _clean_sentences, guess_theme, literal, module_title
from drafter.model import Speech
from drafter.roles import RoleLexicon

MODULE_FOLDER = "modules"
JOIN_SIMILARITY = 0.3   # two points of different speeches with this bigram cosine are one kind of point
JOIN_SAME_MODULE = 0.25  # … or both nearest the same bundled module, each at least this close
HEADER = "# 由 drafter mine --emit-theme 从本单位讲话稿生成。文字是档案原文：请校对，可增删写法。\n"
MESSAGES = {
    "blank": "--emit-theme: 主题名称是空的；请写上本单位主题的名称，如“本县营商环境”",
    "name": "--emit-theme {name}: 主题名称不能含 / \\ 或 ..，不能以 . 开头，不超过 30 字",
    "builtin": "--emit-theme {name}: 与内置主题同名；请另起一个名称（如“本县{name}”），以免遮住内置主题",
    "empty": "{where}: 没有读出带部分标题的讲话稿，生成不了主题（请给出本单位往年的讲话稿 .docx/.md/.txt）",
    "exists": "{folder}: 已有主题“{name}”（{what}），可能已经改过；如需覆盖请加 --force，或换一个文件夹",
}


def check_theme_name(name: str, catalog: Catalog) -> None:
    if not name.strip():
        raise OutputError(MESSAGES["blank"])
    if ("/" in name or "\\" in name or ".." in name or name.startswith(".") or len(name) > 30
            or any(ord(ch) < 32 for ch in name)):
        raise OutputError(MESSAGES["name"].format(name=name))
    if name in {t.name for t in catalog.themes.values() if not t.source}:
        raise OutputError(MESSAGES["builtin"].format(name=name))


# -- the archive's own words as slots ---------------------------------------------------------------------------

def archive_level(speeches: list[Speech]) -> str:
    """The level the archive speaks for (我县、全县上下 → 县; 我局、全系统 → 部门); 县 when nothing says."""
    votes: Counter = Counter()
    system = patterns.reading()["system_whole"]
    for speech in speeches:
        text = "".join(p.text for p in speech.paragraphs())
        votes.update(next(g for g in m.groups() if g) for m in patterns.own_level().finditer(text))
        votes["部门"] += text.count(system) + len(re.findall("我局|我委|局党组", text))
    return votes.most_common(1)[0][0] if votes else "县"


def archive_locality(speeches: list[Speech], level: str) -> str | None:
    """The place the archive names most (临川县 ×5 → 临川), if it names one often enough to be sure."""
    suffix = level if level != "部门" else "县"
    stop = set(patterns.reading()["not_places"])
    counts: Counter = Counter()
    before: dict[str, set[str]] = {}
    holders: dict[str, set[int]] = {}
    for index, speech in enumerate(speeches):
        text = "".join(p.text for p in speech.paragraphs())
        whole_not = re.escape(patterns.reading()["whole_not_before"])  # 推进市场 is no 推进市
        for m in re.finditer(f"([\u4e00-\u9fff]{{2}}){suffix}(?![{whole_not}])", text):
            if not set(m.group(1)) & stop:
                counts[m.group(1)] += 1
                before.setdefault(m.group(1), set()).add(text[m.start() - 1] if m.start() else "^")
                holders.setdefault(m.group(1), set()).add(index)
    # named three times, in two speeches when there are two; a stretch always after the same character is a
    # piece of a longer word (经济强县 → 济强), not a place
    found = [(n, name) for name, n in counts.items() if n >= 3 and len(before[name]) > 1
             and len(holders[name]) >= min(2, len(speeches))]
    return max(found)[1] if found else None


def speech_year(speech: Speech) -> int | None:
    if speech.date:
        return speech.date.year
    years = [int(y) for p in speech.paragraphs() for y in re.findall(r"((?:19|20)\d{2})年", p.text)]
    return max(years) if years else None


def meeting_name(speech: Speech) -> str | None:
    m = re.search(r"在(.{4,60}?)上的", speech.title or "")
    return m.group(1) if m else None


@dataclass
class Generaliser:
    """Turns archive text into template text: its place, level words, meeting name and years become slots;
    numbers become module slots (slot.n1 … with the archive's value as default), or, in the theme's frame,
    drop the sentence; `{` never becomes template code."""

    level: str
    locality: str | None
    levels: dict[str, Any]
    words: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        spec = self.levels["levels"]
        if self.level in spec:
            above = spec[self.level].get("superior", "省")
            own_words = spec[self.level]["words"]
            for scope, level in (("own", self.level), ("above", above)):
                for key, value in spec[level]["words"].items():
                    # a level's own word (全县, 各乡镇、各部门), not one every level shares (纪检监察机关) or a
                    # common noun (部门)
                    specific = any(v["words"].get(key) != value for v in spec.values())
                    named = any(v["suffix"] in value for v in spec.values())  # not 部门 of 气象部门
                    if specific and named and len(value) >= 2 and (scope == "own" or own_words.get(key) != value):
                        self.words.append((value, f"{{{{ {scope}.{key} }}}}"))
        self.words.sort(key=lambda pair: -len(pair[0]))
        whole_not = re.escape(patterns.reading()["whole_not_before"])
        alternatives = [re.escape(word) + (f"(?![{whole_not}])" if word.startswith("全") and len(word) == 2 else "")
                        for word, _ in self.words]
        self._words = re.compile("|".join(alternatives)) if alternatives else None
        self._slot = dict(self.words)

    def text(self, text: str, year: int | None, meeting: str | None = None, slots: dict[str, str] | None = None) -> str:
        text = patterns.DOUBLED_PUNCTUATION.sub(lambda m: m.group()[0], text)  # a deleted name's 。、 in the archive
        text = literal(text)
        if meeting and len(meeting) >= 4:
            text = text.replace(meeting, "{{ meeting.name }}")
        if self.locality:
            suffixes = "".join(patterns.level_chars())
            text = re.sub(re.escape(self.locality) + f"[{suffixes}]", "{{ area.name }}", text)
            text = text.replace(self.locality, "{{ area.short }}")
        if self._words is not None:
            text = self._words.sub(lambda m: self._slot[m.group()], text)
            chars = "".join(patterns.level_chars())  # 我县、全市上下 name the speaker's own level, whatever it is
            text = re.sub(f"全[{chars}]上下", "{{ own.all_up }}", text)
            text = re.sub(f"我[{chars}](?![{re.escape(patterns.reading()['whole_not_before'])}])", "{{ own.our }}", text)
        else:  # a bureau: 我局、全系统 … (patterns.level_slots reads every level's words)
            for pattern, slot in patterns.level_slots():
                text = pattern.sub(slot, text)
        if year:
            def shift(m: re.Match[str]) -> str:
                d = int(m.group(1)) - year
                return "{{ meeting.date.year" + (f" + {d}" if d > 0 else f" - {-d}" if d < 0 else "") + " }}"
            text = re.sub(r"(?<!\d)((?:19|20)\d{2})(?=年)", shift, text)
        if slots is not None:
            def number(m: re.Match[str]) -> str:
                key = f"n{len(slots) + 1}"
                slots[key] = m.group()
                return "{{ slot." + key + " }}"
            text = re.sub(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])(?![^{]*\}\})", number, text)
        return text

    def frame(self, text: str, year: int | None, meeting: str | None, *, clauses: bool = False) -> str:
        """A frame text (heading, lead, opening, closing) fit for another day: the old year's framing (今年是…)
        becomes this year's ({{ era.year_framing }}); a sentence recapping the old agenda (刚才…) is left out,
        with a sentence that refers back to what was left out (这些…); so is a sentence holding a figure or
        naming another year than the speech's own, since it states a fact of that day — with `clauses` (a
        closing, one long call) only the clause that holds it (以优异成绩庆祝…75周年)."""
        spec = patterns.reading()
        recap, back, framing = tuple(spec["recap_starts"]), tuple(spec["refers_back"]), tuple(spec["year_framing"])
        out: list[str] = []
        dropped = False
        text = patterns.salutation().sub("", _clean_sentences(text))  # 同志们： run into a scraped paragraph
        for sentence in re.findall(r"[^。！？]+[。！？]?", text):
            if sentence[-1] not in "。！？：" and len(sentence) < 10:  # a broken line's tail (省软办)
                continue
            bare = sentence.lstrip("，, ")
            if bare.startswith(framing):
                out.append("{% if era.plan_stage %}{{ era.year_framing }}。{% endif %}")
                dropped = False
                continue
            if bare.startswith(tuple(spec["season_starts"])):  # that day's season: the new date says its own
                continue
            if bare.startswith(recap) or any(w in bare for w in spec["recap_words"]) or (dropped and bare.startswith(back)):
                dropped = True
                continue
            if names_person(sentence) or unfinished(sentence) or page_junk(sentence):
                dropped = True
                continue
            done = self.text(sentence, year, meeting)
            if _figure(done):
                end = done[-1] if done[-1] in "。！？" else ""
                parts = re.split(r"(?<=[，；])", done.rstrip("。！？"))
                if not clauses or _figure(parts[0]):
                    dropped = True
                    continue
                done = "".join(c for c in parts if not _figure(c)).rstrip("，；") + end
            dropped = False
            out.append(done)
        return "".join(out).strip()


def names_person(text: str) -> bool:
    """Whether a sentence names someone (凤昌书记、关星同志): a theme carries no old names."""
    spec = patterns.reading()["persons"]
    titles = "|".join(map(re.escape, spec["titles"]))
    named = any(not set(m.group(1)) & set(spec["not_name"])
                for m in re.finditer(f"([\u4e00-\u9fff]{{2}})(?:{titles})", text))
    surname = any(m.group(1) not in spec["not_name"]  # 市委孙书记
                  for m in re.finditer(f"[委府]([\u4e00-\u9fff])(?:{titles})", text))
    return named or surname


def unfinished(sentence: str) -> bool:
    """A sentence check would report as unfinished (月 日 with the day deleted, 《》 …): the archive's gap."""
    bare = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", sentence)  # braces typed in a speech stay words, not gaps
    return any(pattern.search(bare) for pattern, _ in patterns.placeholders())


def page_junk(sentence: str) -> bool:
    """A scraped page's chrome (…网友为您分享的文档…) or a title run into the text (在…会议上的讲话)."""
    return patterns.is_junk(sentence.strip()) or bool(patterns.title().search(sentence))


def without_persons(text: str) -> str:
    """The paragraph without the sentences that name someone, hold a gap or are page junk."""
    return "".join(s for s in re.findall(r"[^。！？]+[。！？]?", text)
                   if not names_person(s) and not unfinished(s) and not page_junk(s))


def _figure(text: str) -> bool:
    """A figure, or a year other than the speech's own ({{ meeting.date.year - 1 }})."""
    return bool(re.search(r"\d|meeting\.date\.year [+-]", re.sub(r"\{\{ (?!meeting\.date)[^}]*\}\}|\{%.*?%\}", "", text)))


# -- grouping points -------------------------------------------------------------------------------------------

@dataclass
class Piece:
    speech: int
    position: float  # where in its section it stood, 0 … 1
    heading: str
    paragraphs: list[str]
    module_id: str | None
    confidence: float
    vector: Counter


@dataclass
class Group:
    """Points of one kind: their summed bigram profile, the bundled modules they are surely nearest, the
    speeches they come from (a group takes one point of each speech)."""

    section: str
    pieces: list[Piece] = field(default_factory=list)
    vector: Counter = field(default_factory=Counter)
    modules: set[str] = field(default_factory=set)
    speeches: set[int] = field(default_factory=set)

    def add(self, piece: Piece) -> None:
        self.pieces.append(piece)
        self.vector.update(piece.vector)
        self.speeches.add(piece.speech)
        if piece.module_id and piece.confidence >= JOIN_SAME_MODULE:
            self.modules.add(piece.module_id)


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _closeness(piece: Piece, group: Group) -> float:
    if piece.module_id in group.modules and piece.confidence >= JOIN_SAME_MODULE:
        return 1.0
    return _cosine(piece.vector, group.vector)


def section_keys(speech: Speech) -> list[str]:
    """The theme section each of the speech's sections feeds. A speech of three sections that mine read as
    two of one kind (认识 → 落实 → 落实) is read in the genre's order instead: 提高认识, 聚焦重点, 狠抓落实."""
    keys = [s.category if s.category in SECTIONS else "priorities" for s in speech.sections]
    if len(keys) == 3 and len(set(keys)) < 3:
        return list(SECTIONS)
    return keys


def group_points(speeches: list[Speech]) -> dict[str, list[Group]]:
    """Points of one kind across speeches, per section: each joins the closest group of its section that holds
    no point of its own speech yet, if close enough; else it starts a group."""
    groups: dict[str, list[Group]] = {s: [] for s in SECTIONS}
    for index, speech in enumerate(speeches):
        for section, key in zip(speech.sections, section_keys(speech), strict=True):
            items = [(p.heading, [b.text for b in p.paragraphs], p.module_id, p.confidence) for p in section.points]
            if not items and section.lead:  # a section without points: its text is one point
                items = [(section.heading, [b.text for b in section.lead], None, 0.0)]
            for n, (heading, body, module_id, confidence) in enumerate(items):
                vector = _bigrams(heading * 3 + "".join(body))
                piece = Piece(index, n / max(len(items) - 1, 1), heading, body, module_id, confidence, vector)
                free = [g for g in groups[key] if index not in g.speeches]
                scored = max(((_closeness(piece, g), -i) for i, g in enumerate(free)), default=(0.0, 0))
                if scored[0] >= JOIN_SIMILARITY:
                    free[-scored[1]].add(piece)
                else:
                    groups[key].append(group := Group(key))
                    group.add(piece)
    return groups


# -- the theme -------------------------------------------------------------------------------------------------

@dataclass
class EmittedTheme:
    name: str
    folder: Path
    files: list[Path]
    modules: list[dict[str, str]]  # id, title, section, variants
    level: str
    locality: str | None
    recommended: dict[str, list[str]]


def _unique(items: list[str]) -> list[str]:
    return [t for t in dict.fromkeys(items) if t]


def _existing(folder: Path, name: str) -> list[Path]:
    theme_file = folder / THEME_FOLDER / f"{name}.yaml"
    module_folder = folder / MODULE_FOLDER / name
    found = [theme_file] if os.path.lexists(theme_file) else []
    if module_folder.is_dir():
        found += sorted(module_folder.glob("*.yaml"))
    return found


def _taken_ids(folder: Path, name: str, catalog: Catalog) -> tuple[set[str], set[str]]:
    """Module ids and titles in use: the bundled catalog's and those of the folder's other modules."""
    from drafter.catalog import load_catalog

    ids, titles = set(catalog.modules), {m.title for m in catalog.modules.values()}
    if folder.is_dir():
        own = (folder / MODULE_FOLDER / name).resolve()
        for module in load_catalog(folder).modules.values():
            if module.source and not Path(module.source).resolve().is_relative_to(own):
                ids.add(module.id)
                titles.add(module.title)
    return ids, titles


def emit_theme(speeches: list[Speech], name: str, folder: Path, catalog: Catalog, *, locality: str | None = None,
               force: bool = False, where: str = "") -> EmittedTheme:
    """Write <folder>/themes/<name>.yaml and <folder>/modules/<name>/*.yaml from the archive's speeches; all
    files or none, and a theme already there (perhaps edited) is replaced only with `force`."""
    from drafter.writers import write_files

    check_theme_name(name, catalog)
    speeches = [s for s in speeches if s.sections]
    if not speeches:
        raise OutputError(MESSAGES["empty"].format(where=where or "讲话稿"))
    existing = _existing(folder, name)
    if existing and not force:
        what = "、".join(str(p.relative_to(folder)) for p in existing[:3]) + (f" 等 {len(existing)} 个文件"
                                                                              if len(existing) > 3 else "")
        raise OutputError(MESSAGES["exists"].format(folder=folder, name=name, what=what))
    level = archive_level(speeches)
    locality = locality or archive_locality(speeches, level)
    general = Generaliser(level, locality, catalog.levels)
    years = [speech_year(s) for s in speeches]
    meetings = [meeting_name(s) for s in speeches]
    nearest = catalog.themes[_nearest_theme(speeches, catalog)]
    taken_ids, taken_titles = _taken_ids(folder, name, catalog)

    groups = group_points(speeches)
    module_files: list[tuple[Path, bytes]] = []
    modules: list[dict[str, str]] = []
    recommended: dict[str, list[str]] = {}
    defaults: dict[str, int] = {}
    for key in SECTIONS:
        made: list[tuple[Group, str]] = []
        counter = 0
        for group in groups[key]:
            slots: dict[str, str] = {}
            bodies = []
            for piece in group.pieces:
                year, meeting = years[piece.speech], meetings[piece.speech]
                blocks = _blocks([without_persons(p) for p in piece.paragraphs], None, slots,  # split as mine does
                                 convert=lambda t, y=year, m=meeting, s=slots: general.text(t, y, m, s))
                if blocks and blocks not in bodies:  # two speeches that said it word for word: one variant
                    bodies.append(blocks)
            first = group.pieces[0]
            heading = general.text(_clean_sentences(first.heading).rstrip("。"), years[first.speech],
                                   meetings[first.speech], slots)
            if not bodies or not heading:
                continue
            counter += 1
            while (module_id := f"{key}_{counter}") in taken_ids:
                counter += 1
            taken_ids.add(module_id)
            title = module_title(heading) or f"{SECTION_NAMES[key]}{counter}"
            if title in taken_titles:
                title = f"{title}（{name}）"
            while title in taken_titles:
                title += "之二"
            taken_titles.add(title)
            data: dict[str, Any] = {
                "id": module_id, "title": title, "section": key, "themes": [name], "levels": [level],
                "description": f"{re.sub(r'{{.*?}}', '', heading)[:30]}（{_sources(group, speeches, years)}）",
                "headings": {style: heading for style in HEADING_STYLES[key]},
                "bodies": bodies,
            }
            if slots:
                data["slots"] = slots
            path = folder / MODULE_FOLDER / name / f"{module_id}.yaml"
            _module_from(yaml.safe_load(_dump(data)), str(path))  # what the catalog will load, checked first
            module_files.append((path, (HEADER + _dump(data)).encode("utf-8")))
            modules.append({"id": module_id, "title": title, "section": key, "variants": str(len(bodies)),
                            "path": str(path)})
            made.append((group, module_id))
        per_speech = [sum(1 for g, _ in made if i in g.speeches) for i in range(len(speeches))]
        per_speech = [n for n in per_speech if n]
        default = round(statistics.median(per_speech)) if per_speech else 0
        by_size = sorted(made, key=lambda item: (-len(item[0].pieces), _position(item[0])))
        top = sorted(by_size[:default], key=lambda item: _position(item[0]))
        recommended[key] = [m for _, m in top] + [m for _, m in by_size[default:]]
        defaults[key] = default

    theme = _theme_data(name, speeches, general, years, meetings, nearest, recommended, defaults, level, locality,
                        catalog.roles)
    theme_path = folder / THEME_FOLDER / f"{name}.yaml"
    _validate(Theme, yaml.safe_load(_dump(theme)), str(theme_path))
    files = [(theme_path, (HEADER + _dump(theme)).encode("utf-8")), *module_files]
    for path, _ in files:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{path.parent}: 无法创建主题文件夹（{os_reason(exc)}），没有写入") from None
    write_files(files, force=force)
    written = {path for path, _ in files}
    for stale in existing:  # a module of the earlier emission this one no longer has
        if stale not in written and stale.read_bytes().startswith(HEADER.encode("utf-8")):
            stale.unlink()
    return EmittedTheme(name, folder, [p for p, _ in files], modules, level, locality, recommended)


def _sources(group: Group, speeches: list[Speech], years: list[int | None]) -> str:
    """摘自档案 3 篇（2023、2024、2025 年）, or the file names where the speeches have no date."""
    dated = sorted({years[p.speech] for p in group.pieces if years[p.speech]})
    if len(dated) == len({p.speech for p in group.pieces}):
        return f"摘自档案 {len(group.pieces)} 篇（{'、'.join(map(str, dated))} 年）"
    names = sorted({Path(speeches[p.speech].source).name for p in group.pieces})
    return f"摘自档案 {len(group.pieces)} 篇：{'、'.join(names[:2])}{'等' if len(names) > 2 else ''}"


def _position(group: Group) -> float:
    return statistics.mean(p.position for p in group.pieces)


def _nearest_theme(speeches: list[Speech], catalog: Catalog) -> str:
    votes = Counter(guess_theme(s, catalog) for s in speeches)
    builtin = [name for name, t in catalog.themes.items() if not t.source]
    ranked = [name for name, _ in votes.most_common() if name in builtin]
    return ranked[0] if ranked else builtin[0]


MIN_OPENING = 20  # characters an archive opening keeps (without its count sentence) to be one of the theme's
MIN_CLOSING = 20


def _spoken(paragraphs: list[str]) -> int:
    return len(re.sub(r"\{\{.*?\}\}|\{%.*?%\}|[^\u4e00-\u9fff]", "", "".join(paragraphs)))


COUNT_MARK = "\ue000"  # stands for the count while the count sentence is generalised


def _count_sentence(text: str) -> tuple[str, str | None]:
    """The paragraph without its 下面，我讲三点意见 sentence, and that sentence with COUNT_MARK for the count."""
    for sentence in re.findall(r"[^。！？]+[。！？]?", text):
        m = patterns.announced().search(sentence)
        if m:
            own = sentence[:m.start(1)] + COUNT_MARK + sentence[m.end(1):]
            return text.replace(sentence, ""), own.strip()
    return text, None


def _theme_data(name: str, speeches: list[Speech], general: Generaliser, years: list[int | None],
                meetings: list[str | None], nearest: Theme, recommended: dict[str, list[str]],
                defaults: dict[str, int], level: str, locality: str | None,
                roles: RoleLexicon | None) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for key in SECTIONS:
        headings, leads = [], []
        for i, speech in enumerate(speeches):
            for section, its_key in zip(speech.sections, section_keys(speech), strict=True):
                if its_key != key:
                    continue
                headings.append(general.frame(section.heading, years[i], meetings[i]).rstrip("。"))
                if section.points:
                    leads.append(general.frame("".join(p.text for p in section.lead), years[i], meetings[i]))
        own = nearest.sections[key]
        headings = _unique(headings) or [text_of(h) for h in own.headings]
        sections[key] = {"headings": headings, "leads": _unique(leads) or [""]}
    openings, counts, closings = [], [], []
    for i, speech in enumerate(speeches):
        paragraphs = []
        for p in speech.opening:
            text, count = _count_sentence(p.text)
            if count and (done := general.frame(count, years[i], meetings[i])):
                counts.append(done.replace(COUNT_MARK, "{{ count_cn }}"))
            if done := general.frame(text, years[i], meetings[i]):
                paragraphs.append(done)
        if paragraphs and paragraphs[-1].endswith("："):  # 下面我再强调几点：— drafter's count sentence says it
            paragraphs[-1] = "".join(re.findall(r"[^。！？]+[。！？]", paragraphs[-1]))
            paragraphs = [p for p in paragraphs if p]
        if _spoken(paragraphs) >= MIN_OPENING:  # what is left of an opening made of that day's facts is no opening
            openings.append(_spoken_by(paragraphs, speech, level, roles))
        closing = [t for p in speech.closing if (t := general.frame(p.text, years[i], meetings[i], clauses=True))]
        if _spoken(closing) >= MIN_CLOSING and closing[0].startswith(tuple(patterns.closing_salutation())):
            closings.append(_spoken_by(closing, speech, level, roles))
    counts = _unique(counts)
    sources = [Path(s.source).name for s in speeches]
    notice = (f"本稿文字取自本单位讲话稿档案（{len(speeches)} 篇，由 drafter mine 生成主题“{name}”），"
              f"是往年讲话的原文，不是新写的：事实、数字和提法请逐一核对；查重时会与档案原稿重合。")
    return {
        "name": name,
        "words": dict(nearest.words),
        "recommended": {key: {"modules": recommended[key], "default": defaults[key]} for key in SECTIONS},
        "sections": sections,
        "opening": {"purposes": [text_of(p) for p in nearest.opening["purposes"]]},
        "closing": {k: [text_of(t) for t in v] for k, v in nearest.closing.items()},
        "facts": dict(nearest.facts),
        "archive": {"notice": notice, "sources": _unique(sources), "speeches": len(speeches), "level": level},
        "frame": {"opening": openings, "count": counts, "closing": closings},
    }


def _spoken_by(paragraphs: list[str], speech: Speech, level: str, roles: RoleLexicon | None) -> Any:
    """An opening or closing with the role of the speaker who said it (a 县长's closing is offered to a 县长,
    not to a 书记); a plain list of paragraphs where the speech names no speaker."""
    title = speech.speaker_role
    if not title or roles is None:
        return paragraphs
    return {"roles": [roles.role_of(title, level).tag], "speaker": title, "paragraphs": paragraphs}


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
