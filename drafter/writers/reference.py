"""The packaged reference .docx: every style a draft uses, in GB/T 9704 layout for 讲话稿.

Run `python -m drafter.writers.reference` to regenerate drafter/data/reference.docx after changing STYLES.
The writer also uses `ensure_styles` to add any of these styles that a unit's own --reference-doc lacks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

LATIN_FONT = "Times New Roman"
BODY_PT = 16
LINE_PT = 29  # fixed line pitch: 22 lines on the A4 text block
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
    """A4 with the GB/T 9704 margins."""
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)


def build_reference(path: Path = REFERENCE) -> Path:
    document = Document()
    ensure_styles(document, overwrite=True)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        _strip_theme_fonts(defaults)
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
