"""`drafter mine ARCHIVE --emit-theme NAME DIR`: a unit's own theme from its past speeches, drafted with
`theme: NAME` + `templates_dir: DIR`, listed like the bundled themes, and reported as reuse by check."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from starlette.testclient import TestClient

from drafter import app
from drafter.catalog import load_catalog
from drafter.cli import main
from drafter.interactive import Answers, config_text

HERE = Path(__file__).resolve().parent
HAND_WRITTEN = HERE / "data" / "archive" / "2025-青峰县防汛工作会议.txt"
THEME = "青峰安全"
ARCHIVE_CONFIG = """\
meeting:
  name: 全县安全生产工作会议
  date: {year}-03-10
  agenda: [县应急管理局通报了全县安全生产形势]
  superior_meeting: 全市安全生产工作会议
speaker: {{title: 县委书记, name: 周立言}}
locality: {{name: 青峰, level: 县}}
theme: 安全生产
targets:
  - {{name: 生产安全事故起数同比下降, value: {value}, unit: "%"}}
departments: {{lead: 县应急管理局}}
seed: {year}
"""
NEW_CONFIG = """\
meeting:
  name: 全县安全生产工作会议
  date: 2027-04-20
speaker: {title: 县委书记, name: 陈某}
locality: {name: 云溪, level: 县}
theme: 青峰安全
templates_dir: 本单位模板
"""


def cli(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    """An archive of one county's speeches (three past drafts of a bundled theme for 青峰, one .docx and two
    .txt, and one speech written by hand for these tests), its theme, and a config for a new meeting."""
    root = tmp_path_factory.mktemp("unit")
    archive = root / "往年讲话稿"
    archive.mkdir()
    for year, fmt in ((2023, "docx"), (2024, "txt"), (2025, "txt")):
        config = root / f"{year}.yaml"
        config.write_text(ARCHIVE_CONFIG.format(year=year, value=year - 2013), encoding="utf-8")
        assert cli("render", config, "-o", archive / f"{year}.{fmt}").exit_code == 0
    (archive / HAND_WRITTEN.name).write_bytes(HAND_WRITTEN.read_bytes())
    folder = root / "本单位模板"
    result = cli("mine", archive, "--emit-theme", THEME, folder, "--locality", "青峰")
    assert result.exit_code == 0, result.output
    config = root / "会议.yaml"
    config.write_text(NEW_CONFIG, encoding="utf-8")
    return {"root": root, "archive": archive, "folder": folder, "config": config, "mined": result.output}


def theme_data(unit) -> dict:
    return yaml.safe_load((unit["folder"] / "themes" / f"{THEME}.yaml").read_text(encoding="utf-8"))


def modules_data(unit) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((unit["folder"] / "modules" / THEME).glob("*.yaml"))]


def render_txt(unit, name: str = "稿.txt", *args: str) -> tuple[str, object]:
    out = unit["root"] / name
    result = cli("render", unit["config"], "-o", out, "--force", *args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8"), result


# -- what is written -------------------------------------------------------------------------------------------

def test_mine_says_what_it_wrote_and_how_to_use_it(unit):
    out = unit["mined"]
    assert f"已生成主题“{THEME}”：{unit['folder'] / 'themes' / (THEME + '.yaml')}" in out
    assert "适用于县级；地名“青峰”换成了占位" in out
    assert f"在配置里写 theme: {THEME} 和 templates_dir: {unit['folder']}" in out


def test_the_theme_groups_the_archive_by_section_with_a_recommended_set(unit):
    theme = theme_data(unit)
    modules = {m["id"]: m for m in modules_data(unit)}
    assert theme["name"] == THEME and theme["archive"]["speeches"] == 4 and theme["archive"]["level"] == "县"
    assert "本稿文字取自本单位讲话稿档案（4 篇" in theme["archive"]["notice"]
    for key in ("awareness", "priorities", "implementation"):
        recommended = theme["recommended"][key]
        assert recommended["modules"] and 1 <= recommended["default"] <= len(recommended["modules"])
        assert all(modules[m]["section"] == key and re.fullmatch(f"{key}_\\d+", m) for m in recommended["modules"])
    assert {m["section"] for m in modules.values()} == {"awareness", "priorities", "implementation"}
    for module in modules.values():
        assert module["themes"] == [THEME] and module["levels"] == ["县"]
        assert module["title"] and not re.search(r"[{}]", module["title"])
    # the three drafts share their kinds of point: one module, one body variant per speech
    assert max(len(m["bodies"]) for m in modules.values()) == 3
    # the hand-written speech's 三个部分 read in the genre's order, its points as modules of their own
    flood = [m for m in modules.values() if "汛" in json.dumps(m, ensure_ascii=False)]
    assert {m["section"] for m in flood} == {"awareness", "priorities", "implementation"}


def test_place_years_figures_and_level_words_become_slots(unit):
    theme = {k: v for k, v in theme_data(unit).items() if k not in ("name", "archive")}  # archive: file names
    written = json.dumps([theme, *modules_data(unit)], ensure_ascii=False).replace(THEME, "")
    assert "青峰" not in written and "2024年" not in written and "2025年" not in written
    assert "{{ own.units }}" in written and "{{ own.whole }}" in written and "{{ above.whole }}" in written
    flood = next(m for m in modules_data(unit) if "小型水库" in json.dumps(m, ensure_ascii=False))
    assert flood["slots"] == {"n1": "17"}
    body = flood["bodies"][0][0]
    assert "还有{{ slot.n1 }}座小型水库" in body and "{{ own.whole }}还有" in body
    # the frame keeps the archive's opening without its figures and its old agenda
    openings = [" ".join(v["paragraphs"]) for v in theme_data(unit)["frame"]["opening"]]
    flood_open = next(o for o in openings if "汛期形势" in o)
    assert "1260" not in flood_open and "刚才" not in flood_open and "讲得很具体" not in flood_open
    assert "今天召开全县防汛抗旱工作会议" not in flood_open and "今天召开{{ meeting.name }}" in flood_open
    # the count sentence says the new draft's number (which of the archive's wordings comes first follows its drafts)
    counts = theme_data(unit)["frame"]["count"]
    assert counts and all(c.startswith("下面，") and c.endswith("我讲{{ count_cn }}点意见。") for c in counts), counts


def test_a_year_of_the_archive_moves_with_the_new_date(unit):
    weather = next(m for m in modules_data(unit) if "气象" in m["headings"]["judgement"])
    assert "降雨比{{ meeting.date.year - 1 }}年偏多" in weather["bodies"][0][0]
    result = cli("modules", "--templates", unit["folder"], "show", weather["id"])  # sample meeting: 2026-03-16
    assert result.exit_code == 0 and "降雨比2025年偏多" in result.output and "2024" not in result.output


def test_archive_text_never_becomes_template_code(tmp_path):
    speech = HAND_WRITTEN.read_text(encoding="utf-8").replace("气象部门预测，", "气象部门预测{{ 123+456 }}{% if 1 %}，")
    (tmp_path / "a.txt").write_text(speech, encoding="utf-8")
    folder = tmp_path / "t"
    assert cli("mine", tmp_path / "a.txt", "--emit-theme", "防汛", folder).exit_code == 0
    weather = next(p for p in (folder / "modules" / "防汛").glob("*.yaml") if "气象" in p.read_text(encoding="utf-8"))
    result = cli("modules", "--templates", folder, "show", weather.stem)
    assert result.exit_code == 0 and "气象部门预测{{ 123+456 }}{% if 1 %}，" in result.output
    assert "579" not in result.output


def test_a_blank_theme_name_or_folder_is_named_as_missing(tmp_path):
    (tmp_path / "a.txt").write_text(HAND_WRITTEN.read_text(encoding="utf-8"), encoding="utf-8")
    blank = cli("mine", tmp_path / "a.txt", "--emit-theme", " ", tmp_path / "t")
    assert blank.exit_code == 2 and "--emit-theme: 主题名称是空的" in blank.output
    nowhere = cli("mine", tmp_path / "a.txt", "--emit-theme", "防汛", "")
    assert nowhere.exit_code == 2 and "--emit-theme 防汛: 没有给出模板文件夹" in nowhere.output
    assert not (tmp_path / "themes").exists()


# -- drafting with it ------------------------------------------------------------------------------------------

def test_a_new_speech_in_the_units_structure_for_a_new_place_and_year(unit):
    drafts = [render_txt(unit, f"稿{seed}.txt", "--seed", str(seed))[0].split("\n", 2)[2] for seed in range(1, 7)]
    assert any("云溪县" in d for d in drafts) and not any("青峰" in d or "2025年" in d for d in drafts)
    text, result = render_txt(unit)
    theme = theme_data(unit)
    lines = text.splitlines()
    assert lines[0] == f"起草说明（定稿前删去）：{theme['archive']['notice']}"
    assert lines[2] == "在全县安全生产工作会议上的讲话" and lines[4] == "（2027年4月20日）"
    assert f"提示：{theme['archive']['notice']}" in result.stderr
    assert "青峰" not in text.split("\n", 2)[2] and "2025年" not in text and "2024年" not in text
    body = [line.strip("\u3000") for line in lines[6:]]
    headings = [line for line in body if re.match("[一二三]、", line)]
    assert len(headings) == 3 and "下面，我讲三点意见。" in text
    for heading, key in zip(headings, ("awareness", "priorities", "implementation"), strict=True):
        archived = theme["sections"][key]["headings"]
        assert heading[2:] in [h.replace("{{ own.whole }}", "全县") for h in archived]
    # every （一） point is one of the archive's, in the order of the theme's recommended set
    modules = {m["id"]: m for m in modules_data(unit)}
    outline = app.outline(app.load(unit["config"]))
    for section in outline["sections"]:
        ids = [p["module"] for p in section["points"]]
        pool = theme["recommended"][section["category"]]["modules"]
        assert ids and all(i in modules for i in ids)
        assert [pool.index(i) for i in ids] == sorted(pool.index(i) for i in ids)
    # the opening and closing are the archive's own
    opening, closing = body[1], body[-1]
    assert any(plain(o["paragraphs"][0]) in opening for o in theme["frame"]["opening"])
    assert closing.startswith("同志们，") and any(plain(c["paragraphs"][0]) in closing for c in theme["frame"]["closing"])


def test_the_archives_opening_and_closing_are_said_only_by_a_speaker_of_their_role(tmp_path):
    """A 县长's archive: its opening and closing record the role they were spoken in; a 县长 or 副县长 drafting
    with the theme says them, a 县委书记 gets the shared opening and closing (never the head's words)."""
    (tmp_path / "archive").mkdir()
    speech = HAND_WRITTEN.read_text(encoding="utf-8").replace("县委书记　周立言", "县长　李振华")
    (tmp_path / "archive" / "2025.txt").write_text(speech, encoding="utf-8")
    folder = tmp_path / "本单位模板"
    assert cli("mine", tmp_path / "archive", "--emit-theme", "防汛档案", folder).exit_code == 0
    frame = yaml.safe_load((folder / "themes" / "防汛档案.yaml").read_text(encoding="utf-8"))["frame"]
    assert [(v["roles"], v["speaker"]) for v in (*frame["opening"], *frame["closing"])] == [(["executive"], "县长")] * 2
    for title, own in (("县长", True), ("副县长", True), ("县委书记", False)):
        config = tmp_path / f"{title}.yaml"
        config.write_text(NEW_CONFIG.replace("安全生产", "防汛抗旱").replace("县委书记", title)
                          .replace("青峰安全", "防汛档案"), encoding="utf-8")
        out = tmp_path / f"{title}.txt"
        assert cli("render", config, "-o", out).exit_code == 0
        body = [line.strip("\u3000") for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        opening, closing = body[body.index("同志们：") + 1], body[-1]
        assert ("把各项防范措施提前落到实处" in opening) is own, (title, opening)
        assert ("防汛抗旱责任重于泰山" in closing) is own, (title, closing)
        assert closing.startswith("同志们，")


def plain(template: str) -> str:
    """The longest stretch of a theme text without a slot: what a draft from it says word for word."""
    return max(re.split(r"\{\{.*?\}\}|\{%.*?%\}", template), key=len)


def test_the_draft_passes_check_and_check_against_the_archive_reports_the_reuse(unit):
    render_txt(unit)
    draft = unit["root"] / "稿.txt"
    assert cli("check", draft).exit_code == 0
    result = cli("check", draft, "--corpus", unit["archive"], "--json")
    findings = json.loads(result.output)["findings"]
    assert result.exit_code == 1 and findings and {f["rule"] for f in findings} == {"reuse"}
    assert re.match(r"沿用档案原文：与“(2023\.docx|2024\.txt|2025\.txt|2025-青峰县防汛工作会议\.txt)”连续 \d+ 字相同"
                    r"（稿子注明取自本单位档案；查重会标出，--ignore reuse 不再提示）", findings[0]["message"])
    quiet = cli("check", draft, "--corpus", unit["archive"], "--ignore", "reuse")
    assert quiet.exit_code == 0 and quiet.output.endswith("未发现问题\n")
    assert "沿用档案原文" not in cli("check", draft, "--corpus", unit["archive"], "--ignore", "overlap").output
    assert "reuse：稿子注明文字取自本单位讲话稿档案" in cli("check", "--explain", "reuse").output


def test_the_docx_carries_the_note_as_a_word_comment_and_check_reads_it(unit):
    out = unit["root"] / "稿.docx"
    assert cli("render", unit["config"], "-o", out, "--force").exit_code == 0
    with zipfile.ZipFile(out) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    assert "起草说明（定稿前删去）：本稿文字取自本单位讲话稿档案" in comments
    assert "起草说明" not in body and "commentRangeStart" in body
    result = cli("check", out, "--corpus", unit["archive"])
    assert "[reuse] 沿用档案原文" in result.output and "[overlap]" not in result.output


def test_a_plain_draft_against_the_same_corpus_is_overlap_not_reuse(unit, tmp_path):
    copy = tmp_path / "抄的.txt"
    draft = render_txt(unit, "抄的原稿.txt")[0]  # its own draft: the test runs alone too
    copy.write_text("\n".join(draft.splitlines()[2:]), encoding="utf-8")
    result = cli("check", copy, "--corpus", unit["archive"])
    assert "[overlap] 与语料" in result.output and "[reuse]" not in result.output


# -- listed like the bundled themes ----------------------------------------------------------------------------

def test_modules_lists_the_theme(unit):
    result = cli("modules", "--templates", unit["folder"], "--theme", THEME, "--json")
    rows = json.loads(result.output)
    assert {r["id"] for r in rows} == {m["id"] for m in modules_data(unit)}
    assert all(r["themes"] == [THEME] and r["levels"] == ["县"] for r in rows)
    assert "不认识的主题" in cli("modules", "--theme", THEME).output  # without the folder it is not there


def test_new_offers_the_theme_and_names_the_folder_in_the_config(unit):
    catalog = load_catalog(unit["folder"])
    assert THEME in catalog.themes and "安全生产" in catalog.themes
    answers = Answers(meeting="全县安全生产工作会议", day="2027-04-20", level="县", place="云溪", title="县委书记",
                      theme=THEME, sections={})
    text = config_text(answers, catalog)
    assert f"theme: {THEME}" in text and f"templates_dir: {unit['folder'].resolve()}" in text
    assert re.search(f"# 主题：.*、{THEME}", text)


def test_the_web_page_lists_and_drafts_with_the_theme(unit):
    from drafter.web.pages import create_app

    web = create_app(8799, templates=unit["folder"])
    origin = {"Origin": "http://127.0.0.1:8799"}
    with TestClient(web, base_url="http://127.0.0.1:8799") as client:
        assert f'<option value="{THEME}"' in client.get("/").text
        form = {"meeting": "全县安全生产工作会议", "day": "2027-04-20", "title": "县委书记", "place": "云溪",
                "level": "县", "theme": THEME, "size_kind": "length", "size": "5000", "seed": "3",
                "guessed_for": "全县安全生产工作会议"}
        html = client.post("/draft/form", data=form, headers=origin).text
        assert "awareness_1" in html
    web.state.close()


# -- bad input -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["a/b", "..", "../外面", ".隐藏"])
def test_a_name_that_is_not_a_file_name_is_refused(tmp_path, name):
    result = cli("mine", HAND_WRITTEN, "--emit-theme", name, tmp_path / "t")
    assert result.exit_code == 2 and result.output == (
        f"--emit-theme {name}: 主题名称不能含 / \\ 或 ..，不能以 . 开头，不超过 30 字\n")
    assert not (tmp_path / "t").exists()


def test_a_bundled_theme_name_is_refused(tmp_path):
    result = cli("mine", HAND_WRITTEN, "--emit-theme", "安全生产", tmp_path / "t")
    assert result.exit_code == 2 and result.output.startswith("--emit-theme 安全生产: 与内置主题同名")


def test_an_existing_theme_is_replaced_only_with_force(tmp_path):
    folder = tmp_path / "t"
    assert cli("mine", HAND_WRITTEN, "--emit-theme", "防汛", folder).exit_code == 0
    theme_file = folder / "themes" / "防汛.yaml"
    theme_file.write_text(theme_file.read_text(encoding="utf-8") + "# 改过\n", encoding="utf-8")
    stale = folder / "modules" / "防汛" / "priorities_9.yaml"
    stale.write_bytes((folder / "modules" / "防汛" / "priorities_1.yaml").read_bytes().replace(
        b"id: priorities_1", b"id: priorities_9"))
    result = cli("mine", HAND_WRITTEN, "--emit-theme", "防汛", folder)
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert result.output.startswith(f"{folder}: 已有主题“防汛”（themes/防汛.yaml、") and "--force" in result.output
    assert theme_file.read_text(encoding="utf-8").endswith("# 改过\n")
    assert cli("mine", HAND_WRITTEN, "--emit-theme", "防汛", folder, "--force").exit_code == 0
    assert not theme_file.read_text(encoding="utf-8").endswith("# 改过\n") and not stale.exists()


def test_an_empty_archive_is_refused(tmp_path):
    empty = tmp_path / "空"
    empty.mkdir()
    result = cli("mine", empty, "--emit-theme", "防汛", tmp_path / "t")
    assert result.exit_code == 2 and result.output == f"{empty}: 文件夹里没有讲话稿文件（.docx、.md、.txt）\n"
    (empty / "便条.txt").write_text("明天上午开会。\n", encoding="utf-8")
    result = cli("mine", empty, "--emit-theme", "防汛", tmp_path / "t")
    assert result.exit_code == 2 and result.output.startswith(f"{empty}: 没有读出带部分标题的讲话稿")
    assert result.output.count("\n") == 1 and not (tmp_path / "t").exists()


def test_the_place_is_read_from_the_archive_and_names_of_people_are_left_out(tmp_path):
    speech = HAND_WRITTEN.read_text(encoding="utf-8").replace(
        "必须按最坏的情况做准备，", "必须按最坏的情况做准备。立言书记多次强调要守住底线。、").replace(
        "不能把责任层层往下推。", "不能把责任层层往下推。县委孙书记对此有明确要求。")
    (tmp_path / "a.txt").write_text(speech, encoding="utf-8")
    result = cli("mine", tmp_path / "a.txt", "--emit-theme", "防汛", tmp_path / "t")
    assert "适用于县级；地名“青峰”换成了占位" in result.output
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "t").rglob("*.yaml"))
    written = written.replace("2025-青峰县防汛工作会议.txt", "").replace("a.txt", "")
    written = written.replace("speaker: 县委书记", "")  # the office an opening was spoken in, not a person
    assert "青峰" not in written and "{{ area.name }}" in written
    assert "书记" not in written and "。、" not in written and "宁可十防九空，不可失防万一。" in written


def test_a_config_of_another_level_is_told_what_the_theme_is_for(unit, tmp_path):
    config = tmp_path / "市.yaml"
    config.write_text(NEW_CONFIG.replace("level: 县", "level: 市").replace("全县", "全市")
                      .replace("县委书记", "市委书记").replace("本单位模板", str(unit["folder"])), encoding="utf-8")
    result = cli("render", config, "-o", tmp_path / "x.txt")
    assert result.exit_code == 2 and result.output == (
        f"{config}:5: locality.level: 主题“{THEME}”取自县级讲话稿档案，模块只适用于县级讲话，这里是“市”；"
        "如要用于市级，请在它的模块文件里把 levels 改为 [县, 市]\n")


def test_a_theme_written_before_roles_were_recorded_still_loads_for_every_speaker():
    from drafter.catalog import Frame

    frame = Frame.model_validate({"opening": [["今天召开{{ meeting.name }}。"]], "closing": [
        {"roles": ["executive"], "speaker": "县长", "paragraphs": ["同志们，任务已经明确。"]}]})
    assert frame.opening[0].paragraphs == ["今天召开{{ meeting.name }}。"] and frame.opening[0].roles is None
    assert frame.closing[0].roles == ["executive"] and frame.closing[0].speaker == "县长"


def test_the_season_of_the_archives_day_is_not_carried_to_a_new_date(tmp_path):
    """A December speech's 眼下已是岁末… is that day's: the theme's opening leaves it out, and the new date's
    era.year_framing says the season of its own (a March draft none)."""
    speech = HAND_WRITTEN.read_text(encoding="utf-8").replace(
        "　　今天召开全县防汛抗旱工作会议", "　　眼下已是岁末，既要为今年的工作收好尾，也要为明年的工作开好局。今天召开全县防汛抗旱工作会议")
    assert "眼下已是岁末" in speech
    (tmp_path / "a.txt").write_text(speech, encoding="utf-8")
    folder = tmp_path / "t"
    assert cli("mine", tmp_path / "a.txt", "--emit-theme", "防汛", folder).exit_code == 0
    theme = yaml.safe_load((folder / "themes" / "防汛.yaml").read_text(encoding="utf-8"))
    openings = " ".join(" ".join(v["paragraphs"]) for v in theme["frame"]["opening"])
    assert "今天召开{{ meeting.name }}" in openings and "岁末" not in openings
