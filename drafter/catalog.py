"""The catalog: modules, themes, opening/closing, phrase bank and lexicons, loaded once from the packaged
data folders (and a user's own template folder, whose modules override or add by id)."""

from __future__ import annotations

import datetime
import difflib
import errno
import gc
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from drafter.cache import fingerprint, load_object, store_object
from drafter.errors import CatalogError, DrafterError, os_reason
from drafter.meeting import MeetingLexicon
from drafter.roles import RoleLexicon
from drafter.schema import Field, Model, ValidationError, field_validator
from drafter.situation import Competence, DatedTerms

SECTIONS = ("awareness", "priorities", "implementation")
SECTION_NAMES = {"awareness": "提高认识", "priorities": "聚焦重点", "implementation": "狠抓落实",
                 "opening": "开场", "closing": "结尾", "other": "其他"}
HEADING_STYLES = {
    "awareness": ("judgement", "view", "demand"),
    "priorities": ("action", "should", "effort"),
    "implementation": ("should", "action", "with"),
}
ALL_LEVELS = ("市", "县", "区", "镇", "部门")


class _Data(Model):
    """Unknown keys refused, values frozen."""


class PointItem(_Data):
    lead: str
    text: str

    @field_validator("lead")
    @classmethod
    def _lead_not_numbered(cls, value: str) -> str:
        if value.startswith("要"):
            raise ValueError("lead 不能以“要”开头（drafter 会加上 一要/二要）")
        return value


class PointsBlock(_Data):
    points: list[PointItem] = Field(min_length=2)


Block = str | PointsBlock


def block_sources(blocks: Iterable[Any]) -> list[str]:
    """The template texts of a piece's blocks in order: paragraphs, and each point's lead and text."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, PointsBlock):
            out += [text for point in block.points for text in (point.lead, point.text)]
        else:
            out.append(block)
    return out


class Fit(_Data):
    """What a piece (a body variant, an extra) assumes about the speech it is in; compose offers it only where
    all of it holds, and the era and competence lexicons are applied to its text on top (drafter/situation.py).
    Omitted = no restriction."""

    levels: list[str] | None = None    # 市/县/区/镇/部门 it reads right for
    systems: list[str] | None = None   # for a 部门: the systems whose powers it uses (lexicon/competence.yaml)
    roles: list[str] | None = None     # speaker roles that say it (secretary, executive, bureau …)
    kinds: list[str] | None = None     # meeting kinds it fits (动员部署, 推进, 分析 …)
    ideas: list[str] = []              # what it says: two pieces sharing an idea never both reach one draft
    needs: list[str] = []              # what it refers back to: only after a piece that has that idea
    since: datetime.date | None = Field(None, alias="from")  # first meeting date it fits
    until: datetime.date | None = None                        # last meeting date it fits
    months: list[int] | None = None    # meeting months it reads right in (年初定下的目标: not in November or December)
    years: list[int] | None = None     # meeting years it belongs to (换届风气: the years of the local elections)


class Variant(Fit):
    blocks: list[Block] = Field(min_length=1)
    themes: list[str] | None = None  # None in a file = the module's own themes (filled in at load)


class Extra(Fit):
    block: Block
    themes: list[str] | None = None


def _tag_themes(items: list, themes: list[str]) -> list:
    return [item if item.themes else item.model_copy(update={"themes": list(themes)}) for item in items]


class Module(_Data):
    id: str
    title: str
    section: str
    themes: list[str]
    levels: list[str] = list(ALL_LEVELS)
    systems: list[str] | None = None         # for a 部门: the systems the module serves (omit = every system)
    roles: list[str] | None = None           # speaker roles the module suits (omit = every role)
    months: list[int] | None = None          # meeting months it reads right in (this year's targets: not in Nov–Dec)
    kinds: list[str] | None = None           # meeting kinds it is for (case_lessons: 警示教育 only; omit = every kind)
    since: datetime.date | None = Field(None, alias="from")  # a module about what began then (链长制): not before
    description: str
    theme_titles: dict[str, str] = {}        # a theme's own name for the module (作风建设: 群众期盼)
    theme_descriptions: dict[str, str] = {}
    headings: dict[str, str | dict[str, str]]  # style → text, or style → {theme or "*": text}
    bodies: list[Variant] = Field(min_length=1)  # bundled modules have ≥ 2 (a test holds them to it)
    extras: list[Extra] = []
    slots: dict[str, str] = {}  # the module's own values, {{ slot.name }} (a mined module's figures)
    source: str = ""

    @field_validator("bodies", mode="before")
    @classmethod
    def _plain_variants(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"blocks": v} if isinstance(v, list) else v for v in value]
        return value

    @field_validator("extras", mode="before")
    @classmethod
    def _plain_extras(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [v if isinstance(v, dict) and "block" in v else {"block": v} for v in value]
        return value

    def model_post_init(self, _context: Any) -> None:
        object.__setattr__(self, "bodies", _tag_themes(self.bodies, self.themes))
        object.__setattr__(self, "extras", _tag_themes(self.extras, self.themes))

    def heading(self, style: str, theme: str) -> str | None:
        value = self.headings.get(style)
        if isinstance(value, dict):
            return value.get(theme) or value.get("*")
        return value

    def title_for(self, theme: str | None) -> str:
        return self.theme_titles.get(theme or "", self.title)

    def description_for(self, theme: str | None) -> str:
        return self.theme_descriptions.get(theme or "", self.description)

    def extras_for(self, theme: str) -> list[int]:
        return [i for i, extra in enumerate(self.extras) if theme in (extra.themes or ())]

    @field_validator("section")
    @classmethod
    def _known_section(cls, value: str) -> str:
        if value not in SECTIONS:
            raise ValueError(f"section 应为 {'/'.join(SECTIONS)} 之一，收到 “{value}”")
        return value

    def variants_for(self, theme: str) -> list[Variant]:
        fitting = [v for v in self.bodies if theme in (v.themes or ())]
        return fitting or list(self.bodies)


class Extension(_Data):
    """A file that adds one theme's wording to an existing module (`extends: <id>`), so a move shared by
    several themes stays one module with theme-aware headings, bodies and extras."""

    extends: str
    theme: str
    title: str | None = None
    description: str | None = None
    headings: dict[str, str] = {}
    bodies: list[Variant] = []
    extras: list[Extra] = []
    levels: list[str] | None = None
    months: list[int] | None = None  # the meeting months its own pieces read right in (set on each that has none)
    source: str = ""

    _plain_variants = field_validator("bodies", mode="before")(Module._plain_variants.__func__)
    _plain_extras = field_validator("extras", mode="before")(Module._plain_extras.__func__)

    def apply(self, module: Module) -> Module:
        headings: dict[str, str | dict[str, str]] = {}
        for style in {*module.headings, *self.headings}:
            old = module.headings.get(style)
            merged = dict(old) if isinstance(old, dict) else ({"*": old} if old else {})
            if style in self.headings:
                merged[self.theme] = self.headings[style]
            headings[style] = merged
        titles = {**module.theme_titles, **({self.theme: self.title} if self.title else {})}
        descriptions = {**module.theme_descriptions, **({self.theme: self.description} if self.description else {})}
        bodies, extras = _tag_themes(self.bodies, [self.theme]), _tag_themes(self.extras, [self.theme])
        if self.months is not None:
            bodies, extras = ([p if p.months else p.model_copy(update={"months": self.months}) for p in pieces]
                              for pieces in (bodies, extras))
        return module.model_copy(update={
            "theme_titles": titles,
            "theme_descriptions": descriptions,
            "themes": [*module.themes, self.theme] if self.theme not in module.themes else module.themes,
            "headings": headings,
            "bodies": [*module.bodies, *bodies],
            "extras": [*module.extras, *extras],
        })


class Tagged(Fit):
    """A theme or frame text (heading, lead, purpose, closing text) that suits only some speeches: written
    `- {roles: [executive], text: "…"}`; a plain string suits every speech."""

    text: str


TextOption = str | Tagged


def as_tagged(option: str | Tagged | dict[str, Any]) -> Tagged:
    if isinstance(option, Tagged):
        return option
    if isinstance(option, dict):  # as the catalog holds it: validated once per content, not per draft
        key = repr(option)
        if key not in _TAGGED:
            _TAGGED[key] = Tagged.model_validate(option)
        return _TAGGED[key]
    return _plain(option)


_TAGGED: dict[str, Tagged] = {}


@cache
def _plain(text: str) -> Tagged:  # a plain text suits every speech; asked for hundreds of times a draft
    return Tagged(text=text)


def text_of(option: str | Tagged | dict[str, Any]) -> str:
    return as_tagged(option).text


class SectionText(_Data):
    headings: list[TextOption] = Field(min_length=1)
    leads: list[TextOption] = Field(min_length=1)


class Recommended(_Data):
    modules: list[str]
    default: int


class Archive(_Data):
    """Where an archive theme's text comes from (`drafter mine --emit-theme`): the note every draft of the
    theme carries, so the clerk knows its sentences are the unit's own past speeches."""

    notice: str
    sources: list[str] = []
    speeches: int = 0
    level: str | None = None


class FrameText(Fit):
    """One of an archive's openings or closings: its paragraphs, and the speaker it was spoken by (a 县长's
    closing names his own party committee's leadership, a 书记's the superior's): `roles:` holds that speaker's
    role, so only a speaker of the same role is given it; a plain list of paragraphs suits every speaker."""

    paragraphs: list[str] = Field(min_length=1)
    speaker: str = ""  # the title it was spoken under (县长), for whoever reads the theme file


class Frame(_Data):
    """An archive theme's own opening and closing, in place of the shared frame (opening.yaml, closing.yaml):
    each variant a FrameText (or a plain list of paragraphs); `count` the archive's own 下面，我讲{{ count_cn }}点意见.
    A speaker whom no variant fits gets the shared frame."""

    opening: list[FrameText] = []
    count: list[str] = []
    closing: list[FrameText] = []

    @field_validator("opening", "closing", mode="before")
    @classmethod
    def _plain_lists(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"paragraphs": v} if isinstance(v, list) else v for v in value]
        return value


class Theme(_Data):
    name: str
    aliases: list[str] = []
    since: datetime.date | None = Field(None, alias="from")  # the first meeting date the theme's subject fits
    since_note: str = ""                                     # why: what established it then
    words: dict[str, str]
    recommended: dict[str, Recommended]
    sections: dict[str, SectionText]
    opening: dict[str, list[TextOption]]
    closing: dict[str, list[TextOption]]
    facts: dict[str, list[str]]
    archive: Archive | None = None  # a unit's own theme, mined from its past speeches
    frame: Frame | None = None
    source: str = ""


class PhraseEntry(Fit):
    """A phrase-bank entry; its Fit tags (kinds, roles, levels, dates …) say where it may be said: 全力冲刺 not at
    a 警示教育大会."""

    text: str
    themes: list[str] | None = None


class PhraseFile(_Data):
    tag: str
    use: str = ""
    entries: list[PhraseEntry]


@dataclass(frozen=True)
class Phrase:
    id: str
    tag: str
    text: str
    themes: tuple[str, ...] | None
    fit: Fit = Fit()


@dataclass
class Catalog:
    modules: dict[str, Module]
    themes: dict[str, Theme]
    opening: dict[str, list[str]]
    closing: dict[str, list[str]]
    phrases: list[Phrase]
    levels: dict[str, Any]
    era: dict[str, Any]
    speakers: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    set_phrases: list[str] = field(default_factory=list)
    effort_endings: list[str] = field(default_factory=list)  # 下功夫/求突破/见实效 …: the “在…上…” heading's ends
    terms: DatedTerms = field(default_factory=lambda: DatedTerms([]))
    competence: Competence | None = None
    calendar: dict[str, Any] = field(default_factory=dict)
    roles: RoleLexicon | None = None
    meetings: MeetingLexicon | None = None
    speaker_texts: dict[str, Any] = field(default_factory=dict)  # speakers.yaml beyond lead_modules
    target_kinds: dict[str, Any] = field(default_factory=dict)   # lexicon/targets.yaml
    illustrations: dict[str, Any] = field(default_factory=dict)  # lexicon/illustrations.yaml: invented cases
    user_dir: Path | None = None
    _by_title: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_title = {title: m.id for m in self.modules.values()
                          for title in (*m.theme_titles.values(), m.title)}

    @cached_property
    def phrase_patterns(self) -> list[tuple[str, str, str]]:
        """(label, literal anchor, regular expression) for each phrase-bank entry (slots become short wildcards)
        and each listed set phrase: what `check` looks for when it flags a set phrase used twice. The
        expressions are compiled only where the anchor recurs (drafter/repetition.py): most never are."""
        out = []
        for text in [p.text for p in self.phrases] + list(self.set_phrases):
            parts = re.split(r"\{\{.*?\}\}|\{%.*?%\}", text)
            anchor = max(parts, key=len)
            out.append((text, anchor, ".{1,12}?".join(re.escape(p) for p in parts)))
        return out

    @cached_property
    def memo(self) -> dict[str, dict[Any, Any]]:
        """What compose answered once and every draft of the same speech (each seed, each variant set) asks
        again: whether a text fits a situation (`fits`), and the fitting pieces of one config (`fittings`)."""
        return {"fits": {}, "fittings": {}}

    def __getstate__(self) -> dict[str, Any]:  # the cache file keeps the catalog, not what drafts asked of it
        return {k: v for k, v in self.__dict__.items() if k != "memo"}

    def find_module(self, name: str) -> Module | None:
        module_id = name if name in self.modules else self._by_title.get(name)
        return self.modules.get(module_id) if module_id else None

    def module_suggestion(self, name: str, section: str | None = None) -> str | None:
        pool = [m for m in self.modules.values() if section is None or m.section == section]
        names = [t for m in pool for t in (m.title, *m.theme_titles.values())] + [m.id for m in pool]
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        return close[0] if close else None

    def find_theme(self, name: str) -> Theme | None:
        for theme in self.themes.values():
            if name == theme.name or name in theme.aliases:
                return theme
        return None

    def modules_for(self, section: str | None = None, theme: str | None = None) -> list[Module]:
        return [m for m in self.modules.values()
                if (section is None or m.section == section) and (theme is None or theme in m.themes)]


def _yaml_files(root: Traversable) -> list[Traversable]:
    found = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            found += _yaml_files(entry)
        elif entry.name.endswith((".yaml", ".yml")):
            found.append(entry)
    return found


MAX_USER_ENTRIES = 5000       # what a user's template folder may hold, all subfolders together
MAX_USER_DEPTH = 5            # levels of subfolders
MAX_MODULE_BYTES = 1_000_000  # a module file is a few KB
USER_FOLDER = {  # messages about a user's template folder
    "missing": "{folder}: 模板文件夹不存在",
    "file": "{folder}: 这是一个文件，不是模板文件夹（应给出放模块 .yaml 文件的文件夹）",
    "loop": "{folder}: 模板文件夹的路径里有循环的符号链接，请给出真实的文件夹",
    "unreadable": "{folder}: 无法读取模板文件夹（{reason}）",
    "crowded": "{folder}: 模板文件夹里的文件太多（超过 {limit} 项），请指向只放模块文件的文件夹",
    "deep": "{folder}: 子文件夹层数过多（超过 {limit} 层），请把模块文件放在浅一些的位置",
    "big": "{file}: 模块文件过大（{size:.1f} MB），上限为 {limit} KB",
}


def folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot be a template folder (missing, a file, a link loop, unreadable), or None."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return USER_FOLDER["missing"].format(folder=folder)
    except OSError as exc:
        kind = "loop" if exc.errno == errno.ELOOP else "unreadable"
        return USER_FOLDER[kind].format(folder=folder, reason=os_reason(exc))
    if not stat.S_ISDIR(info.st_mode):
        return USER_FOLDER["file"].format(folder=folder)
    return None


def _user_yaml_files(folder: Path) -> list[Path]:
    """The regular *.yaml files inside a user's folder: links are followed only to files inside the folder,
    never to folders (no loops) and never out of it; special files (a FIFO, /dev/zero) are passed over."""
    if problem := folder_problem(folder):
        raise CatalogError(problem)
    root = folder.resolve()
    found: list[Path] = []
    pending: list[tuple[Path, int]] = [(folder, 0)]
    seen = 0
    unreadable: str | None = None  # said once the whole tree is seen: a huge tree is "too many files" first
    while pending:
        current, depth = pending.pop(0)  # breadth first: a huge tree is "too many files", not "too deep"
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            if depth and exc.errno == errno.ENOENT:  # a subfolder gone while we looked (/proc/<pid>): nothing
                continue
            unreadable = unreadable or USER_FOLDER["unreadable"].format(folder=current, reason=os_reason(exc))
            continue
        seen += len(entries)
        if seen > MAX_USER_ENTRIES:
            raise CatalogError(USER_FOLDER["crowded"].format(folder=folder, limit=MAX_USER_ENTRIES))
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    target = path.resolve(strict=True)
                    if not target.is_relative_to(root) or not target.is_file():
                        continue
                elif entry.is_dir(follow_symlinks=False):
                    if depth + 1 > MAX_USER_DEPTH:
                        raise CatalogError(USER_FOLDER["deep"].format(folder=folder, limit=MAX_USER_DEPTH))
                    pending.append((path, depth + 1))
                    continue
                elif not entry.is_file(follow_symlinks=False):
                    continue
            except (OSError, RuntimeError):  # a dangling or looping link: nothing to read
                continue
            if entry.name.endswith((".yaml", ".yml")) and not entry.name.startswith("."):
                found.append(path)
    if unreadable:
        raise CatalogError(unreadable)
    return sorted(found)


THEME_FOLDER = "themes"  # a user's own themes sit in <templates_dir>/themes/<name>.yaml; the rest are modules


def _is_theme_file(folder: Path, path: Path) -> bool:
    return path.relative_to(folder).parts[0] == THEME_FOLDER


def _user_module_files(folder: Path) -> list[Path]:
    return [path for path in _user_yaml_files(folder) if not _is_theme_file(folder, path)]


def load_user_themes(folder: Path) -> dict[str, Theme]:
    """The themes of a user's template folder (an archive theme `drafter mine --emit-theme` wrote, or one a
    clerk wrote by hand in the shape of templates/themes/*.yaml)."""
    themes: dict[str, Theme] = {}
    for path in _user_yaml_files(folder):
        if not _is_theme_file(folder, path):
            continue
        data = _read(path, str(path), user=True)
        if not isinstance(data, dict):
            raise CatalogError(f"{path}: 主题文件应为键值映射")
        theme = _validate(Theme, {**data, "source": str(path)}, str(path))
        if theme.name in themes:
            raise CatalogError(f"{path}: 主题“{theme.name}”重复（另见 {themes[theme.name].source}）")
        themes[theme.name] = theme
    return themes


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the catalog is ~200 files


def _read(entry: Traversable, label: str, *, user: bool = False) -> Any:
    if user:  # a user's file: bounded, any usual encoding, aliases and duplicates checked
        return _read_user(Path(str(entry)), label)
    try:
        return yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 — a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise CatalogError(f"{label}{line}: YAML 格式错误：{getattr(exc, 'problem', exc)}") from None
    except UnicodeDecodeError:
        raise CatalogError(f"{label}: 不是 UTF-8 文本") from None


def _read_user(path: Path, label: str) -> Any:
    from drafter.config.yamlsafe import decode, parse, read_bytes

    try:
        raw = read_bytes(path, MAX_MODULE_BYTES, USER_FOLDER["big"], label)
        return parse(decode(raw, label), label, max_nodes=20_000)[0]
    except DrafterError as exc:
        raise CatalogError(str(exc).replace("配置里不需要使用别名", "模块文件里不需要使用别名")) from None


def _validate(model: type[Model], data: Any, label: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CatalogError(f"{label}: {where}: {first['msg'].removeprefix('Value error, ')}") from None


def _module_from(data: Any, label: str) -> Module:
    if not isinstance(data, dict):
        raise CatalogError(f"{label}: 模块文件应为键值映射")
    module = _validate(Module, {**data, "source": label}, label)
    expected = HEADING_STYLES[module.section]
    if not set(expected) & set(module.headings):
        raise CatalogError(f"{label}: headings 至少要有 {'/'.join(expected)} 中的一种写法")
    return module


def load_modules(root: Traversable, label_root: str, base: dict[str, Module] | None = None, *,
                 user: bool = False) -> dict[str, Module]:
    """Module files, then extension files applied to them (or to `base`, the bundled modules)."""
    modules: dict[str, Module] = {}
    extensions: list[Extension] = []
    for entry in (_user_module_files(Path(str(root))) if user else _yaml_files(root)):
        label = str(entry) if user else f"{label_root}/{entry.name}"
        data = _read(entry, label, user=user)
        if isinstance(data, dict) and "extends" in data:
            extensions.append(_validate(Extension, {**data, "source": label}, label))
            continue
        module = _module_from(data, label)
        if module.id in modules:
            raise CatalogError(f"{label}: 模块 id “{module.id}” 重复（另见 {modules[module.id].source}）")
        modules[module.id] = module
    known = {**(base or {}), **modules}
    for extension in extensions:
        target = known.get(extension.extends)
        if target is None:
            raise CatalogError(f"{extension.source}: extends 指向不存在的模块“{extension.extends}”")
        modules[target.id] = known[target.id] = extension.apply(target)
    return modules


def data_folder(name: str) -> Traversable:
    """A bundled data folder (templates, phrasebank, seeds): inside the installed package, or — when drafter
    runs from a source checkout, where the folders sit at the top of the repository — beside the package."""
    try:
        return files(f"drafter.{name}")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / name


@cache
def _bundled() -> Catalog:
    """Built once per process, and kept across runs in the user's cache (keyed by every bundled file and
    drafter's own code, so an edit to either builds it again)."""
    folders = [data_folder("templates"), data_folder("phrasebank"), Path(__file__).resolve().parent]
    if not all(isinstance(f, Path) or hasattr(f, "__fspath__") for f in folders):
        return _build_bundled()  # data inside a zip: nothing to fingerprint by
    key = fingerprint([Path(f) for f in folders])
    catalog = load_object("catalog.pickle", key)
    if not isinstance(catalog, Catalog):
        catalog = _build_bundled()
        store_object("catalog.pickle", key, catalog)
    # The catalog lives as long as the process: its many objects (and the modules loaded before it) go into
    # the collector's permanent generation, so no later collection walks them again (one costs ~35 ms, and
    # the first draft of a process used to trigger one).
    gc.freeze()
    return catalog


def _build_bundled() -> Catalog:
    root = data_folder("templates")
    from drafter.likeness import with_implied_ideas

    modules = with_implied_ideas(load_modules(root / "modules", "templates/modules"))  # one idea said once
    themes = {}
    for entry in _yaml_files(root / "themes"):
        theme = _validate(Theme, _read(entry, f"templates/themes/{entry.name}"), f"templates/themes/{entry.name}")
        themes[theme.name] = theme
    phrases = []
    for entry in _yaml_files(data_folder("phrasebank")):
        bank = _validate(PhraseFile, _read(entry, f"phrasebank/{entry.name}"), f"phrasebank/{entry.name}")
        for i, item in enumerate(bank.entries, 1):
            themes_of = tuple(item.themes) if item.themes else None
            fit = Fit.model_validate({info.alias or name: getattr(item, name) for name, info in Fit.model_fields.items()})
            phrases.append(Phrase(f"{bank.tag}-{i}", bank.tag, item.text, themes_of, fit))
    speakers = _read(root / "speakers.yaml", "templates/speakers.yaml")
    set_phrases = _read(root / "lexicon" / "set_phrases.yaml", "templates/lexicon/set_phrases.yaml")
    return Catalog(
        modules=modules,
        themes=themes,
        opening=_read(root / "opening.yaml", "templates/opening.yaml"),
        closing=_read(root / "closing.yaml", "templates/closing.yaml"),
        phrases=phrases,
        levels=_read(root / "lexicon" / "levels.yaml", "templates/lexicon/levels.yaml"),
        era=_read(root / "lexicon" / "era.yaml", "templates/lexicon/era.yaml"),
        speakers=speakers["lead_modules"],
        speaker_texts={k: v for k, v in speakers.items() if k != "lead_modules"},
        roles=RoleLexicon(_read(root / "lexicon" / "roles.yaml", "templates/lexicon/roles.yaml")),
        meetings=MeetingLexicon(_read(root / "lexicon" / "meetings.yaml", "templates/lexicon/meetings.yaml")),
        target_kinds=_read(root / "lexicon" / "targets.yaml", "templates/lexicon/targets.yaml"),
        set_phrases=set_phrases["phrases"],
        effort_endings=set_phrases["effort_endings"],
        terms=DatedTerms(_read(root / "lexicon" / "terms.yaml", "templates/lexicon/terms.yaml")["terms"]),
        competence=Competence(_read(root / "lexicon" / "competence.yaml", "templates/lexicon/competence.yaml")),
        calendar=_read(root / "lexicon" / "calendar.yaml", "templates/lexicon/calendar.yaml"),
        illustrations=_read(root / "lexicon" / "illustrations.yaml", "templates/lexicon/illustrations.yaml"),
    )


def load_catalog(user_dir: str | Path | None = None) -> Catalog:
    """The bundled catalog, with a user's template folder layered over it (modules by id)."""
    bundled = _bundled()
    if user_dir is None:
        return bundled
    folder = Path(user_dir)
    if problem := folder_problem(folder):
        raise CatalogError(problem)
    user_modules = load_modules(folder, str(folder), base=bundled.modules, user=True)
    return Catalog(
        modules={**bundled.modules, **user_modules},
        themes={**bundled.themes, **load_user_themes(folder)},
        opening=bundled.opening,
        closing=bundled.closing,
        phrases=bundled.phrases,
        levels=bundled.levels,
        era=bundled.era,
        speakers=bundled.speakers,
        set_phrases=bundled.set_phrases,
        effort_endings=bundled.effort_endings,
        terms=bundled.terms,
        competence=bundled.competence,
        calendar=bundled.calendar,
        roles=bundled.roles,
        meetings=bundled.meetings,
        speaker_texts=bundled.speaker_texts,
        target_kinds=bundled.target_kinds,
        illustrations=bundled.illustrations,
        user_dir=folder,
    )
