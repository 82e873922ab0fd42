"""The .docx as Word reads it: page, styles and fonts in the XML, structure, page numbers, properties."""

from __future__ import annotations

import re
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter.writers.docx import title_lines
from tests.conftest import EXAMPLES, MINIMAL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from drafter.cli import main

    out = tmp_path_factory.mktemp("docx") / "draft.docx"
    result = CliRunner().invoke(main, ["render", str(EXAMPLES / "county-business.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _style_fonts(document, name: str) -> dict[str, str]:
    rfonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
    return {k.replace(W, ""): v for k, v in rfonts.attrib.items()}


def test_page_is_a4_with_official_margins(rendered):
    section = Document(str(rendered)).sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]
    assert [round(s.mm) for s in sizes] == [210, 297, 37, 35, 28, 26]


@pytest.mark.parametrize("style,east_asian,size", [
    ("Normal", "仿宋_GB2312", 16), ("Title", "方正小标宋简体", 22), ("Speaker", "楷体_GB2312", 16),
    ("Heading 1", "黑体", 16), ("Run-in Heading", "楷体_GB2312", 16), ("Lead Phrase", "仿宋_GB2312", 16),
    ("Page Number", "宋体", 14),
])
def test_styles_carry_east_asian_fonts(rendered, style, east_asian, size):
    document = Document(str(rendered))
    fonts = _style_fonts(document, style)
    assert fonts["eastAsia"] == east_asian
    assert fonts["ascii"] == fonts["hAnsi"] == "Times New Roman"
    assert document.styles[style].font.size == Pt(size)


def test_no_theme_fonts_override_the_fonts(rendered):
    with zipfile.ZipFile(rendered) as archive:
        styles = archive.read("word/styles.xml").decode()
    for attr in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme"):
        assert f"w:{attr}" not in styles


def test_body_layout(rendered):
    normal = Document(str(rendered)).styles["Normal"]
    fmt = normal.paragraph_format
    assert fmt.line_spacing == Pt(28.95)
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert normal.element.pPr.find(qn("w:jc")).get(qn("w:val")) == "both"


def test_paragraphs_have_the_right_styles_and_outline(rendered):
    document = Document(str(rendered))
    pairs = [(p.style.name, p.text) for p in document.paragraphs]
    assert pairs[0] == ("Title", "在全县优化营商环境工作会议上的讲话")
    assert pairs[1] == ("Speaker", "县委书记　张明远")
    assert pairs[2] == ("Date Line", "（2026年3月16日）")
    assert pairs[3] == ("Salutation", "同志们：")
    headings = [text for style, text in pairs if style == "Heading 1"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、"]
    assert document.styles["Heading 1"].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
    runins = [p for p in document.paragraphs if p.text.startswith("（一）")]
    assert len(runins) == 3
    for paragraph in runins:
        first = paragraph.runs[0]
        assert first.style.name == "Run-in Heading" and first.text.endswith("。")
        assert paragraph._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"
    leads = [r for p in document.paragraphs for r in p.runs if r.style.name == "Lead Phrase"]
    assert leads and all(r.text.endswith("。") for r in leads)
    assert document.styles["Lead Phrase"].font.bold is True


def test_page_numbers_odd_right_even_left(rendered):
    document = Document(str(rendered))
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        assert paragraph.text == "—  —".replace("  ", " 1 ")
        assert " PAGE " in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert paragraph.style.name == "Page Number"
    assert odd.alignment == 2 and even.alignment == 0  # right, left


def test_centred_page_numbers_option(run, write_config, tmp_path):
    from tests.conftest import MINIMAL

    out = tmp_path / "c.docx"
    assert run("render", write_config(MINIMAL + "page_numbers: center\n"), "-o", out).exit_code == 0
    document = Document(str(out))
    assert document.settings.odd_and_even_pages_header_footer is False
    assert document.sections[0].footer.paragraphs[0].alignment == 1


def test_document_properties(rendered):
    props = Document(str(rendered)).core_properties
    assert props.title == "在全县优化营商环境工作会议上的讲话"
    assert props.author == "张明远"
    assert props.created.date().isoformat() == "2026-03-16"


def test_long_titles_break_into_balanced_lines():
    title = "在全县优化营商环境暨重大项目攻坚突破年动员部署大会上的讲话"
    lines = title_lines(title)
    assert "".join(lines) == title
    assert lines == ["在全县优化营商环境暨重大项目", "攻坚突破年动员部署大会上的讲话"]
    assert title_lines("在全县商务系统优化营商环境工作会议上的讲话") == ["在全县商务系统", "优化营商环境工作会议上的讲话"]
    assert title_lines("在全县优化营商环境工作会议上的讲话") == ["在全县优化营商环境工作会议上的讲话"]


def test_an_ordinary_word_file_as_reference_keeps_the_official_page_and_styles(run, write_config, tmp_path):
    unit = Document()  # what Word gives: US Letter, Calibri 11 pt, a blue Title, no Chinese fonts
    unit.add_paragraph("this body is replaced")
    reference = tmp_path / "unit.docx"
    unit.save(str(reference))
    out = tmp_path / "d.docx"
    result = run("render", write_config(MINIMAL), "-o", out, "--reference-doc", reference)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "本单位模板的这些样式未设中文字体（Word 默认样式），改用公文样式：正文（Normal，仿宋_GB2312 三号）、"
        "标题（Title，方正小标宋简体 二号）、一级标题（Heading 1，黑体 三号）、二级标题（Heading 2，楷体_GB2312 三号）",
        "本单位模板缺少这些样式，补上公文样式：讲话人（Speaker，楷体_GB2312 三号）、日期（Date Line，楷体_GB2312 三号）、"
        "称呼（Salutation，仿宋_GB2312 三号）、段首小标题（Run-in Heading，楷体_GB2312 三号）、"
        "段首提示语（Lead Phrase，仿宋_GB2312 三号）、页码（Page Number，宋体 四号）",
        "页面：按 GB/T 9704 设为 A4、版心 156×225 毫米、每页 22 行、每行 28 字"
        "（本单位模板为 216×279 毫米，页边距 上25 下25 左32 右32 毫米，未采用）",
        f"已生成：{out}",
    ]
    document = Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    title = document.styles["Title"]
    assert title.font.size == Pt(22) and title.font.color.rgb is None
    assert _style_fonts(document, "Title")["eastAsia"] == "方正小标宋简体"
    assert document.styles["Normal"].font.size == Pt(16)
    assert "this body is replaced" not in [p.text for p in document.paragraphs]


def test_a_units_chinese_styles_are_kept(run, write_config, tmp_path):
    unit = Document()
    normal = unit.styles["Normal"]
    normal.font.size = Pt(15)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    reference = tmp_path / "unit.docx"
    unit.save(str(reference))
    out = tmp_path / "d.docx"
    result = run("render", write_config(MINIMAL), "-o", out, "--reference-doc", reference)
    assert result.stdout.splitlines()[0] == "采用本单位模板的样式：正文（Normal，仿宋 15 磅）"
    document = Document(str(out))
    assert document.styles["Normal"].font.size == Pt(15)  # the unit's own style wins
    assert _style_fonts(document, "Normal")["eastAsia"] == "仿宋"
    assert _style_fonts(document, "Run-in Heading")["eastAsia"] == "楷体_GB2312"  # missing styles are added
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_page_grid_is_22_lines_of_28_characters(rendered):
    """GB/T 9704: 22 lines a page, 28 三号 characters a line, in the 156 × 225 mm text block."""
    with zipfile.ZipFile(rendered) as archive:
        body = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in body
    assert '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="850" w:footer="1417" ' \
           'w:gutter="0"/>' in body
    assert '<w:docGrid w:type="lines" w:linePitch="579"/>' in body
    height, width = 16838 - 2098 - 1984, 11906 - 1587 - 1474
    assert 22 * 579 <= height < 23 * 579
    normal = Document(str(rendered)).styles["Normal"]
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    rpr = normal.element.rPr
    condensed = 16 * 20 + int(rpr.find(qn("w:spacing")).get(qn("w:val")))  # twips a character takes
    assert condensed == 315 and 28 * condensed <= width < 29 * condensed
    # East Asian language zh-CN everywhere, so “” are laid out full-width
    assert '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' in styles
    assert styles.count('w:eastAsia="zh-CN"') == 11 and 'w:eastAsia="en-US"' not in styles


def test_the_packaged_reference_holds_only_the_styles_drafter_uses():
    from drafter.writers.reference import STYLES

    with zipfile.ZipFile(files("drafter") / "data" / "reference.docx") as archive:
        names = archive.namelist()
        styles = archive.read("word/styles.xml").decode()
    assert "word/stylesWithEffects.xml" not in names
    ids = re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', styles)
    assert sorted(ids) == sorted(["Normal", "Heading1", "Heading2", "DefaultParagraphFont", "TableNormal", "NoList",
                                  "Title", "Speaker", "DateLine", "Salutation", "Run-inHeading", "LeadPhrase",
                                  "PageNumber"])
    assert len(STYLES) == 10 and len(styles) < 25_000


def test_bad_reference_doc(run, write_config, tmp_path):
    bad = tmp_path / "unit.docx"
    bad.write_text("not a docx")
    out = tmp_path / "d.docx"
    result = run("render", write_config(), "-o", out, "--reference-doc", bad)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{bad}: 不是可用的 Word 文档（.docx），无法作为参考样式"
    assert not out.exists()
