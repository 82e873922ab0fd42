"""The packaged reference .docx: every style a draft uses, in GB/T 9704 layout for 讲话稿.

Run `python -m drafter.writers.reference` to regenerate drafter/data/reference.docx after changing STYLES.
The writer also uses `ensure_styles` to add any of these styles that a unit's own --reference-doc lacks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

LATIN_FONT = "Times New Roman"
BODY_PT = 16
# GB/T 9704: A4 page, 156 × 225 mm text block, 三号 (16 pt) body, 22 lines of 28 characters a page.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
EAST_ASIAN_LANG = "zh-CN"  # makes “” and other shared punctuation full-width (East Asian) in Word and LibreOffice


def _twips(mm: float) -> int:
    return int(Mm(mm).twips)


def grid() -> tuple[int, int]:
    """(line pitch, character condensing), both in twips: the 225 mm text block holds 22 lines; 28 三号
    characters (28 × 16 pt = 158 mm) fit the 156 mm line only condensed by a fraction of a point each.

    Word would also take a character grid (docGrid linesAndChars with a negative charSpace), but LibreOffice
    then gives each 16 pt character two grid cells (14 a line); condensed spacing gives 28 in both."""
    height = _twips(PAGE_MM[1]) - _twips(MARGINS_MM["top"]) - _twips(MARGINS_MM["bottom"])
    width = _twips(PAGE_MM[0]) - _twips(MARGINS_MM["left"]) - _twips(MARGINS_MM["right"])
    line_pitch = height // LINES_PER_PAGE
    condense = math.ceil(BODY_PT * 20 - width / CHARS_PER_LINE)
    return line_pitch, condense


LINE_PT = grid()[0] / 20  # exact line spacing = the grid's line pitch (28.95 pt), so 22 lines fill a page
REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference.docx"


@dataclass(frozen=True)
class StyleSpec:
    name: str
    kind: str  # paragraph | character
    east_asian: str
    size: float = BODY_PT
    bold: bool = False
    align: str | None = None  # center | justify | left
    first_line_chars: int = 0  # first-line indent in characters
    outline: int | None = None  # 0-based outline level for the navigation pane
    keep_with_next: bool = False
    line_pt: float | None = LINE_PT
    space_after_pt: float = 0


STYLES = (
    StyleSpec("Normal", "paragraph", "仿宋_GB2312", align="justify", first_line_chars=2),
    StyleSpec("Title", "paragraph", "方正小标宋简体", size=22, align="center", line_pt=None, space_after_pt=LINE_PT),
    StyleSpec("Speaker", "paragraph", "楷体_GB2312", align="center"),
    StyleSpec("Date Line", "paragraph", "楷体_GB2312", align="center", space_after_pt=LINE_PT),
    StyleSpec("Salutation", "paragraph", "仿宋_GB2312", align="justify"),
    StyleSpec("Heading 1", "paragraph", "黑体", align="justify", first_line_chars=2, outline=0,
              keep_with_next=True),
    StyleSpec("Heading 2", "paragraph", "楷体_GB2312", align="justify", first_line_chars=2, outline=1,
              keep_with_next=True),
    StyleSpec("Run-in Heading", "character", "楷体_GB2312"),
    StyleSpec("Lead Phrase", "character", "仿宋_GB2312", bold=True),
    StyleSpec("Page Number", "paragraph", "宋体", size=14, line_pt=None),
)
STYLE_BY_NAME = {spec.name: spec for spec in STYLES}


def _strip_theme_fonts(element) -> None:
    """Theme-font attributes win over explicit fonts in Word; remove them everywhere under element."""
    for rfonts in element.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)


def set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), EAST_ASIAN_LANG)


def set_fonts(rpr, east_asian: str) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    rfonts.set(qn("w:cs"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asian)
    _strip_theme_fonts(rpr)


def _apply(style, spec: StyleSpec) -> None:
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = False
    font.color.rgb = None
    set_fonts(style.element.get_or_add_rPr(), spec.east_asian)
    rpr = style.element.get_or_add_rPr()
    set_lang(rpr)
    spacing = rpr.find(qn("w:spacing"))
    if spacing is not None:
        rpr.remove(spacing)
    if spec.size == BODY_PT:  # 28 characters a line (see grid())
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(-grid()[1]))
        rpr.find(qn("w:lang")).addprevious(spacing)
    if spec.kind != "paragraph":
        return
    fmt = style.paragraph_format
    fmt.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
                     "left": WD_ALIGN_PARAGRAPH.LEFT, None: None}[spec.align]
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(spec.space_after_pt)
    fmt.keep_with_next = spec.keep_with_next
    if spec.line_pt:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.line_pt)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    ppr = style.element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    ind.set(qn("w:firstLineChars"), str(spec.first_line_chars * 100))
    ind.set(qn("w:firstLine"), str(int(spec.first_line_chars * spec.size * 20)))
    outline = ppr.find(qn("w:outlineLvl"))
    if outline is not None:
        ppr.remove(outline)
    if spec.outline is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(spec.outline))
        ppr.append(outline)
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def ensure_styles(document: DocxDocument, *, overwrite: bool) -> None:
    """Create (or, with overwrite, reset) every style drafter writes with."""
    styles = document.styles
    for spec in STYLES:
        kind = WD_STYLE_TYPE.PARAGRAPH if spec.kind == "paragraph" else WD_STYLE_TYPE.CHARACTER
        try:
            style = styles[spec.name]
            exists = True
        except KeyError:
            style = styles.add_style(spec.name, kind)
            exists = False
        if spec.kind == "paragraph" and spec.name != "Normal" and not exists:
            style.base_style = styles["Normal"]
        if overwrite or not exists:
            _apply(style, spec)
        style.hidden = False
        style.quick_style = True
    _strip_theme_fonts(styles.element)


def set_page(section) -> None:
    """A4 with the GB/T 9704 margins and its 22 × 28 document grid."""
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    section.gutter = Mm(0)
    sect_pr = section._sectPr
    doc_grid = sect_pr.find(qn("w:docGrid"))
    if doc_grid is None:
        doc_grid = OxmlElement("w:docGrid")
        after = sect_pr.find(qn("w:printerSettings"))
        if after is not None:
            after.addprevious(doc_grid)
        else:
            sect_pr.append(doc_grid)
    for attr in list(doc_grid.attrib):
        del doc_grid.attrib[attr]
    doc_grid.set(qn("w:type"), "lines")
    doc_grid.set(qn("w:linePitch"), str(grid()[0]))


def set_defaults(document: DocxDocument) -> None:
    """Document defaults: the body size (the grid's characters are measured on it), zh-CN, no theme fonts,
    no spacing after paragraphs."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(tag))
        if size is None:
            size = OxmlElement(tag)
            rpr.append(size)
        size.set(qn("w:val"), str(BODY_PT * 2))
    set_lang(rpr)
    _strip_theme_fonts(defaults)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    spacing = ppr_default.find(qn("w:pPr")).find(qn("w:spacing")) if ppr_default is not None \
        and ppr_default.find(qn("w:pPr")) is not None else None
    if spacing is not None:
        spacing.set(qn("w:after"), "0")


def prune_styles(document: DocxDocument) -> None:
    """Keep only the styles drafter writes with (and the defaults Word needs): the template's other 160 are
    parsed and written again with every draft."""
    styles = document.styles.element
    keep_names = {spec.name for spec in STYLES}
    kept_ids = set()
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if style.get(qn("w:default")) == "1" or (name is not None and _ui_name(name.get(qn("w:val"))) in keep_names):
            kept_ids.add(style.get(qn("w:styleId")))
        else:
            styles.remove(style)
    for style in styles.findall(qn("w:style")):
        for ref in ("w:link", "w:next", "w:basedOn"):
            element = style.find(qn(ref))
            if element is not None and element.get(qn("w:val")) not in kept_ids:
                style.remove(element)
    package = document.part
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            package.drop_rel(rel_id)


def _ui_name(name: str | None) -> str:
    return {"heading 1": "Heading 1", "heading 2": "Heading 2", "Title": "Title"}.get(name or "", name or "")


def build_reference(path: Path = REFERENCE) -> Path:
    document = Document()
    ensure_styles(document, overwrite=True)
    set_defaults(document)
    prune_styles(document)
    set_page(document.sections[0])
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build_reference())
