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
from drafter.writers.reference import ensure_styles, set_page

ROLE_STYLES = {"title": "Title", "speaker": "Speaker", "date": "Date Line", "salutation": "Salutation",
               "heading1": "Heading 1", "heading2": "Heading 2", "body": "Normal"}
RUN_STYLES = {"heading": "Run-in Heading", "lead": "Lead Phrase"}
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
    for item in block.runs:
        run = paragraph.add_run(item.text)
        if item.kind in RUN_STYLES:
            run._r.style = style_ids[RUN_STYLES[item.kind]]
    if block.role == "body" and block.outline_level is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(block.outline_level - 1))
        paragraph._p.get_or_add_pPr().append(outline)


def render_docx(speech: Speech, *, reference: Path | None = None, page_numbers: str = "outside") -> bytes:
    document, is_user_reference = _open_reference(reference)
    _clear_body(document)
    ensure_styles(document, overwrite=False)
    if not is_user_reference:
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
    if speech.date:
        stamp = datetime.datetime.combine(speech.date, datetime.time(9, 0))
        props.created = stamp
        props.modified = stamp
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
