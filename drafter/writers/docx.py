"""Lay a Speech out as a .docx in official layout, using the styles of a reference document."""

from __future__ import annotations

import datetime
import io
import math
import re
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


def title_lines(title: str, width: int = TITLE_LINE_CHARS) -> list[str]:
    """Break a long title into balanced lines (never before punctuation or inside a number)."""
    if len(title) <= width:
        return [title]
    count = math.ceil(len(title) / width)
    size = math.ceil(len(title) / count)
    lines, rest = [], title
    while len(rest) > size and len(lines) < count - 1:
        cut = size
        for delta in (0, 1, -1, 2, -2, 3, -3):
            at = size + delta
            if 0 < at < len(rest) and rest[at] not in _NO_LINE_START and not (
                re.match(r"[0-9A-Za-z]", rest[at]) and re.match(r"[0-9A-Za-z]", rest[at - 1])
            ):
                cut = at
                break
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest]


def _open_reference(reference: Path | None):
    if reference is None:
        data = (files("drafter") / "data" / "reference.docx").read_bytes()
        return Document(io.BytesIO(data)), False
    try:
        return Document(str(reference)), True
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise OutputError(f"{reference}: 不是可用的 Word 文档（.docx），无法作为参考样式") from None


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


def _add_block(document, block: Block) -> None:
    paragraph = document.add_paragraph(style=ROLE_STYLES[block.role])
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
            run.style = document.styles[RUN_STYLES[item.kind]]
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
    for block in speech.blocks():
        _add_block(document, block)
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
