"""Lay a Speech out as a .docx in official layout, using the styles of a reference document."""

from __future__ import annotations

import datetime
import io
import math
from importlib.resources import files
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter.errors import OutputError
from drafter.model import Block, Speech
from drafter.writers.reference import (
    MARGINS_MM,
    PAGE_MM,
    STYLES,
    StyleSpec,
    _apply,
    ensure_styles,
    set_lang,
    set_page,
)

ROLE_STYLES = {"title": "Title", "speaker": "Speaker", "date": "Date Line", "salutation": "Salutation",
               "heading1": "Heading 1", "heading2": "Heading 2", "body": "Normal"}
RUN_STYLES = {"heading": "Run-in Heading", "lead": "Lead Phrase"}
NOTE_AUTHOR = ("drafter 讲话稿起草器", "DR")  # who a Word comment with a note for the clerk is from
TITLE_LINE_CHARS = 20  # 二号 characters on one line of the 156 mm text block
_NO_LINE_START = "，。、；：？！）》”’"


# Words a title line must not split, and boundaries where a break reads naturally.
_UNBREAKABLE = ("营商环境", "招商引资", "项目建设", "作风建设", "工业经济", "高质量发展", "动员部署", "推进会",
                "工作会议", "动员大会", "上的讲话", "服务月", "攻坚", "突破", "提升年", "重大项目", "重点项目",
                "优化", "推进", "活动", "专题", "会议", "提升", "效能", "专项", "行动", "建设", "发展", "经济",
                "环境", "服务", "机关", "整治", "部署", "总结", "表彰", "观摩", "调度", "工作")
_GOOD_AFTER = ("暨", "系统", "年", "全县", "全市", "全区", "全镇", "会议", "大会")


def _break_score(text: str, at: int, ideal: float) -> float | None:
    if text[at] in _NO_LINE_START or (text[at].isascii() and text[at - 1].isascii()):
        return None
    for word in _UNBREAKABLE:
        start = text.find(word)
        while start != -1:
            if start < at < start + len(word):
                return None
            start = text.find(word, start + 1)
    bonus = 3.5 if text[:at].endswith(_GOOD_AFTER) else 0
    return bonus - abs(at - ideal)


def title_lines(title: str, width: int = TITLE_LINE_CHARS) -> list[str]:
    """Break a long title into balanced lines, at a natural boundary, never inside a set word or a number."""
    if len(title) <= width:
        return [title]
    count = math.ceil(len(title) / width)
    lines, rest = [], title
    while len(lines) < count - 1:
        ideal = len(rest) / (count - len(lines))
        scored = [(score, at) for at in range(max(1, len(rest) - width), min(width, len(rest) - 1) + 1)
                  if (score := _break_score(rest, at, ideal)) is not None]
        cut = max(scored)[1] if scored else math.ceil(ideal)
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest]


def _open_reference(reference: Path | None):
    if reference is None:
        data = (files("drafter") / "data" / "reference.docx").read_bytes()
        return Document(io.BytesIO(data)), False
    from drafter.readers import check_docx

    unusable = f"{reference}: 不是可用的 Word 文档（.docx），无法作为参考样式"
    check_docx(reference, OutputError, unusable)  # no zip bomb, no entity declarations
    try:
        return Document(str(reference)), True
    except (PackageNotFoundError, KeyError, ValueError, OSError, SyntaxError):  # SyntaxError: lxml's XMLSyntaxError
        raise OutputError(unusable) from None


STYLE_NAMES_ZH = {"Normal": "正文", "Title": "标题", "Speaker": "讲话人", "Date Line": "日期", "Salutation": "称呼",
                  "Heading 1": "一级标题", "Heading 2": "二级标题", "Run-in Heading": "段首小标题",
                  "Lead Phrase": "段首提示语", "Page Number": "页码"}
SIZE_NAMES = {22: "二号", 16: "三号", 14: "四号"}


def _style(document, name: str):
    try:
        return document.styles[name]
    except KeyError:
        return None


def _east_asian_font(style) -> str | None:
    """The East Asian font a unit's style sets itself (not through the theme, not inherited)."""
    rpr = style.element.rPr
    rfonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if rfonts is None or rfonts.get(qn("w:eastAsiaTheme")):
        return None
    return rfonts.get(qn("w:eastAsia"))


def adopt_styles(document) -> dict[str, list[str]]:
    """A unit's reference: keep each style it set up for Chinese (an East Asian font of its own); a style it
    has only as Word's default (Latin theme fonts, 11 pt, a blue title) or lacks gets the official one.
    Returns the style names by outcome: kept / replaced / added."""
    outcome: dict[str, list[str]] = {"kept": [], "replaced": [], "added": []}
    for spec in STYLES:
        style = _style(document, spec.name)
        if style is None:
            outcome["added"].append(spec.name)
        elif _east_asian_font(style):
            outcome["kept"].append(spec.name)
            rpr = style.element.get_or_add_rPr()
            lang = rpr.find(qn("w:lang"))
            if lang is None or not lang.get(qn("w:eastAsia")):
                set_lang(rpr)
        else:
            outcome["replaced"].append(spec.name)
            _apply(style, spec)
    ensure_styles(document, overwrite=False)
    return outcome


def _spec_text(spec: StyleSpec) -> str:
    return f"{spec.east_asian} {SIZE_NAMES.get(int(spec.size), f'{spec.size:g} 磅')}"


def reference_notes(reference: Path) -> list[str]:
    """What a draft takes from a unit's --reference-doc and what stays official, one Chinese line each."""
    document, _ = _open_reference(reference)
    section = document.sections[0]
    page = (round(section.page_width.mm), round(section.page_height.mm)) if section.page_width else None
    margins = tuple(round(getattr(section, f"{side}_margin").mm) if getattr(section, f"{side}_margin") is not None
                    else None for side in ("top", "bottom", "left", "right"))
    outcome = adopt_styles(document)
    by_name = {spec.name: spec for spec in STYLES}

    def kept(n: str) -> str:
        size = document.styles[n].font.size
        return f"{STYLE_NAMES_ZH[n]}（{n}，{_east_asian_font(document.styles[n])}{f' {size.pt:g} 磅' if size else ''}）"

    def official(n: str) -> str:
        return f"{STYLE_NAMES_ZH[n]}（{n}，{_spec_text(by_name[n])}）"

    notes = []
    if outcome["kept"]:
        notes.append(f"采用本单位模板的样式：{'、'.join(kept(n) for n in outcome['kept'])}")
    if outcome["replaced"]:
        notes.append("本单位模板的这些样式未设中文字体（Word 默认样式），改用公文样式："
                     + "、".join(official(n) for n in outcome["replaced"]))
    if outcome["added"]:
        notes.append("本单位模板缺少这些样式，补上公文样式：" + "、".join(official(n) for n in outcome["added"]))
    same_page = (*PAGE_MM,) == page and margins == tuple(MARGINS_MM[s] for s in ("top", "bottom", "left", "right"))
    was = f"本单位模板为 {page[0]}×{page[1]} 毫米" if page else "本单位模板未设页面"
    notes.append("页面：按 GB/T 9704 设为 A4、版心 156×225 毫米、每页 22 行、每行 28 字"
                 + ("" if same_page else f"（{was}，页边距 上{margins[0]} 下{margins[1]} 左{margins[2]} 右{margins[3]} 毫米，未采用）"))
    return notes


def _clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page_number_paragraph(footer, align: WD_ALIGN_PARAGRAPH, indent_side: str | None) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if indent_side == "right":
        fmt.right_indent = Pt(14)
    elif indent_side == "left":
        fmt.left_indent = Pt(14)
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    paragraph.add_run(" —")


def _page_numbers(document, mode: str) -> None:
    section = document.sections[0]
    styles = document.styles
    if mode == "center":
        document.settings.odd_and_even_pages_header_footer = False
        _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.CENTER, None)
    else:
        document.settings.odd_and_even_pages_header_footer = True
        _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right")
        _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")
    for footer in (section.footer, section.even_page_footer):
        for paragraph in footer.paragraphs:
            paragraph.style = styles["Page Number"]


def _add_block(document, block: Block, style_ids: dict[str, str]) -> None:
    # Styles are set by id on the XML: python-docx's lookup by name scans every style on each call.
    paragraph = document.add_paragraph()
    paragraph._p.style = style_ids[ROLE_STYLES[block.role]]
    if block.role == "title":
        run = None
        for line in title_lines(block.text):
            if run is not None:
                run.add_break(WD_BREAK.LINE)
            run = paragraph.add_run(line)
        return
    said = []  # the runs a note is about: the paragraph's text, not its run-in heading
    for item in block.runs:
        run = paragraph.add_run(item.text)
        if item.kind in RUN_STYLES:
            run._r.style = style_ids[RUN_STYLES[item.kind]]
        if item.kind != "heading":
            said.append(run)
    if block.note and said:
        document.add_comment(said, text=block.note, author=NOTE_AUTHOR[0], initials=NOTE_AUTHOR[1])
    if block.role == "body" and block.outline_level is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(block.outline_level - 1))
        paragraph._p.get_or_add_pPr().append(outline)


def note_mark() -> str:
    from drafter.patterns import reading

    return reading()["draft_note"]


def render_docx(speech: Speech, *, reference: Path | None = None, page_numbers: str = "outside") -> bytes:
    document, is_user_reference = _open_reference(reference)
    _clear_body(document)
    if is_user_reference:
        adopt_styles(document)
    set_page(document.sections[0])
    _page_numbers(document, page_numbers)
    wanted = {*ROLE_STYLES.values(), *RUN_STYLES.values()}
    style_ids = {style.name: style.style_id for style in document.styles if style.name in wanted}
    for block in speech.blocks():
        _add_block(document, block, style_ids)
    props = document.core_properties
    props.title = speech.title
    props.author = speech.author
    props.last_modified_by = speech.author
    props.subject = "讲话稿"
    props.comments = "由 drafter 讲话稿起草器生成"
    if speech.note:  # a Word comment on the title: the clerk sees it in the margin, nobody reads it aloud
        title = document.paragraphs[0]
        document.add_comment(title.runs, text=f"{note_mark()}{speech.note}", author="drafter", initials="D")
        props.comments += f"；{note_mark()}{speech.note}"
    if speech.date:
        stamp = datetime.datetime.combine(speech.date, datetime.time(9, 0))
        props.created = stamp
        props.modified = stamp
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
