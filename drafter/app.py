"""What each command does, as plain functions: the CLI only translates options into these calls."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.catalog import SECTION_NAMES, SECTIONS, Catalog, Module, folder_problem, load_catalog
from drafter.compose import Request, compose_speech, prepare, scratch_builder
from drafter.compose.request import catalog_problems, situation_of
from drafter.config import load_config
from drafter.config.loader import ConfigSource, invalid
from drafter.config.model import Config
from drafter.errors import CatalogError, ConfigError, DrafterError, OutputError, os_reason
from drafter.lexicon import level_words
from drafter.model import Speech
from drafter.text import count_chars, spoken_chars
from drafter.writers import FORMATS, check_target, render_bytes, write_files
from drafter.writers.files import safe_file_name

PACE = 200  # characters a minute, the usual speaking pace of a 讲话稿


@dataclass(frozen=True)
class Loaded:
    source: ConfigSource
    catalog: Catalog
    request: Request

    @property
    def config(self) -> Config:
        return self.source.config


def load(config_path: str | Path, templates: str | Path | None = None) -> Loaded:
    """Config + catalog (with the user's template folder: --templates wins over templates_dir)."""
    try:
        source = load_config(config_path)
    except ConfigError as exc:
        raise with_catalog_problems(exc, templates) from None
    if templates:
        catalog = templates_catalog(Path(templates))
    elif given := source.config.templates_dir:  # a problem of the folder as a whole: at templates_dir's line
        folder = source.path.parent / given
        catalog = _folder_catalog(folder, lambda problem: _folder_error(source, folder, problem))
    else:
        catalog = load_catalog()
    try:  # the bureau's host government must be readable from its name: say so at the config's line
        level_words(source.config.locality, catalog.levels)
    except ConfigError as exc:
        raise source.error(("locality", "unit"), str(exc).removeprefix("locality.unit: ")) from None
    return Loaded(source, catalog, prepare(source, catalog))


def templates_catalog(folder: Path | None) -> Catalog:
    """The catalog with the unit's folder given as --templates; a problem of the folder as a whole (missing, a
    file, too many files) names the option."""
    if folder is None:
        return load_catalog()
    return _folder_catalog(folder, lambda problem: OutputError(f"--templates {problem}"))


def _folder_catalog(folder: Path, fail: Callable[[str], DrafterError]) -> Catalog:
    """The catalog with the unit's folder; a problem of the folder as a whole (missing, a file, too many files,
    too deep) is raised as `fail` makes it, a problem of one file in it as it is."""
    if problem := folder_problem(folder):
        raise fail(problem)
    try:
        return load_catalog(folder)
    except CatalogError as exc:
        if not str(exc).startswith(f"{folder}: "):
            raise
        raise fail(str(exc)) from None


def _folder_error(source: ConfigSource, folder: Path, problem: str) -> ConfigError:
    """A problem with the config's templates_dir, at its line: `c.yaml:10: templates_dir: “/”：…`."""
    given = source.config.templates_dir or ""
    where = "" if Path(given).is_absolute() else "（相对于配置文件所在的文件夹）"
    return source.error(("templates_dir",), f"“{given}”：{problem.removeprefix(f'{folder}: ')}{where}")


def with_catalog_problems(exc: ConfigError, templates: str | Path | None) -> ConfigError:
    """A config that failed validation, with the theme and module problems added, so one run names all."""
    data = getattr(exc, "data", None)
    if not isinstance(data, dict) or (templates is not None and not Path(templates).is_dir()):
        return exc
    try:
        catalog = load_catalog(Path(templates) if templates else None)
    except DrafterError:
        return exc
    locality = data.get("locality") if isinstance(data.get("locality"), dict) else {}
    sections = data.get("sections")
    if isinstance(sections, dict):  # a section already refused as a whole (too long …) is not read module by module
        refused = {key[1] for key, _ in exc.problems if len(key) == 2 and key[0] == "sections"}
        sections = {k: v for k, v in sections.items() if k not in refused}
    extra = catalog_problems(catalog, data.get("theme"), locality.get("level"), sections)
    return invalid(exc.path, exc.node, exc.problems + extra, data) if extra else exc


# Document types drafter does not write: a draft named 讲话.pdf would be a .docx no reader opens as such.
OTHER_DOCUMENTS = ("doc", "wps", "pdf", "rtf", "odt", "htm", "html", "xls", "xlsx", "ppt", "pptx")


def output_format(out: Path | None, fmt: str | None) -> str:
    suffix = out.suffix.lower().lstrip(".") if out else ""
    if suffix in OTHER_DOCUMENTS:
        raise OutputError(f"{out}: 不能写成 .{suffix} 文件；输出可为 .docx、.md、.txt（Word 里可另存为其他格式）")
    if fmt and suffix in FORMATS and suffix != fmt:
        raise OutputError(f"{out}: 文件后缀 .{suffix} 与 --format {fmt} 不一致")
    return fmt or (suffix if suffix in FORMATS else "docx")


def default_output(loaded: Loaded, fmt: str) -> Path:
    name = safe_file_name(loaded.config.meeting.name)
    return loaded.source.path.parent / f"{name[:60]}.{fmt}"  # file systems cap names at 255 bytes


def render_files(loaded: Loaded, out: Path | None, fmt: str | None, *, seed: int | None, variants: int,
                 force: bool, reference: Path | None) -> list[Path]:
    """Compose and write one draft (or `variants` drafts with consecutive seeds); returns the paths."""
    fmt = output_format(out, fmt)
    target = out if out is not None else default_output(loaded, fmt)
    if target.suffix.lower() != f".{fmt}" and out is None:
        target = target.with_suffix(f".{fmt}")
    first = loaded.config.draft_seed() if seed is None else seed
    seeds = [first + i for i in range(variants)]
    paths = [target if variants == 1 else target.with_name(f"{target.stem}-{s}{target.suffix}") for s in seeds]
    for path in paths:
        if _same_file(path, loaded.source.path):  # --force would swap the clerk's config for a draft
            raise OutputError(f"{path}: 这是配置文件本身，不能用讲话稿覆盖它；请换一个输出文件名")
        if reference is not None and _same_file(path, reference):  # nor the unit's Word template
            raise OutputError(f"{path}: 这是参考样式文档（--reference-doc）本身，不能用讲话稿覆盖它；请换一个输出文件名")
        check_target(path, force=force)
    if reference is not None and reference.is_dir():
        raise OutputError(f"{reference}: 这是一个文件夹，请给出 .docx 参考样式文档")
    if reference is not None and not reference.is_file():
        what = "不是普通文件（设备或管道），请给出 .docx 参考样式文档" if os.path.lexists(reference) else "找不到参考样式文档"
        raise OutputError(f"{reference}: {what}")
    items = []
    for path, s in zip(paths, seeds, strict=True):
        speech = compose_speech(loaded.request, loaded.catalog, seed=s)
        items.append((path, render_bytes(speech, fmt, reference=reference, page_numbers=loaded.config.page_numbers)))
    write_files(items, force=force)  # the whole set or none of it
    return paths


def _module_folder(emit: Path) -> None:
    try:
        emit.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{emit}: 不是文件夹，请给出放模块文件的文件夹（--emit-modules）") from None
    except OSError as exc:
        raise OutputError(f"{emit}: 无法创建模块文件夹（{os_reason(exc)}）") from None


def _output_folder(folder: Path, not_folder: str) -> None:
    """A folder to write into: absent (made later) or a folder the account may enter."""
    try:
        info = folder.stat()
    except (FileNotFoundError, NotADirectoryError):
        return  # made when written, or refused then with the reason (a file on the way)
    except OSError as exc:
        raise OutputError(f"{folder}: 无法使用这个文件夹（{os_reason(exc)}）") from None
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{folder}: {not_folder}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def minutes(chars: int) -> float:
    return chars / PACE


def outline(loaded: Loaded, seed: int | None = None) -> dict[str, Any]:
    """The draft's structure with sizes, as data (the CLI prints it; tests read it)."""
    speech = compose_speech(loaded.request, loaded.catalog, seed=seed)
    return outline_of(speech, loaded.catalog, loaded.config.target_chars(PACE), loaded.request.theme.name)


def outline_of(speech: Speech, catalog: Catalog, target: int, theme: str | None = None) -> dict[str, Any]:
    sections = []
    for section in speech.sections:
        text = "".join(p.text for p in section.lead)
        points = []
        for point in section.points:
            size = count_chars(point.heading) + sum(count_chars(p.text) for p in point.paragraphs)
            text += point.heading + "".join(p.text for p in point.paragraphs)
            module = catalog.modules.get(point.module_id or "")
            points.append({"heading": f"{point.marker}{point.heading}", "module": point.module_id,
                           "title": module.title_for(theme) if module else "", "chars": size})
        chars = count_chars(section.heading) + count_chars(text)
        sections.append({"heading": f"{section.marker}{section.heading}", "category": section.category,
                         "category_name": SECTION_NAMES[section.category], "chars": chars,
                         "minutes": round(minutes(chars), 1), "points": points})
    opening = sum(count_chars(p.text) for p in speech.opening) + count_chars(speech.salutation)
    closing = sum(count_chars(p.text) for p in speech.closing)
    total = spoken_chars([block.text for block in speech.blocks()])
    return {"title": speech.title, "speaker": speech.speaker_line, "date": speech.date_line,
            "announced_count": speech.announced_count, "sections": sections,
            "opening": {"chars": opening, "minutes": round(minutes(opening), 1)},
            "closing": {"chars": closing, "minutes": round(minutes(closing), 1)},
            "chars": total, "minutes": round(minutes(total), 1), "target": target}


def module_rows(catalog: Catalog, section: str | None, theme: str | None) -> list[dict[str, Any]]:
    if theme is not None and catalog.find_theme(theme) is None:
        names = "/".join(t.name for t in catalog.themes.values())
        raise OutputError(f"--theme {theme}: 不认识的主题，应为 {names} 之一")
    theme_name = catalog.find_theme(theme).name if theme else None
    found = sorted(catalog.modules_for(section, theme_name), key=lambda m: SECTIONS.index(m.section))
    return [module_info(m, theme_name) for m in found]


def module_info(module: Module, theme: str | None = None) -> dict[str, Any]:
    """What a clerk needs to pick a module; with a theme, the module's name and description in that theme."""
    return {"id": module.id, "title": module.title_for(theme), "section": module.section,
            "section_name": SECTION_NAMES[module.section], "themes": module.themes, "levels": module.levels,
            "description": module.description_for(theme), "source": module.source}


# What each heading style looks like (templates/README.md, "Heading styles"), as `modules show` labels it.
HEADING_STYLE_NAMES = {"judgement": "深刻认识…是…", "view": "从…看，…", "demand": "…要求我们…",
                       "action": "动宾句，…", "should": "…要（再）…", "effort": "在…上下功夫",
                       "with": "以更…的…"}

SAMPLE_LOCALITIES = {
    "市": {"name": "江华", "level": "市"}, "县": {"name": "临川", "level": "县"},
    "区": {"name": "东湖", "level": "区"}, "镇": {"name": "青石", "level": "镇"},
    "部门": {"name": "临川", "level": "部门", "unit": "县商务局"},
}
SAMPLE_TITLES = {"市": "市委书记", "县": "县委书记", "区": "区长", "镇": "镇党委书记", "部门": "局长"}


def sample_config(theme: str, level: str) -> Config:
    """The sample values `modules show` renders with (the same for every module, so previews compare)."""
    whole = {"市": "全市", "县": "全县", "区": "全区", "镇": "全镇", "部门": "全县商务系统"}[level]
    return Config.model_validate({
        "meeting": {"name": f"{whole}{theme}工作会议", "date": "2026-03-16",
                    "superior_meeting": "全市优化营商环境大会" if level != "市" else "全省优化营商环境大会"},
        "speaker": {"title": SAMPLE_TITLES[level], "name": "王某"},
        "locality": SAMPLE_LOCALITIES[level],
        "theme": theme,
        "targets": [{"name": "新签约亿元以上项目", "value": 30, "unit": "个"}],
        "departments": {"lead": {"市": "市营商环境建设局", "县": "县营商环境建设局", "区": "区营商环境建设局",
                                 "镇": "镇便民服务中心", "部门": "县营商环境建设局"}[level]},
    })


def preview_module(catalog: Catalog, module_id: str, level: str | None = None,
                   theme: str | None = None) -> dict[str, Any]:
    """A module rendered with sample values: every heading style, every body variant and every extra."""
    from drafter.compose.plan import ModulePlan

    module = catalog.find_module(module_id)
    if module is None:
        hint = catalog.module_suggestion(module_id)
        raise OutputError(f"没有模块“{module_id}”" + (f"；是否想写“{hint}”？" if hint else "")
                          + "（drafter modules 列出全部模块）")
    if level is None:
        level = "县" if "县" in module.levels else module.levels[0]
    elif level not in module.levels:
        raise OutputError(f"模块“{module.title}”（{module.id}）不用于{level}级讲话，只用于 {'/'.join(module.levels)}；"
                          f"请换一个 --level")
    theme_name = theme if theme in module.themes else module.themes[0]
    config = sample_config(theme_name, level)
    theme = catalog.find_theme(config.theme)
    request = Request(config=config, theme=theme, modules={}, explicit={}, situation=situation_of(config, catalog))
    builder = scratch_builder(request, catalog)
    styles = list(module.headings)
    variants = []
    indices = [module.bodies.index(v) for v in module.variants_for(theme_name)]
    for index in indices:
        point = builder.module(1, ModulePlan(module, index), styles[0], "shi", 1)
        variants.append([p.text for p in point.paragraphs])
    extras = []
    for index in module.extras_for(theme_name):
        point = builder.module(1, ModulePlan(module, indices[0], extras=(index,)), styles[0], "shi", 1)
        extras.append(point.paragraphs[-1].text)
    headings = {s: builder.module(1, ModulePlan(module, indices[0]), s, "shi", 1).heading for s in styles}
    return {**module_info(module, theme_name), "level": level, "theme": theme_name, "rendered_headings": headings,
            "heading_style_names": {s: HEADING_STYLE_NAMES.get(s, s) for s in styles}, "variants": variants,
            "extras": extras}


def search_phrases(catalog: Catalog, query: str | list[str] | tuple[str, ...] | None, tag: str | None,
                   theme: str | None) -> list[dict[str, Any]]:
    """Phrase-bank entries containing every word of `query` (several words, or one string split at spaces),
    by tag and theme; `sample` shows each slot as the word a 县 would get, marked 〔我县〕."""
    tags = sorted({p.tag for p in catalog.phrases})
    if tag is not None and tag not in tags:
        raise OutputError(f"没有标签“{tag}”，可选：{'/'.join(tags)}")
    if theme is not None and catalog.find_theme(theme) is None:
        raise OutputError(f"--theme {theme}: 不认识的主题，应为 {'/'.join(t.name for t in catalog.themes.values())} 之一")
    theme = catalog.find_theme(theme).name if theme else None
    words = " ".join([query] if isinstance(query, str) else list(query or ())).split()
    rows = []
    for p in catalog.phrases:
        if (tag is not None and p.tag != tag) or not (theme is None or p.themes is None or theme in p.themes):
            continue
        sample = phrase_sample(catalog, p.text, theme or (p.themes[0] if p.themes else None))
        plain = sample.replace("〔", "").replace("〕", "")
        if all(w in p.text or w in plain for w in words):
            rows.append({"id": p.id, "tag": p.tag, "themes": list(p.themes) if p.themes else [], "text": p.text,
                         "sample": sample})
    return rows


_SAMPLE_CONTEXTS: dict[str | None, dict[str, Any]] = {}


def phrase_sample(catalog: Catalog, text: str, theme: str | None) -> str:
    """A phrase with each slot filled for the sample 县 (临川) and marked 〔…〕; a shared phrase's theme slot
    reads 〔主题〕."""
    import re

    from drafter.compose.context import base_context
    from drafter.compose.render import render

    if "{" not in text:
        return text
    if theme not in _SAMPLE_CONTEXTS:
        name = theme or next(iter(catalog.themes.values())).name
        config = sample_config(name, "县")
        request = Request(config=config, theme=catalog.find_theme(name), modules={}, explicit={})
        context = base_context(request, catalog)
        if theme is None:
            context["theme"] = {**context["theme"], "name": "主题"}
        _SAMPLE_CONTEXTS[theme] = context
    context = _SAMPLE_CONTEXTS[theme]
    return re.sub(r"\{\{.*?\}\}", lambda m: f"〔{render(m.group(0), context, 'phrasebank')}〕", text)


def check(draft: str | Path, *, corpus: str | Path | None, ignore: tuple[str, ...] = (), length: int | None = None,
          pace: int = PACE, date: str | None = None, level: str | None = None, speaker: str | None = None):
    """Lint a draft file; unknown rule ids, a missing corpus folder and a bad --date are input errors.
    date/level/speaker state the speech's facts instead of reading them from the draft."""
    from drafter.check import RULE_IDS, check_file
    from drafter.semantic import Given

    for rule in ignore:
        if rule not in RULE_IDS:
            raise OutputError(f"--ignore {rule}: 没有这条规则，可选：{'/'.join(RULE_IDS)}")
    if corpus is not None and not Path(corpus).is_dir():
        what = "不是文件夹（应给出放往年讲话稿的文件夹）" if Path(corpus).exists() else "查重语料文件夹不存在"
        raise OutputError(f"{corpus}: {what}")
    from drafter.config.model import to_date
    from drafter.schema import Invalid

    try:  # the config's own reading of a date: 2026-03-16 or 2026年3月16日, a real day, a year of the era
        day = to_date(date.strip()) if date else None
    except Invalid as exc:
        raise OutputError(f"--date {date}: {exc.message}") from None
    from drafter.readers import MAX_CHECK_CHARS, ReadError, read_paragraphs

    size = sum(len(p) for p in read_paragraphs(draft))  # bounded and quick; refuses a whole archive at once
    if size > MAX_CHECK_CHARS:
        raise ReadError(f"{draft}: 篇幅过长（{size} 字）；check 一次检查一篇讲话稿，上限 {MAX_CHECK_CHARS} 字")
    given = Given(level=level, date=day, speaker=speaker.strip() if speaker else None)
    return check_file(draft, catalog=load_catalog(), corpus=corpus, ignore=ignore, target=length, pace=pace,
                      given=given)


def explain_rule(rule: str) -> str:
    """What `check` rule RULE looks for, as `drafter check --explain RULE` prints it."""
    from drafter.check import RULE_IDS
    from drafter.semantic import explanation

    if rule not in RULE_IDS:
        raise OutputError(f"--explain {rule}: 没有这条规则，可选：{'/'.join(RULE_IDS)}")
    return f"{rule}：{explanation(rule)}"


def emitted_module(path: Path) -> dict[str, str]:
    """id, title and section of a module file mine wrote (what a clerk types in `sections:`)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {"id": data["id"], "title": data["title"], "section": data["section"], "path": str(path)}


def mine_usage(emit: Path, modules: list[dict[str, str]]) -> list[str]:
    """How to use emitted modules, in Chinese: the sections lines to paste and the render command."""
    lines = ["用法：把要用的模块名称写进配置文件的 sections（名称或 id 都可以），例如：", "sections:"]
    for section in SECTIONS:
        titles = [m["title"] for m in modules if m["section"] == section]
        if titles:
            lines.append(f"  {section}: [{', '.join(titles[:4])}]   # {SECTION_NAMES[section]}")
    folder = f'"{emit}"' if any(ch.isspace() for ch in str(emit)) else str(emit)
    lines.append(f"再运行：drafter render 配置.yaml --templates {folder}"
                 f"（或在配置里写 templates_dir: {folder}）；drafter modules --templates {folder} 列出全部")
    return lines


SPEECH_SUFFIXES = (".docx", ".md", ".markdown", ".txt", ".text")


def speech_files(paths: list[Path]) -> list[Path]:
    """The files given, a folder standing for the speeches in it (.docx/.md/.txt, subfolders too, sorted)."""
    out: list[Path] = []
    for path in paths:
        if Path(path).is_dir():
            found = sorted(p for p in _files_under(Path(path)) if p.suffix.lower() in SPEECH_SUFFIXES
                           and p.is_file() and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts))
            if not found:
                raise OutputError(f"{path}: 文件夹里没有讲话稿文件（.docx、.md、.txt）")
            out += found
        else:
            out.append(Path(path))
    # a speech named on its own and inside a folder given too is one speech of the archive, not two
    seen: set[Path] = set()
    unique = []
    for path in out:
        key = Path(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _files_under(folder: Path) -> list[Path]:
    """Every file below `folder` (links to folders not followed); a folder that cannot be read is named, not
    passed over: the archive would be analysed without its speeches."""
    unreadable: list[OSError] = []
    files = [Path(root) / name for root, _, names in os.walk(folder, onerror=unreadable.append) for name in names]
    if unreadable:
        exc = unreadable[0]
        raise OutputError(f"{exc.filename}: 无法读取这个文件夹（{os_reason(exc)}）")
    return files


MAX_MINE_CHARS = 1_000_000  # about 200 speeches, what bench/bench.py holds mine to (< 10 s); more, in batches
MAX_MINE_FILES = 1000  # five times the speeches MAX_MINE_CHARS holds: more files are no archive of speeches


def _within_mine_budget(paths: list[Path]) -> list[list[str]]:
    """The paragraphs of each file, read once (bounded); an archive too big to analyse in a few seconds is
    refused before any analysis."""
    from drafter.readers import ReadError, read_paragraphs

    size = 0
    read = []
    for n, path in enumerate(paths):
        read.append(read_paragraphs(path))
        size += sum(map(len, read[-1]))
        if size > MAX_MINE_CHARS:
            where = f"{path}（连同前面 {n} 个文件）" if n else str(path)
            speeches = max(1, MAX_MINE_CHARS // 5000)  # a speech is about 5,000 characters
            raise ReadError(f"{where}: 篇幅过长（{size} 字）；mine 一次最多分析 {MAX_MINE_CHARS} 字（约 {speeches} 篇讲话稿），"
                            "请分批分析")
    return read


def mine(paths: list[Path], *, emit: Path | None = None, theme: str | None = None,
         locality: str | None = None, force: bool = False,
         emit_theme: tuple[str, Path] | None = None) -> dict[str, Any]:
    """Structure, categories and modules of real speeches; with `emit`, module files for --templates; with
    `emit_theme` (name, folder), the archive as a theme of its own in that template folder."""
    from drafter.mine import (
        emit_modules,
        heading_formula,
        mine_file,
        recurring_phrases,
        speech_dict,
        validate_inputs,
    )

    if not paths:
        raise OutputError("请给出至少一个讲话稿文件（.txt 或 .docx）或放讲话稿的文件夹")
    catalog = load_catalog()
    if theme is not None and catalog.find_theme(theme) is None:
        raise OutputError(f"--theme {theme}: 不认识的主题，应为 {'/'.join(t.name for t in catalog.themes.values())} 之一")
    if emit_theme is not None:
        from drafter.archive import check_theme_name

        check_theme_name(emit_theme[0], catalog)
        if not str(emit_theme[1]).strip() or str(emit_theme[1]) == ".":
            raise OutputError(f"--emit-theme {emit_theme[0]}: 没有给出模板文件夹（或给的是当前文件夹）；请另给一个文件夹，如 --emit-theme 名称 本单位模板")
        _output_folder(emit_theme[1], "不是文件夹")
    if emit is not None:  # before the reading, not after it
        _output_folder(emit, "不是文件夹，请给出放模块文件的文件夹（--emit-modules）")
    where = "、".join(str(p) for p in paths[:2])
    paths = speech_files(paths)
    if len(paths) > MAX_MINE_FILES:  # before any is read: reading 20,000 small files alone takes over 10 s
        raise OutputError(f"{where}: 讲话稿文件太多（{len(paths)} 个）；mine 一次最多分析 {MAX_MINE_FILES} 个文件，请分批分析")
    validate_inputs(paths)
    read = _within_mine_budget(paths)
    speeches = [speech for path, paragraphs in zip(paths, read, strict=True)
                for speech in mine_file(path, catalog, paragraphs)]
    report: dict[str, Any] = {"speeches": [speech_dict(s) for s in speeches]}
    for data, speech in zip(report["speeches"], speeches, strict=True):
        for section_data, section in zip(data["sections"], speech.sections, strict=True):
            section_data["formula"] = heading_formula([p.heading for p in section.points])
            for point in section_data["points"]:
                module = catalog.modules.get(point["module"] or "")
                point["module_title"] = module.title if module else None
    report["phrases"] = recurring_phrases(speeches)
    if emit is not None:
        _module_folder(emit)
        theme_name = catalog.find_theme(theme).name if theme else None
        report["emitted"] = [str(p) for p in emit_modules(speeches, emit, catalog, theme=theme_name,
                                                           locality=locality, force=force)]
        report["emitted_modules"] = [emitted_module(Path(p)) for p in report["emitted"]]
    if emit_theme is not None:
        from drafter.archive import emit_theme as write_theme

        name, folder = emit_theme
        done = write_theme(speeches, name, folder, catalog, locality=locality, force=force, where=where)
        report["emitted_theme"] = {"name": done.name, "folder": str(done.folder), "level": done.level,
                                   "locality": done.locality, "files": [str(p) for p in done.files],
                                   "modules": done.modules, "recommended": done.recommended}
    return report


def theme_usage(emitted: dict[str, Any]) -> list[str]:
    """What `mine --emit-theme` wrote and how to draft with it, in Chinese."""
    modules = emitted["modules"]
    parts = "，".join(f"{SECTION_NAMES[s]} {sum(1 for m in modules if m['section'] == s)} 个"
                     for s in SECTIONS if any(m["section"] == s for m in modules))
    place = f"；地名“{emitted['locality']}”换成了占位" if emitted["locality"] else "；没有认出地名（可用 --locality 指定）"
    folder = emitted["folder"]
    folder = f'"{folder}"' if any(ch.isspace() for ch in folder) else folder
    return [f"已生成主题“{emitted['name']}”：{emitted['files'][0]}，模块 {len(modules)} 个（{parts}），"
            f"适用于{emitted['level']}级{place}",
            f"用法：在配置里写 theme: {emitted['name']} 和 templates_dir: {folder}，再运行 drafter render 配置.yaml；"
            f"drafter modules --templates {folder} --theme {emitted['name']} 列出它的模块",
            "稿子的文字是档案原文：生成的稿子会注明这一点，drafter check --corpus 档案文件夹 会报告沿用之处"]
