"""`drafter serve`'s app through Starlette's TestClient: the form, its checklists and errors, the outline, the
.docx and YAML downloads (the YAML renders to the very draft), YAML upload, check, mine, and the guards."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import quote

import docx
import pytest
from starlette.testclient import TestClient

from drafter import app
from drafter.catalog import load_catalog
from drafter.compose import compose_speech
from drafter.interactive import Answers, config_text
from drafter.web.guard import MAX_BODY
from drafter.web.pages import MAX_FILES, create_app
from drafter.web.server import bind
from drafter.writers.text import render_text

from .conftest import EXAMPLES, ROOT

PORT = 8731
ORIGIN = {"Origin": f"http://127.0.0.1:{PORT}"}
COUNTY = {"meeting": "全县优化营商环境工作会议", "day": "2026-03-16", "title": "县委书记", "speaker": "张明远",
          "place": "临川", "level": "县", "theme": "营商环境", "size_kind": "length", "size": "5000", "seed": "3",
          "superior_meeting": "全市优化营商环境大会", "agenda": "县发展改革局通报了全县营商环境评价情况\n5家企业代表作了交流发言",
          "target_name": ["新签约亿元以上项目"], "target_value": ["30"], "target_unit": ["个"],
          "lead": "县营商环境建设局", "supervisor": "县委督查室", "guessed_for": "全县优化营商环境工作会议"}


@pytest.fixture
def client():
    web = create_app(PORT)
    with TestClient(web, base_url=f"http://127.0.0.1:{PORT}") as c:
        yield c
    web.state.close()


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def ticked(html: str, section: str) -> list[str]:
    return re.findall(rf'name="sections\.{section}" value="([^"]+)" checked', html)


def post(client, path, data, **kw):
    return client.post(path, data=data, headers={**ORIGIN, **kw.pop("headers", {})}, **kw)


def with_ticks(client, data):
    """The form as the page holds it after it has drawn the checklists (the theme's set ticked)."""
    html = post(client, "/draft/form", data).text
    sections = {f"sections.{k}": ticked(html, k) for k in ("awareness", "priorities", "implementation")}
    modules_for = re.search(r'name="modules_for" value="([^"]*)"', html)[1]
    return {**data, **sections, "modules_for": modules_for}


def test_page_is_chinese_with_every_label_and_the_recommended_modules_ticked(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    for label in ("会议名称", "会议日期", "讲话人职务", "讲话人姓名", "地名", "层级", "上级会议", "议程（每行一项",
                  "主题", "目标任务", "牵头单位", "督查单位", "篇幅", "预览提纲", "换一种写法", "全文预览",
                  "生成讲话稿（Word）", "下载配置", "提高认识", "聚焦重点", "狠抓落实"):
        assert label in html, label
    assert 'lang="zh-CN"' in html and "/static/htmx.min.js" in html and "http" not in html.split("<body>")[0]
    catalog = load_catalog()
    theme = re.search(r'<option value="([^"]+)" selected>', html.split('id="f-theme"')[1])[1]
    first = catalog.modules[ticked(html, "awareness")[0]]
    assert first.title_for(theme) in html and first.description_for(theme) in html
    assert re.search(r'class="module-sample">例：[^<]{4,}<', html)
    assert client.get("/static/htmx-LICENSE.txt").text.startswith("Zero-Clause BSD")


def test_meeting_name_chooses_level_theme_place_and_title_as_drafter_new_does(client):
    html = post(client, "/draft/form", {"meeting": "青石镇项目建设推进会", "level": "县", "theme": "营商环境", "seed": "1"},
                headers={"HX-Trigger-Name": "meeting"}).text
    assert re.search(r'<option value="镇" selected>', html) and re.search(r'<option value="项目建设" selected>', html)
    assert 'name="place" value="青石"' in html and 'name="title" value="镇党委书记"' in html
    bureau = post(client, "/draft/form", {"meeting": "全县商务系统招商引资工作会议", "level": "县", "seed": "1"},
                  headers={"HX-Trigger-Name": "meeting"}).text
    assert re.search(r'<option value="部门" selected>', bureau) and 'name="unit"' in bureau and ">单位<" in bureau
    # the name typed and a button pressed at once (the form not yet redrawn): the draft is still the town's
    straight = post(client, "/draft/docx", {"meeting": "青石镇项目建设推进会", "level": "县", "theme": "营商环境",
                                            "seed": "1", "size_kind": "length", "size": "5000"})
    text = "".join(p.text for p in docx.Document(io.BytesIO(straight.content)).paragraphs)
    assert straight.status_code == 200 and "镇党委书记" in text and "全镇" in text and "项目" in text


def test_outline_is_the_cli_outline_and_follows_the_ticks(client, tmp_path):
    data = with_ticks(client, COUNTY)
    html = post(client, "/draft/outline", data).text
    yaml_text = post(client, "/draft/yaml", data).content.decode("utf-8")
    config = tmp_path / "c.yaml"
    config.write_text(yaml_text, encoding="utf-8")
    expected = app.outline(app.load(config))
    page = text_of(html)
    for section in expected["sections"]:
        assert section["heading"] in page and f"{section['chars']} {section['minutes']}" in page
        for point in section["points"]:
            assert f"{point['heading']} {point['title']} {point['chars']}" in page
    assert f"全文约 {expected['chars']} 字" in page and "宣布“三点意见”" in page
    dropped = data["sections.priorities"][1]
    title = load_catalog().modules[dropped].title_for("营商环境")
    assert f" {title} " in page
    fewer = {**data, "sections.priorities": [m for m in data["sections.priorities"] if m != dropped]}
    assert f" {title} " not in text_of(post(client, "/draft/outline", fewer).text)
    early = post(client, "/draft/outline", {**data, "title": ""}, headers={"HX-Trigger-Name": "sections.priorities"})
    assert "HX-Retarget" not in early.headers and "还差几项" in early.text and "讲话人职务：不能为空" in early.text
    nothing = {**data, **{f"sections.{k}": [] for k in ("awareness", "priorities", "implementation")}}
    response = post(client, "/draft/outline", nothing)
    assert response.headers["HX-Retarget"] == "#draft" and "三个部分都是空的，至少要选一个模块" in response.text


def test_errors_stand_beside_their_fields_in_the_cli_words(client):
    bad = {**COUNTY, "meeting": "", "day": "2026-13-01", "size": "五千", "target_value": ["三十"], "place": ""}
    response = post(client, "/draft/outline", bad)
    html = response.text
    assert response.headers["HX-Retarget"] == "#draft"

    def error(field):
        return re.search(rf'id="error-{field}" role="alert">([^<]*)<', html)[1]

    assert error("meeting") == "不能为空" and error("place") == "不能为空"
    assert unescape(error("day")) == "没有这一天：“2026-13-01”（月份应为 1–12，日不超过当月天数）"
    assert unescape(error("size")) == "应为整数，收到“五千”"
    assert unescape(error("targets")) == "第 1 行数值：应为数字（如 30 或 8.5；单位写在后面一格），收到 “三十”"
    assert "还有 5 处要改" in html
    unit = post(client, "/draft/outline", {**COUNTY, "level": "部门", "unit": "商务局"}).text
    assert "看不出“商务局”属于哪一级政府，请写全称，如 县商务局" in unescape(unit)
    docx_refused = post(client, "/draft/docx", bad)
    assert docx_refused.status_code == 400 and "还有 5 处要改" in docx_refused.text and "不能为空" in docx_refused.text


def test_docx_is_named_after_the_meeting_and_the_yaml_renders_the_same_draft(client, tmp_path):
    data = with_ticks(client, COUNTY)
    response = post(client, "/draft/docx", data)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        f"attachment; filename=\"drafter.docx\"; filename*=UTF-8''{quote('全县优化营商环境工作会议.docx')}")
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[0] == "在全县优化营商环境工作会议上的讲话" and "同志们：" in paragraphs
    body = "\n".join(paragraphs)
    assert "新签约亿元以上项目" in body and "县营商环境建设局" in body and "全市优化营商环境大会" in body
    assert 'w:eastAsia="仿宋_GB2312"' in document.styles.element.xml

    yaml_response = post(client, "/draft/yaml", data)
    assert quote("全县优化营商环境工作会议.yaml") in yaml_response.headers["content-disposition"]
    text = yaml_response.content.decode("utf-8")
    assert text.startswith("# 讲话稿配置：由 drafter serve 网页生成")
    assert "  superior_meeting: 全市优化营商环境大会" in text and "departments: {lead: 县营商环境建设局, supervisor: 县委督查室}" in text
    config = tmp_path / "会.yaml"
    config.write_text(text, encoding="utf-8")
    loaded = app.load(config)
    rendered = compose_speech(loaded.request, loaded.catalog)
    assert [line.strip("\u3000") for line in render_text(rendered).splitlines() if line.strip()] == paragraphs
    # the same YAML drafter new writes, for the same answers
    a = Answers(meeting=COUNTY["meeting"], day="2026-03-16", level="县", place="临川", title="县委书记", speaker="张明远",
                theme="营商环境", agenda=COUNTY["agenda"].splitlines(),
                targets=[{"name": "新签约亿元以上项目", "value": 30, "unit": "个"}], length=5000, seed=3,
                superior_meeting="全市优化营商环境大会", lead="县营商环境建设局", supervisor="县委督查室",
                sections={k: data[f"sections.{k}"] for k in ("awareness", "priorities", "implementation")})
    assert text == config_text(a, load_catalog()).replace("由 drafter new 生成", "由 drafter serve 网页生成")


def test_reseed_draws_another_wording_and_text_preview_shows_the_draft(client):
    data = with_ticks(client, COUNTY)
    first = post(client, "/draft/text", data).text
    again = post(client, "/draft/reseed?view=text", data).text
    assert 'id="seed" name="seed" value="4" hx-swap-oob="true"' in again and "第 4 种写法" in again
    paragraphs = lambda html: re.findall(r'<p class="body">(.*?)</p>', html)  # noqa: E731
    assert paragraphs(first) != paragraphs(again) and len(paragraphs(first)) > 10
    assert '<p class="title">在全县优化营商环境工作会议上的讲话</p>' in first


def test_uploaded_yaml_fills_the_form(client):
    example = EXAMPLES / "county-business.yaml"
    response = client.post("/draft/upload", headers=ORIGIN,
                           files={"config": ("县里的配置.yaml", example.read_bytes(), "application/x-yaml")})
    html = response.text
    assert response.status_code == 200 and "已按“县里的配置.yaml”填好表单" in html
    assert 'name="meeting" value="全县优化营商环境工作会议"' in html and 'name="speaker" value="张明远"' in html
    assert 'name="target_name" value="固定资产投资增长"' in html and 'name="seed" value="7"' in html
    assert "县发展改革局通报了全县营商环境评价情况\n5家企业代表作了交流发言" in html
    broken = client.post("/draft/upload", headers=ORIGIN,
                         files={"config": ("错的.yaml", "meeting:\n  name: 会\nspeaker: {title: 县长}\nlocality: {name: 临川, level: 省}\ntheme: 营商环境\n".encode(), "text/yaml")})
    assert broken.status_code == 400
    assert "错的.yaml:4: locality.level: 应为 市/县/区/镇/部门 之一，收到 “省”" in unescape(broken.text)
    wrong = client.post("/draft/upload", headers=ORIGIN, files={"config": ("x.exe", b"MZ", "application/octet-stream")})
    assert "“x.exe”：不支持的文件类型，配置文件应为 .yaml、.yml 文件" in unescape(wrong.text)


def form_of(html: str) -> dict[str, list[str]]:
    """What the browser would post for the draft form as the page shows it."""
    body = re.sub(r"<template.*?</template>", "", html.split('<form id="draft"')[1].split("</form>")[0], flags=re.S)
    data: dict[str, list[str]] = {}
    for tag in re.findall(r"<input [^>]*>", body):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and ('type="checkbox"' not in tag or " checked" in tag):
            data.setdefault(name[1], []).append(unescape(value[1]) if value else "")
    for name, text in re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S):
        data[name] = [unescape(text)]
    for name, options in re.findall(r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        data[name] = re.findall(r'<option value="([^"]+)" selected>', options)
    return data


def test_an_uploaded_config_with_its_own_order_drafts_exactly_as_render_does(client, tmp_path):
    text = (EXAMPLES / "county-business.yaml").read_text(encoding="utf-8")
    text += "sections:\n  awareness: [短板差距, 上级要求]\n  priorities: [法治环境, 政务环境]\n  implementation: [督查考核]\n"
    config = tmp_path / "own.yaml"
    config.write_text(text, encoding="utf-8")
    page = client.post("/draft/upload", headers=ORIGIN, files={"config": ("own.yaml", text.encode(), "text/yaml")}).text
    data = form_of(page)
    assert data["meeting"] == ["全县优化营商环境工作会议"] and data["level"] == ["县"] and data["lead"] == ["县营商环境建设局"]
    catalog = load_catalog()
    assert data["sections.priorities"] == [catalog.find_module(t).id for t in ("法治环境", "政务环境")]
    response = post(client, "/draft/docx", data)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs if p.text]
    loaded = app.load(config)
    expected = render_text(compose_speech(loaded.request, loaded.catalog))
    assert [line.strip("\u3000") for line in expected.splitlines() if line.strip()] == paragraphs


ANALYSIS = {"meeting": "全县上半年经济运行分析会", "day": "2026-07-22", "title": "县长", "place": "临川", "level": "县",
            "theme": "经济工作", "size_kind": "length", "size": "5000", "seed": "1", "guessed_for": "全县上半年经济运行分析会",
            "figure_name": ["地区生产总值", "固定资产投资"], "figure_value": ["128.6", "63.5"], "figure_unit": ["亿元", "亿元"],
            "figure_growth": ["5.8", "-2.3"], "figure_rank": ["4", ""]}


def test_an_analysis_meeting_offers_the_periods_figures(client, tmp_path):
    """The figures an 分析会 opens with are entered as targets are, row by row, only for such a meeting; they reach
    the draft and the YAML, and an uploaded config's figures come back into the form."""
    assert 'name="figure_name"' not in post(client, "/draft/form", COUNTY).text
    html = post(client, "/draft/form", {**ANALYSIS, "figure_name": [], "figure_value": [], "figure_unit": [],
                                         "figure_growth": [], "figure_rank": []}).text
    assert "运行数据（分析会开场先讲这些数字" in html and "居全市第几位" in html and 'data-into="figures"' in html
    data = with_ticks(client, ANALYSIS)
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(post(client, "/draft/docx", data).content)).paragraphs)
    assert "上半年，地区生产总值128.6亿元，同比增长5.8%，增速居全市第4位；固定资产投资63.5亿元，同比下降2.3%。" in body
    text = post(client, "/draft/yaml", data).content.decode("utf-8")
    assert "  - {name: 地区生产总值, value: 128.6, unit: 亿元, growth: 5.8, rank: 4}" in text
    assert "  - {name: 固定资产投资, value: 63.5, unit: 亿元, growth: -2.3}" in text
    bad = post(client, "/draft/outline", {**data, "figure_growth": ["五点八", ""]})
    assert bad.status_code == 200 and "第 1 行同比增减：应为同比增减的百分数（如 5.8 或 -2.1，不写 %），收到 “五点八”" in unescape(bad.text)
    example = (EXAMPLES / "economy-analysis.yaml").read_bytes()
    page = client.post("/draft/upload", headers=ORIGIN, files={"config": ("分析会.yaml", example, "text/yaml")}).text
    form = form_of(page)
    assert form["figure_name"] == ["地区生产总值", "规上工业增加值", "固定资产投资", "社会消费品零售总额"]
    assert form["figure_growth"] == ["5.8", "7.1", "-2.3", "4.6"] and form["figure_rank"] == ["4", "", "", ""]


PLANTED = """在全县安全生产工作会议上的讲话
同志们：
今天召开会议。下面，我讲三点意见。
一、提高认识
安全生产是底线。
二、突出重点
一是排查隐患。二是整治问题。四是严格考核。
三、狠抓落实
各乡镇要抓好落实。
"""


def test_check_lists_findings_and_marks_the_paragraph(client):
    html = post(client, "/check", {"text": PLANTED}).text
    page = text_of(html)
    assert "序号 numbering" in page and "第 7 段" in page
    assert "序号跳号：“二是”之后是“四是”，缺了“三是”" in page
    assert re.search(r'<li id="p-7" value="7" class="flagged">一是排查隐患', html)
    assert not re.search(r'<li id="p-5" value="5" class="flagged"', html)
    upload = client.post("/check", headers=ORIGIN, files={"draft": ("稿.md", PLANTED.encode("utf-8"), "text/markdown")})
    assert "稿.md：" in text_of(upload.text) and 'class="flagged">一是排查隐患' in upload.text
    drafted = post(client, "/draft/docx", with_ticks(client, COUNTY)).content
    clean = client.post("/check", headers=ORIGIN, files={"draft": ("讲话稿.docx", drafted, "application/octet-stream")})
    assert "讲话稿.docx：" in text_of(clean.text) and "未发现问题" in clean.text and 'class="flagged"' not in clean.text
    assert '<li id="p-1" value="1">在全县优化营商环境工作会议上的讲话</li>' in clean.text
    empty = post(client, "/check", {"text": "  "})
    assert empty.status_code == 400 and "请把讲话稿粘贴到“讲话稿”框里" in empty.text


def test_mine_reports_and_packs_modules_that_render_with_templates(client, tmp_path):
    seeds = sorted((ROOT / "seeds").glob("00[01]_*.txt"))
    files = [("speeches", (f"旧稿{i}.txt", p.read_bytes(), "text/plain")) for i, p in enumerate(seeds, 1)]
    html = client.post("/mine", headers=ORIGIN, files=files, data={"theme": "营商环境"}).text
    assert "← 旧稿1.txt" in html and "下载模块包（.zip）" in html and "提高认识" in html
    token = re.search(r'href="/mine/zip/([^"]+)"', html)[1]
    package = client.get(f"/mine/zip/{token}")
    assert quote("本单位模板.zip") in package.headers["content-disposition"]
    folder = tmp_path / "本单位模板"
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        names = archive.namelist()
        archive.extractall(folder)
    assert names and all(n.endswith(".yaml") and "/" not in n for n in names)
    catalog = load_catalog(folder)
    assert {Path(n).stem for n in names} <= set(catalog.modules)
    used = post(client, "/templates", {"action": "use", "token": token}).text
    assert f"共 {len(catalog.modules)} 个模块可选" in used
    assert Path(names[0]).stem in post(client, "/draft/form", {**COUNTY, "seed": "1"}).text
    assert "已停用本单位模板" in post(client, "/templates", {"action": "clear"}).text
    missing = post(client, "/templates", {"action": "folder", "folder": str(tmp_path / "没有")})
    assert missing.status_code == 400 and "不存在" in missing.text


def test_mine_makes_the_speeches_a_theme_of_the_units_own(client, tmp_path):
    """With a theme name, the mine view does what `drafter mine … --emit-theme` does: a theme package (the
    theme file and its modules) to download, which renders with theme + templates_dir, or is used at once."""
    speech = (ROOT / "tests" / "data" / "archive" / "2025-青峰县防汛工作会议.txt").read_bytes()
    files = [("speeches", ("防汛.txt", speech, "text/plain"))]
    html = client.post("/mine", headers=ORIGIN, files=files, data={"theme_name": "青峰防汛", "locality": "青峰"}).text
    assert "已把 1 篇讲话稿做成主题“青峰防汛”" in html and "地名“青峰”换成了占位" in html and "下载主题包（.zip）" in html
    token = re.search(r'href="/mine/zip/([^"]+)"', html)[1]
    folder = tmp_path / "本单位模板"
    with zipfile.ZipFile(io.BytesIO(client.get(f"/mine/zip/{token}").content)) as archive:
        names = archive.namelist()
        archive.extractall(folder)
    assert "themes/青峰防汛.yaml" in names and all(n.startswith(("themes/", "modules/青峰防汛/")) for n in names)
    config = tmp_path / "会.yaml"
    config.write_text("meeting: {name: 全县防汛抗旱工作会议, date: 2027-05-10}\nspeaker: {title: 县委书记}\n"
                      f"locality: {{name: 云溪, level: 县}}\ntheme: 青峰防汛\ntemplates_dir: {folder}\n", encoding="utf-8")
    text = render_text(compose_speech(app.load(config).request, load_catalog(folder)))
    assert "起草说明（定稿前删去）：本稿文字取自本单位讲话稿档案" in text and "云溪县" in text
    assert "青峰" not in text.split("\n", 1)[1]  # the note names the theme; the speech never the old place
    used = post(client, "/templates", {"action": "use", "token": token}).text
    assert "起草页已使用本单位模板（刚才分析出的模块和主题）" in used
    assert '<option value="青峰防汛"' in client.get("/").text
    post(client, "/templates", {"action": "clear"})
    refused = client.post("/mine", headers=ORIGIN, files=files, data={"theme_name": "安全生产"})
    assert refused.status_code == 400 and ("主题名称“安全生产”：与内置主题同名；请另起一个名称（如“本县安全生产”），以免遮住内置主题"
                                           in unescape(refused.text))


def test_foreign_host_foreign_or_missing_origin_and_big_uploads_are_refused(client):
    foreign_host = client.get("/", headers={"Host": "evil.example:8731"})
    assert foreign_host.status_code == 403 and "只接受 http://127.0.0.1 本机地址的访问" in foreign_host.text
    assert client.get("/", headers={"Host": f"localhost:{PORT}"}).status_code == 200
    assert client.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 403
    evil = client.post("/draft/docx", data=COUNTY, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403 and "来源为“http://evil.example”" in evil.text
    missing = client.post("/draft/docx", data=COUNTY)
    assert missing.status_code == 403 and "请求没有注明来源" in missing.text
    big = client.post("/check", headers=ORIGIN, files={"draft": ("大.txt", b"x" * (MAX_BODY + 10), "text/plain")})
    assert big.status_code == 413 and "上传的内容太大（上限 20 MB）" in big.text
    def chunked():  # no Content-Length: counted as it is read
        yield b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
        for _ in range(MAX_BODY // 2**20 + 1):
            yield b"x" * 2**20
        yield b"\r\n--b--\r\n"

    streamed = client.post("/check", content=chunked(),
                           headers={**ORIGIN, "Content-Type": "multipart/form-data; boundary=b"})
    assert streamed.status_code == 413 and "上传的内容太大（上限 20 MB）" in streamed.text
    many = [("speeches", (f"{i}.txt", b"x", "text/plain")) for i in range(MAX_FILES + 1)]
    too_many = client.post("/mine", headers=ORIGIN, files=many)
    assert too_many.status_code == 400 and f"一次最多上传 {MAX_FILES} 个文件" in too_many.text
    assert client.get("/nowhere").status_code == 404 and "没有这个页面" in client.get("/nowhere").text
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


def test_bind_uses_127_0_0_1_and_the_next_free_port():
    taken = bind(18730)
    try:
        assert taken.getsockname() == ("127.0.0.1", 18730)
        following = bind(18730)
        assert following.getsockname()[1] == 18731
        following.close()
    finally:
        taken.close()


def test_serve_help_is_chinese(run):
    result = run("serve", "--help")
    assert "在本机浏览器里起草、检查、分析讲话稿" in result.output and "不自动打开浏览器" in result.output


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="127.0.0.2 is a loopback address on Linux only")
def test_server_not_reachable_from_another_address():
    """Bound to 127.0.0.1 alone: another address of this very machine (127.0.0.2, the LAN address) is refused,
    which a server on 0.0.0.0 would answer."""
    sock = bind(18740)
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # connect() on UDP sends nothing
            probe.connect(("192.0.2.1", 9))
            lan = probe.getsockname()[0]
        for address in {"127.0.0.2", lan} - {"127.0.0.1"}:
            with pytest.raises(OSError), socket.create_connection((address, 18740), timeout=1):
                pass
        with socket.create_connection(("127.0.0.1", 18740), timeout=1):
            pass
    finally:
        sock.close()


def test_serve_prints_the_address_answers_and_stops_on_ctrl_c_in_chinese(tmp_path):
    blocker = bind(18750)  # the default port taken: serve moves to the next one and says so
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--port", "18750", "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        moved = re.fullmatch(r"端口 18750 已被占用，改用 (\d+)。", proc.stdout.readline().strip())
        port = int(moved[1])
        assert 18750 < port < 18770
        assert proc.stdout.readline().strip() == f"drafter 网页已启动：http://127.0.0.1:{port}/"
        assert "按 Ctrl-C 停止" in proc.stdout.readline()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert "会议名称" in response.read().decode("utf-8")
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    finally:
        blocker.close()
        if proc.poll() is None:  # a failed assertion above: do not leave the server running
            proc.kill()
            proc.communicate()
    assert out.strip() == "drafter 网页已停止。" and proc.returncode == 0


def test_what_the_clerk_types_is_shown_as_typed_never_run(client):
    typed = {**COUNTY, "meeting": "<script>alert(1)</script>{{ 7*7 }}会议", "guessed_for": "<script>alert(1)</script>{{ 7*7 }}会议"}
    html = post(client, "/draft/text", with_ticks(client, typed)).text
    assert "<script>alert" not in html and "在&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}会议上的讲话" in html


def test_the_browser_is_opened_at_the_page_once_the_server_listens(monkeypatch):
    from types import SimpleNamespace

    from drafter.web import server

    opened = []
    monkeypatch.setattr(server.webbrowser, "open", opened.append)
    server._open_when_started(SimpleNamespace(started=True), "http://127.0.0.1:8730/")
    assert opened == ["http://127.0.0.1:8730/"]
    server._open_when_started(SimpleNamespace(started=False), "http://127.0.0.1:8730/", tries=2)
    assert opened == ["http://127.0.0.1:8730/"]  # a server that never started: no page opened on nothing
