"""`drafter new` driven through a real pseudo-terminal (80×24): the clerk's keystrokes, the files it writes,
and that `drafter render` of the written config gives the very draft `new` wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pexpect
import pytest
import yaml
from click.testing import CliRunner

from drafter.catalog import load_catalog
from drafter.cli import main
from drafter.compose.plan import choose_modules
from drafter.interactive import Answers, available, config_text, default_request, load_text, read_last

# pexpect's spawn needs a POSIX pseudo-terminal; the tests without one run everywhere.
needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty")
DOWN, UP, SPACE, ENTER, CTRL_C, CTRL_U = "\x1b[B", "\x1b[A", " ", "\r", "\x03", "\x15"
MEETING = "全县优化营商环境工作会议"
DRAFT = f"{MEETING}.docx"


class Clerk:
    """One `drafter new` session: wait for a prompt's text, then type."""

    def __init__(self, tmp_path: Path, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
        self.home = tmp_path / "home"
        self.home.mkdir(exist_ok=True)
        environ = {**os.environ, "HOME": str(self.home), "XDG_CONFIG_HOME": str(self.home / "cfg"),
                   "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", **(env or {})}
        self.child = pexpect.spawn(sys.executable, ["-m", "drafter", "new", *args], cwd=str(cwd or tmp_path),
                                   env=environ, dimensions=(24, 80), encoding="utf-8", timeout=30)
        self.child.delaybeforesend = None
        self.transcript: list[str] = []

    def expect(self, text: str) -> None:
        try:
            self.child.expect_exact(text)
        except (pexpect.TIMEOUT, pexpect.EOF):
            raise AssertionError(f"never saw {text!r}; screen so far:\n{self.child.before}") from None
        self.transcript.append(self.child.before + text)

    def answer(self, prompt: str, keys: str = "") -> None:
        self.expect(prompt)
        self.child.send(keys + ENTER)

    def basics(self, *, day: str = "2026-03-16", name: str = "张明远") -> None:
        """Meeting, date, level, place, speaker and theme for a 县 营商环境 meeting (level and theme are guessed
        from the meeting name and only confirmed)."""
        self.answer("会议名称（", MEETING)
        self.answer("会议日期（", CTRL_U + day)
        self.expect("讲话的层级")
        self.answer("部门（本局、本系统的会议）")
        self.answer("地名（", "临川")
        self.answer("讲话人职务（", "")
        self.answer("讲话人姓名（", name)
        self.answer("讲话主题")

    def sections(self, *keys_per_section: str) -> None:
        for section, keys in zip(("提高认识", "聚焦重点", "狠抓落实"), keys_per_section, strict=True):
            self.expect(f"{section}：勾选要讲的模块")
            self.answer("回车 确认）", keys)

    def menu(self, title: str, *, choose: str = "") -> None:
        """A list menu: wait for its last choice (so it is fully drawn), then move and press Enter."""
        self.expect(title)
        self.child.send(choose + ENTER)

    def facts(self, length: str = "") -> None:
        self.expect("目标任务（每项都会写进讲话稿）")
        self.menu("完成，下一步")
        self.expect("会前议程（")
        self.menu("完成，下一步")
        self.expect("篇幅按什么定")
        self.menu("按讲话时长")
        self.answer("目标字数（", length)

    def preview(self, choose: str = "") -> str:
        """Wait for the outline preview and the menu under it; returns the preview text."""
        self.expect("提纲预览")
        self.expect("放弃，不写任何文件")
        screen = self.child.before
        self.child.send(choose + ENTER)
        return screen

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.transcript.append(self.child.before)
        self.child.close()
        return self.child.exitstatus

    @property
    def output(self) -> str:
        return "".join(self.transcript)


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def rendered_again(config: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """`drafter render CONFIG -o …` of the config `new` wrote (in-process: the catalog is already loaded)."""
    out = tmp_path / "rendered-again.docx"
    result = CliRunner().invoke(main, ["render", str(config), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return paragraphs(out)


def answers_so_far(**changes) -> Answers:
    """What Clerk.basics answers, as the Answers the module builds from them."""
    return Answers(**{"meeting": MEETING, "day": "2026-03-16", "level": "县", "place": "临川", "title": "县委书记",
                      "speaker": "张明远", "theme": "营商环境", **changes})


def order_and_defaults(section: str, answers: Answers) -> tuple[list[str], list[str]]:
    """The checkbox's modules in order, and the ids pre-ticked for a first run (the theme's default set)."""
    catalog = load_catalog()
    request = default_request(answers, catalog)
    chosen, _ = choose_modules(request, answers.seed)
    return [m.id for m in available(request, catalog, section)], [m.id for m in chosen[section]]


def module_titles(ids: list[str], theme: str = "营商环境") -> list[str]:
    catalog = load_catalog()
    return [catalog.modules[m].title_for(theme) for m in ids]


@needs_pty
def test_accepting_every_default_writes_a_config_that_renders_the_identical_draft(tmp_path):
    clerk = Clerk(tmp_path)
    clerk.basics()
    clerk.sections("", "", "")
    clerk.facts()
    clerk.preview()
    assert clerk.finish() == 0
    config, draft = tmp_path / f"{MEETING}.yaml", tmp_path / DRAFT
    assert f"已生成：{MEETING}.yaml" in clerk.output and f"已生成：{DRAFT}" in clerk.output
    assert f"改了配置后重新生成：drafter render {MEETING}.yaml -o {DRAFT} --force" in clerk.output

    text = config.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["meeting"] == {"name": MEETING, "date": date(2026, 3, 16)}
    assert data["speaker"] == {"title": "县委书记", "name": "张明远"}
    assert data["locality"] == {"name": "临川", "level": "县"}
    assert data["theme"] == "营商环境" and data["length"] == 5000 and data["seed"] == 1
    # the theme's recommended set the plan would draw for this seed, written out so re-rendering is exact
    answers = answers_so_far()
    for section in ("awareness", "priorities", "implementation"):
        _, defaults = order_and_defaults(section, answers)
        assert data["sections"][section] == module_titles(defaults)
    # every key is explained in Chinese
    assert "  name: 全县优化营商环境工作会议" in text and "# 会议名称（必填）" in text
    assert "# 层级：市 | 县 | 区 | 镇 | 部门" in text and "# 措辞变体" in text

    written = paragraphs(draft)
    assert written[0][1] == f"在{MEETING}上的讲话"
    assert written == rendered_again(config, tmp_path)
    last = json.loads((clerk.home / "cfg" / "drafter" / "last.json").read_text(encoding="utf-8"))
    assert last["meeting"] == MEETING and last["seed"] == 1


def toggled(order: list[str], ticked: list[str], indices: list[int]) -> list[str]:
    """The selection after pressing Space on the modules at `indices`."""
    flipped = {order[i] for i in indices}
    return [m for m in order if (m in ticked) != (m in flipped)]


@needs_pty
def test_ticking_and_unticking_modules(tmp_path):
    answers = answers_so_far()
    order, defaults = order_and_defaults("awareness", answers)
    assert order[0] in defaults, "the speaker's lead module is pre-ticked first"
    extra = next(i for i, m in enumerate(order) if m not in defaults)
    impl_order, impl_defaults = order_and_defaults("implementation", answers)
    clerk = Clerk(tmp_path)
    clerk.basics()
    # untick the first 提高认识 module and tick the first one not pre-ticked; flip the 2nd and 3rd 狠抓落实 ones
    clerk.sections(SPACE + DOWN * extra + SPACE, "", DOWN + SPACE + DOWN + SPACE)
    awareness = toggled(order, defaults, [0, extra])
    clerk.facts()
    clerk.preview()
    assert clerk.finish() == 0
    assert f"? 提高认识：{'、'.join(module_titles(awareness))}" in clerk.output
    config = tmp_path / f"{MEETING}.yaml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert data["sections"]["awareness"] == module_titles(awareness)
    assert data["sections"]["priorities"] == module_titles(order_and_defaults("priorities", answers)[1])
    assert data["sections"]["implementation"] == module_titles(toggled(impl_order, impl_defaults, [1, 2]))
    assert paragraphs(tmp_path / DRAFT) == rendered_again(config, tmp_path)


@needs_pty
def test_entering_two_targets_and_an_agenda_item(tmp_path):
    clerk = Clerk(tmp_path)
    clerk.basics()
    clerk.sections("", "", "")
    clerk.expect("目标任务（每项都会写进讲话稿）：暂无")
    clerk.menu("完成，下一步", choose=UP)
    clerk.answer("目标名称（", "新签约亿元以上项目")
    clerk.answer("目标数值（", "30")
    clerk.answer("单位（", "个")
    clerk.expect("1. 新签约亿元以上项目 30个")
    clerk.menu("完成，下一步")  # the pointer stays on 添加一项 after an addition
    clerk.answer("目标名称（", "固定资产投资增长")
    clerk.answer("目标数值（", "8.5")
    clerk.answer("单位（", "%")
    clerk.expect("2. 固定资产投资增长 8.5%")
    clerk.menu("完成，下一步", choose=DOWN * 2)
    clerk.expect("会前议程（")
    clerk.menu("完成，下一步", choose=UP)
    clerk.answer("议程（", "县发展改革局通报了全县营商环境评价情况")
    clerk.menu("完成，下一步", choose=DOWN * 2)
    clerk.menu("按讲话时长", choose=DOWN)
    clerk.answer("讲多少分钟（", CTRL_U + "20分钟")
    clerk.preview()
    assert clerk.finish() == 0
    config = tmp_path / f"{MEETING}.yaml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert data["targets"] == [{"name": "新签约亿元以上项目", "value": 30, "unit": "个"},
                               {"name": "固定资产投资增长", "value": 8.5, "unit": "%"}]
    assert data["meeting"]["agenda"] == ["县发展改革局通报了全县营商环境评价情况"]
    assert data["minutes"] == 20 and "length" not in data
    text = "".join(t for _, t in paragraphs(tmp_path / DRAFT))
    assert "新签约亿元以上项目30个" in text and "固定资产投资增长8.5%" in text
    assert "县发展改革局通报了全县营商环境评价情况" in text
    assert paragraphs(tmp_path / DRAFT) == rendered_again(config, tmp_path)


@needs_pty
def test_an_analysis_meeting_asks_the_periods_figures(tmp_path):
    """An 经济运行分析会 opens with the period's figures: `new` asks them after the targets (as it asks
    targets), writes them as `figures:`, and the draft opens with them; other meetings are not asked."""
    meeting = "全县上半年经济运行分析会"
    clerk = Clerk(tmp_path)
    clerk.answer("会议名称（", meeting)
    clerk.answer("会议日期（", CTRL_U + "2026-07-22")
    clerk.expect("讲话的层级")
    clerk.answer("部门（本局、本系统的会议）")
    clerk.answer("地名（", "临川")
    clerk.answer("讲话人职务（", CTRL_U + "县长")
    clerk.answer("讲话人姓名（", "李振华")
    clerk.answer("讲话主题")
    clerk.sections("", "", "")
    clerk.expect("目标任务（每项都会写进讲话稿）：暂无")
    clerk.menu("完成，下一步")
    clerk.expect("运行数据（分析会开场先讲这些数字，再据此分析）：暂无")
    clerk.menu("完成，下一步", choose=UP)
    clerk.answer("指标名称（", "地区生产总值")
    clerk.answer("数值（", "128.6")
    clerk.answer("单位（", "亿元")
    clerk.answer("同比增减（", "5.8%")
    clerk.answer("位次（居全市第几位", "4")
    clerk.expect("1. 地区生产总值 128.6亿元，同比增长5.8%，居全市第4位")
    clerk.menu("完成，下一步")
    clerk.answer("指标名称（", "固定资产投资")
    clerk.answer("数值（", "63.5")
    clerk.answer("单位（", "亿元")
    clerk.answer("同比增减（", "负二")
    clerk.expect("✗ 应为同比增减的百分数（如 5.8 或 -2.1，不写 %），收到 “负二”")
    clerk.answer("同比增减（", CTRL_U + "-2.3")
    clerk.answer("位次（", "")
    clerk.expect("2. 固定资产投资 63.5亿元，同比下降2.3%")
    clerk.menu("完成，下一步", choose=DOWN * 2)
    clerk.expect("会前议程（")
    clerk.menu("完成，下一步")
    clerk.expect("篇幅按什么定")
    clerk.menu("按讲话时长")
    clerk.answer("目标字数（")
    clerk.preview()
    assert clerk.finish() == 0
    config = tmp_path / f"{meeting}.yaml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert data["theme"] == "经济工作" and data["figures"] == [
        {"name": "地区生产总值", "value": 128.6, "unit": "亿元", "growth": 5.8, "rank": 4},
        {"name": "固定资产投资", "value": 63.5, "unit": "亿元", "growth": -2.3}]
    text = "".join(t for _, t in paragraphs(tmp_path / f"{meeting}.docx"))
    assert "上半年，地区生产总值128.6亿元，同比增长5.8%，增速居全市第4位；固定资产投资63.5亿元，同比下降2.3%。" in text
    assert paragraphs(tmp_path / f"{meeting}.docx") == rendered_again(config, tmp_path)


def test_figures_are_written_only_for_an_analysis_meeting():
    catalog = load_catalog()
    plain = config_text(answers_so_far(sections={}), catalog)
    assert "figures" not in plain
    analysis = answers_so_far(meeting="全县上半年经济运行分析会", theme="经济工作", sections={})
    assert "# figures: [{name: 地区生产总值, value: 128.6, unit: 亿元, growth: 5.8, rank: 3}]" in config_text(analysis, catalog)
    analysis.figures = [{"name": "规上工业增加值", "value": 41.2, "unit": "亿元", "growth": 7.1}]
    analysis.sections = {"priorities": ["economy_operation"]}
    loaded = load_text(config_text(analysis, catalog), Path("c.yaml"), catalog)
    assert [(f.name, f.value, f.growth, f.rank) for f in loaded.config.figures] == [("规上工业增加值", 41.2, 7.1, None)]


@needs_pty
def test_going_back_from_the_preview_to_change_the_selection(tmp_path):
    answers = answers_so_far()
    order, defaults = order_and_defaults("priorities", answers)
    impl_order, impl_defaults = order_and_defaults("implementation", answers)
    clerk = Clerk(tmp_path)
    clerk.basics()
    clerk.sections("", "", "")
    clerk.facts()
    first = clerk.preview(choose=DOWN)  # 返回修改模块选择
    assert "宣布三点意见" in first and "三、" in first
    assert first.count("    （") == sum(len(order_and_defaults(s, answers)[1])
                                       for s in ("awareness", "priorities", "implementation"))
    # the current choice comes back ticked: drop the first 聚焦重点 module, and leave 狠抓落实 out entirely
    # (`a` ticks all, or unticks all when all are ticked)
    clear = "a" if impl_defaults == impl_order else "aa"
    clerk.sections("", SPACE, clear)
    clerk.menu("不讲“狠抓落实”这一部分", choose=DOWN)  # an empty section is dropped only when confirmed
    second = clerk.preview()
    assert "宣布两点意见" in second and "三、" not in second
    assert clerk.finish() == 0
    assert "? 狠抓落实：（不讲这一部分）" in clerk.output
    config = tmp_path / f"{MEETING}.yaml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert data["sections"]["priorities"] == module_titles(toggled(order, defaults, [0]))
    assert data["sections"]["implementation"] == []
    assert "\n  implementation: []" in config.read_text(encoding="utf-8")
    assert paragraphs(tmp_path / DRAFT) == rendered_again(config, tmp_path)


@needs_pty
def test_ctrl_c_midway_leaves_no_files(tmp_path):
    clerk = Clerk(tmp_path)
    clerk.basics()
    clerk.sections("", "", "")
    clerk.facts()
    clerk.preview(choose=DOWN)
    clerk.expect("提高认识：勾选要讲的模块")
    clerk.child.send(CTRL_C)
    assert clerk.finish() == 130
    assert "已取消。" in clerk.output
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == []


@needs_pty
def test_refused_values_show_the_reason_at_their_prompt(tmp_path):
    clerk = Clerk(tmp_path)
    clerk.answer("会议名称（", "   ")
    clerk.expect("  ✗ 不能为空\r\n")  # on the line under the prompt, which is asked again
    clerk.answer("会议名称（", CTRL_U + MEETING)
    clerk.answer("会议日期（", CTRL_U + "2026-02-30")
    clerk.expect("  ✗ 没有这一天：“2026-02-30”（月份应为 1–12，日不超过当月天数）")
    clerk.answer("会议日期（", CTRL_U + "2026年3月16日")
    clerk.expect("讲话的层级")
    clerk.answer("部门（本局、本系统的会议）", DOWN * 3)  # from the guessed 县 to 部门
    clerk.answer("地名（", "临川")
    clerk.answer("本单位名称（", "")
    clerk.expect("  ✗ 不能为空：部门讲话要写本单位全称，如 县商务局")
    clerk.answer("本单位名称（", "商务局")
    clerk.expect("  ✗ 看不出“商务局”属于哪一级政府，请写全称，如 县商务局")
    clerk.answer("本单位名称（", CTRL_U + "县商务局")
    clerk.answer("讲话人职务（", "")
    clerk.answer("讲话人姓名（", "")
    clerk.answer("讲话主题")
    clerk.sections("", "", "")
    clerk.expect("目标任务（每项都会写进讲话稿）")
    clerk.menu("完成，下一步", choose=UP)
    clerk.answer("目标名称（", "新签约项目")
    clerk.answer("目标数值（", "三十")
    clerk.expect("  ✗ 应为数字（如 30 或 8.5；单位在下一问填），收到 “三十”")
    clerk.answer("目标数值（", CTRL_U + "30")
    clerk.answer("单位（", "个")
    clerk.menu("完成，下一步", choose=DOWN * 2)
    clerk.expect("会前议程（")
    clerk.menu("完成，下一步")
    clerk.menu("按讲话时长")
    clerk.answer("目标字数（", CTRL_U + "500")
    clerk.expect("  ✗ 应不小于 1000，收到 500")
    clerk.answer("目标字数（", CTRL_U + "4000字")
    clerk.preview()
    assert clerk.finish() == 0
    data = yaml.safe_load((tmp_path / f"{MEETING}.yaml").read_text(encoding="utf-8"))
    assert data["meeting"]["date"] == date(2026, 3, 16)
    assert data["locality"] == {"name": "临川", "level": "部门", "unit": "县商务局"}
    assert data["speaker"] == {"title": "局长"}
    assert data["targets"] == [{"name": "新签约项目", "value": 30, "unit": "个"}] and data["length"] == 4000


@needs_pty
def test_the_next_run_starts_from_the_last_answers(tmp_path):
    first = Clerk(tmp_path)
    first.basics()
    first.sections(SPACE, "", "")  # a choice of its own, remembered for the same theme and level
    first.facts(length=CTRL_U + "6000")
    first.preview()
    assert first.finish() == 0
    before = yaml.safe_load((tmp_path / f"{MEETING}.yaml").read_text(encoding="utf-8"))

    (tmp_path / "next").mkdir()
    again = Clerk(tmp_path, cwd=tmp_path / "next")
    again.answer("会议名称（")  # the defaults are last time's answers: Enter all the way through
    again.answer("会议日期（", CTRL_U + "2026-04-16")
    again.answer("部门（本局、本系统的会议）")
    for prompt in ("地名（", "讲话人职务（", "讲话人姓名（"):
        again.answer(prompt)
    again.answer("讲话主题")
    again.expect("模块已按上次的选择勾选")
    again.sections("", "", "")
    again.facts()
    again.preview()
    assert again.finish() == 0
    after = yaml.safe_load((tmp_path / "next" / f"{MEETING}.yaml").read_text(encoding="utf-8"))
    assert after["meeting"]["date"] == date(2026, 4, 16)
    assert after["seed"] == before["seed"]  # the seed comes back with the other answers
    assert {k: v for k, v in after.items() if k not in ("meeting", "seed")} == \
           {k: v for k, v in before.items() if k not in ("meeting", "seed")}


@needs_pty
def test_an_existing_config_is_not_overwritten_without_asking(tmp_path):
    (tmp_path / "c.yaml").write_text("keep", encoding="utf-8")
    clerk = Clerk(tmp_path, "-o", "c.yaml", env={"XDG_CONFIG_HOME": str(tmp_path / "c.yaml" / "x")})
    clerk.basics()
    clerk.sections("", "", "")
    clerk.facts()
    clerk.preview()
    clerk.expect("c.yaml 已存在，覆盖吗？")
    clerk.menu("否")
    assert "(y/N)" not in clerk.output
    clerk.answer("另存为（", CTRL_U + "d.yaml")
    assert clerk.finish() == 0  # and an unwritable config folder for last.json is no failure
    assert (tmp_path / "c.yaml").read_text(encoding="utf-8") == "keep"
    assert yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))["theme"] == "营商环境"
    assert (tmp_path / DRAFT).is_file()


@needs_pty
def test_giving_up_at_the_preview_writes_nothing(tmp_path):
    clerk = Clerk(tmp_path)
    clerk.basics()
    clerk.sections("", "", "")
    clerk.facts()
    clerk.preview(choose=UP)
    assert clerk.finish() == 0
    assert "已放弃，没有写入任何文件。" in clerk.output
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_without_a_terminal_it_names_the_render_route():
    result = subprocess.run([sys.executable, "-m", "drafter", "new"], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == ("drafter new 需要在终端里回答问题，当前没有终端（输入来自管道或脚本）；"
                             "请写好 YAML 配置文件，再运行 drafter render CONFIG 生成讲话稿\n")
    assert result.stdout == ""


# ── the pieces underneath, without a terminal ──────────────────────────────────────────────────────

@pytest.mark.parametrize("odd", ["{{ 7*7 }}", "临川 #1", "- 会议", "yes", "30", "'引号'"])
def test_config_text_keeps_any_typed_value_as_data(odd):
    catalog = load_catalog()
    answers = answers_so_far(speaker=odd, targets=[{"name": odd, "value": 8.5, "unit": "%"}], agenda=[odd],
                             sections={"priorities": ["government_services"]})
    loaded = load_text(config_text(answers, catalog), Path("x.yaml"), catalog)
    assert loaded.config.speaker.name == odd.strip()
    assert loaded.config.targets[0].name == odd and loaded.config.targets[0].unit == "%"
    assert loaded.config.meeting.agenda == [odd]


def test_a_damaged_last_json_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "drafter").mkdir()
    (tmp_path / "drafter" / "last.json").write_text(
        '{"meeting": 5, "level": "县", "targets": [{"name": "x", "value": "三十"}, {"name": "y", "value": 3}],'
        ' "length": 10, "seed": "a", "sections": {"awareness": ["a", 3]}}', encoding="utf-8")
    answers = read_last()
    assert answers.meeting == "" and answers.level == "县" and answers.seed == 1 and answers.length is None
    assert answers.targets == [{"name": "y", "value": 3, "unit": ""}] and answers.sections == {"awareness": ["a"]}
    (tmp_path / "drafter" / "last.json").write_bytes(b"\xff\xfe not json")
    assert read_last() == Answers()


@needs_pty
def test_unticking_a_whole_section_asks_and_going_back_keeps_it(tmp_path):
    answers = answers_so_far()
    order, defaults = order_and_defaults("priorities", answers)
    clerk = Clerk(tmp_path)
    clerk.basics()
    clerk.expect("提高认识：勾选要讲的模块")
    clerk.answer("回车 确认）")
    clerk.expect("聚焦重点：勾选要讲的模块")
    clerk.answer("回车 确认）", "a" if defaults == order else "aa")  # nothing ticked
    clerk.expect("聚焦重点一个模块也没勾：这一部分不讲了吗？")
    clerk.menu("不讲“聚焦重点”这一部分")  # the pointer starts on 返回重新勾选
    clerk.expect("聚焦重点：勾选要讲的模块")
    clerk.answer("回车 确认）", SPACE)  # tick the first one
    clerk.expect("狠抓落实：勾选要讲的模块")
    clerk.answer("回车 确认）")
    clerk.facts()
    clerk.preview()
    assert clerk.finish() == 0
    data = yaml.safe_load((tmp_path / f"{MEETING}.yaml").read_text(encoding="utf-8"))
    assert data["sections"]["priorities"] == module_titles(order[:1])


@needs_pty
def test_the_suggested_save_as_name_is_accepted_and_a_new_folder_is_created(tmp_path):
    (tmp_path / f"{MEETING}.yaml").write_text("keep", encoding="utf-8")
    (tmp_path / DRAFT).write_text("keep too", encoding="utf-8")
    clerk = Clerk(tmp_path)
    clerk.basics()
    clerk.sections("", "", "")
    clerk.facts()
    clerk.preview()
    clerk.expect("已存在，覆盖吗？")
    clerk.menu("否")  # the pointer starts on 否
    clerk.expect("另存为（配置文件路径，讲话稿放在它旁边）：")
    clerk.answer(f"{MEETING}-2.yaml")  # Enter takes the suggestion
    assert clerk.finish() == 0
    assert (tmp_path / f"{MEETING}.yaml").read_text(encoding="utf-8") == "keep"
    assert (tmp_path / DRAFT).read_text(encoding="utf-8") == "keep too"
    config, draft = tmp_path / f"{MEETING}-2.yaml", tmp_path / f"{MEETING}-2.docx"
    assert f"改了配置后重新生成：drafter render {MEETING}-2.yaml -o {MEETING}-2.docx --force" in clerk.output
    assert paragraphs(draft) == rendered_again(config, tmp_path)

    folder = tmp_path / "会议" / "三月"
    clerk = Clerk(tmp_path, "-o", "会议/三月/c.yaml", env={"XDG_CONFIG_HOME": str(tmp_path / "fresh")})
    clerk.basics()
    clerk.sections("", "", "")
    clerk.facts()
    clerk.preview()
    clerk.expect("文件夹“会议/三月”还没有，现在创建吗？")
    clerk.menu("否")  # the pointer starts on 是
    assert clerk.finish() == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(["c.yaml", DRAFT])


def test_a_town_config_explains_its_keys_with_town_examples():
    catalog = load_catalog()
    answers = answers_so_far(meeting="全镇优化营商环境工作会议", level="镇", place="青石", title="镇党委书记",
                             sections={"priorities": ["government_services"]})
    text = config_text(answers, catalog)
    assert "  name: 青石" in text and "# 地名：青石 → 青石镇、全镇、我镇" in text
    assert "# agenda: [镇党政办通报了各村（社区）工作情况]" in text
    assert "# departments: {lead: 镇经济发展办公室, supervisor: 镇纪委}" in text
    assert "县发展改革局" not in text and "县委督查室" not in text and "临川" not in text
    county = config_text(answers_so_far(sections={"priorities": ["government_services"]}), catalog)
    assert "# 地名：临川 → 临川县、全县、我县" in county and "lead: 县发展改革局" in county
