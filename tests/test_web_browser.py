"""`drafter serve` in a real browser: Debian's Chromium driven by Playwright (never `playwright install`), the
server started as a clerk starts it (`drafter serve --no-browser`), every request recorded and anything off
127.0.0.1 refused. Screenshots go to tmp_path; with DRAFTER_SCREENSHOTS=1 they are also written to docs/ for
the README (a CJK font such as fonts-wqy-microhei makes them legible)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import docx
import pytest
from playwright.sync_api import expect

from drafter import app
from drafter.compose import compose_speech
from drafter.writers.text import render_text

from .conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=zh-CN"]
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="需要 Debian 的 chromium：apt-get install chromium")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`drafter serve --no-browser` on a free port; yields its base URL; Ctrl-C (SIGINT) at the end."""
    import signal
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("cache")), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--port", str(port), "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        first = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert match, first
        yield match[0]
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A 1366×768 page whose every request is recorded; a request to any other host is aborted."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True)
    seen: list[str] = []

    def route(r):
        seen.append(r.request.url)
        host = urlsplit(r.request.url).hostname
        if host == "127.0.0.1" or r.request.url.startswith("data:"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.seen = seen  # type: ignore[attr-defined]
    tab.base = server  # type: ignore[attr-defined]
    yield tab
    context.close()
    off = [url for url in seen if urlsplit(url).hostname != "127.0.0.1" and not url.startswith("data:")]
    assert not off, off
    assert any(url.startswith(server) for url in seen)


def shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    if os.environ.get("DRAFTER_SCREENSHOTS"):
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(path, ROOT / "docs" / name)


def docx_paragraphs(path: Path) -> tuple[list[str], str]:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text], xml


def rendered_text(config: Path) -> list[str]:
    loaded = app.load(config)
    return [line.strip("\u3000") for line in render_text(compose_speech(loaded.request, loaded.catalog)).splitlines()
            if line.strip()]


def test_a_first_time_clerk_gets_a_county_draft(page, tmp_path):
    page.goto(page.base)
    page.get_by_label("会议名称").fill("全县优化营商环境工作会议")
    page.get_by_label("会议名称").press("Tab")
    expect(page.get_by_label("讲话人职务")).to_have_value("县委书记")  # the level was read from the name
    assert page.get_by_label("层级").input_value() == "县" and page.get_by_label("主题").input_value() == "营商环境"
    page.get_by_label("地名").fill("临川")
    page.get_by_label("讲话人姓名").fill("张明远")
    page.get_by_role("button", name="添加一项目标").click()
    page.get_by_label("目标名称").fill("新签约亿元以上项目")
    page.get_by_label("目标数值").fill("30")
    page.get_by_label("目标单位").fill("个")
    page.get_by_role("button", name="预览提纲").click()
    outline = page.locator(".outline")
    outline.wait_for()
    assert "宣布“三点意见”" in outline.inner_text()
    module = page.locator("#section-priorities label.module").nth(1)
    title = module.locator(".module-title").inner_text()
    assert module.locator("input").is_checked()
    row = page.locator(".outline-table tr.point", has_text=title)
    heading = row.locator("td").first.inner_text()
    module.click()  # untick: the outline follows
    expect(page.locator(".outline-table")).not_to_contain_text(heading)
    assert not module.locator("input").is_checked()
    shot(page, tmp_path, "serve-draft.png")

    with page.expect_download() as info:
        page.get_by_role("button", name="生成讲话稿（Word）").click()
    download = info.value
    assert download.suggested_filename == "全县优化营商环境工作会议.docx"
    draft = tmp_path / "draft.docx"
    download.save_as(draft)
    paragraphs, xml = docx_paragraphs(draft)
    assert paragraphs[0] == "在全县优化营商环境工作会议上的讲话" and "新签约亿元以上项目" in xml
    assert "张明远" in xml and 'w:eastAsia="仿宋_GB2312"' in xml or "仿宋_GB2312" in docx.Document(str(draft)).styles.element.xml
    assert heading.split("）", 1)[1] not in "".join(paragraphs)

    with page.expect_download() as info:
        page.get_by_role("button", name="下载配置").click()
    assert info.value.suggested_filename == "全县优化营商环境工作会议.yaml"
    config = tmp_path / "会议.yaml"
    info.value.save_as(config)
    assert rendered_text(config) == paragraphs

    page.get_by_role("button", name="全文预览").click()
    page.locator(".fulltext").wait_for()
    shown = [p.strip() for p in page.locator(".speech p").all_inner_texts()]
    assert shown == paragraphs


def test_a_town_and_a_bureau_get_their_own_level_words(page, tmp_path):
    page.goto(page.base)
    page.get_by_label("会议名称").fill("青石镇项目建设推进会")
    page.get_by_label("会议名称").press("Tab")
    expect(page.get_by_label("层级")).to_have_value("镇")
    assert page.get_by_label("地名").input_value() == "青石" and page.get_by_label("主题").input_value() == "项目建设"
    assert page.get_by_label("讲话人职务").input_value() == "镇党委书记"
    page.get_by_role("button", name="预览提纲").click()
    page.locator(".outline").wait_for()
    shot(page, tmp_path, "serve-town.png")
    with page.expect_download() as info:
        page.get_by_role("button", name="生成讲话稿（Word）").click()
    town = tmp_path / "town.docx"
    info.value.save_as(town)
    text = "".join(docx_paragraphs(town)[0])
    assert info.value.suggested_filename == "青石镇项目建设推进会.docx" and "全镇" in text and "全县上下" not in text

    page.goto(page.base)
    page.get_by_label("会议名称").fill("全县商务系统招商引资工作会议")
    page.get_by_label("会议名称").press("Tab")
    expect(page.get_by_label("层级")).to_have_value("部门")
    page.get_by_label("地名").fill("临川")
    page.get_by_role("button", name="生成讲话稿（Word）").click()  # 单位 left empty: the page says so beside it
    error = page.locator("#error-unit")
    error.wait_for()
    assert error.inner_text() == "不能为空：部门讲话要写本单位全称，如 县商务局"
    page.get_by_label("单位（必填）").fill("县商务局")
    page.get_by_role("button", name="预览提纲").click()
    expect(page.locator(".outline")).to_contain_text("在全县商务系统招商引资工作会议上的讲话")
    expect(page.locator("#error-unit")).to_have_count(0)
    shot(page, tmp_path, "serve-bureau.png")
    with page.expect_download() as info:
        page.get_by_role("button", name="生成讲话稿（Word）").click()
    bureau = tmp_path / "bureau.docx"
    info.value.save_as(bureau)
    text = "".join(docx_paragraphs(bureau)[0])
    assert "全系统" in text and "局长" in text


def test_check_shows_the_planted_gap_in_its_paragraph_and_mine_packs_modules(page, tmp_path):
    page.goto(page.base + "check")
    page.get_by_label("讲话稿", exact=True).fill(
        "在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。下面，我讲三点意见。\n一、提高认识\n安全生产是底线。\n"
        "二、突出重点\n一是排查隐患。二是整治问题。四是严格考核。\n三、狠抓落实\n各乡镇要抓好落实。\n")
    page.get_by_role("button", name="检查", exact=True).click()
    table = page.locator("table.findings")
    table.wait_for()
    assert "序号跳号：“二是”之后是“四是”，缺了“三是”" in table.inner_text()
    page.get_by_role("link", name="第 7 段").first.click()
    flagged = page.locator("#p-7")
    assert "flagged" in flagged.get_attribute("class") and flagged.inner_text().startswith("一是排查隐患")
    assert page.evaluate("location.hash") == "#p-7"
    shot(page, tmp_path, "serve-check.png")

    page.goto(page.base + "mine")
    seeds = sorted((ROOT / "seeds").glob("00[01]_*.txt"))
    page.locator("#f-speeches").set_input_files([str(p) for p in seeds])
    assert "、" in page.locator('.file-name[data-for="f-speeches"]').inner_text()
    page.get_by_role("button", name="分析", exact=True).click()
    page.locator(".mined").first.wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="下载模块包（.zip）").click()
    assert info.value.suggested_filename == "本单位模板.zip"
    package = tmp_path / "m.zip"
    info.value.save_as(package)
    with zipfile.ZipFile(io.BytesIO(package.read_bytes())) as archive:
        assert archive.namelist() and all(n.endswith(".yaml") for n in archive.namelist())
    shot(page, tmp_path, "serve-mine.png")


def test_an_analysis_meeting_gets_a_row_of_figures(page, tmp_path):
    page.goto(page.base)
    assert page.get_by_role("button", name="添加一项数据").count() == 0  # not for every meeting
    page.get_by_label("会议名称").fill("全县上半年经济运行分析会")
    page.get_by_label("会议名称").press("Tab")
    page.get_by_role("button", name="添加一项数据").click()  # shown once the name reads as an 分析会
    assert page.get_by_label("主题").input_value() == "经济工作"
    page.get_by_label("会议日期").fill("2026-07-22")
    page.get_by_label("讲话人职务").fill("县长")
    page.get_by_label("地名").fill("临川")
    page.get_by_label("指标名称").fill("地区生产总值")
    page.get_by_label("指标数值").fill("128.6")
    page.get_by_label("指标单位").fill("亿元")
    page.get_by_label("同比增减（%）").fill("5.8")
    page.get_by_label("位次").fill("4")
    expect(page.locator("#figures")).to_contain_text("居全市第几位")
    page.get_by_role("button", name="全文预览").click()
    expect(page.locator(".fulltext")).to_contain_text("地区生产总值128.6亿元，同比增长5.8%，增速居全市第4位")
    page.locator("#figures").scroll_into_view_if_needed()
    shot(page, tmp_path, "serve-figures.png")
    row = page.locator("#figures .target-row").first.bounding_box()
    head = page.locator("#figures .target-head").bounding_box()
    assert row and head and abs(row["width"] - head["width"]) < 2  # the row lines up under its column heads
