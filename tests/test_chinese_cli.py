"""What a clerk reads from the command line is Chinese: click's own help and errors, option values by their
Chinese names, help wrapped between characters, phrases with readable slots, the module list in order."""

from __future__ import annotations

import re

from drafter.cli_zh import display_width, wrap_text
from drafter.config.yamlmessages import yaml_problem
from tests.conftest import EXAMPLES, MINIMAL


def test_render_help_is_chinese(run):
    out = run("render", "-h").output
    assert out.startswith("用法：drafter render [选项] CONFIG\n\n  由配置文件 CONFIG（.yaml）生成讲话稿。\n\n选项：\n")
    assert "  --variants 整数         一次生成 N 篇不同种子的稿子 [默认：1；1 到 20]\n" in out
    assert "  -h, --help              显示本帮助并退出。\n" in out
    assert not re.search(r"Usage|Options|Show this|default|INTEGER|TEXT|PATH", out)


def test_group_help_lists_commands_in_chinese(run):
    out = run("-h").output
    assert out.startswith("用法：drafter [选项] 命令 [参数]...\n")
    assert "命令：\n" in out and "  render   由配置文件 CONFIG（.yaml）生成讲话稿\n" in out
    assert "  --version   显示版本号并退出。\n" in out


def test_usage_errors_are_one_chinese_line(run, write_config):
    cases = {
        ("render",): "缺少参数 CONFIG（drafter render -h 查看用法）",
        ("render", "x.yaml", "--variants", "30"): "--variants：应在 1 到 20 之间，收到 30（drafter render -h 查看用法）",
        ("render", "x.yaml", "--seed", "七"): "--seed：应为整数，收到“七”（drafter render -h 查看用法）",
        ("render", "x.yaml", "--bogus"): "没有选项 --bogus（drafter render -h 查看用法）",
        ("render", "x.yaml", "y.yaml"): "多出了参数：y.yaml（drafter render -h 查看用法）",
        ("nosuch",): "没有命令 nosuch（drafter -h 查看用法）",
        ("render", "x.yaml", "--format", "pdf"): "--format：应为 docx/md/txt 之一，收到“pdf”（drafter render -h 查看用法）",
        ("modules", "--section", "重点"):
            "--section：应为 提高认识/聚焦重点/狠抓落实 之一，收到“重点”（drafter modules -h 查看用法）",
        ("check", "d.txt", "--pace", "50"): "--pace：应在 100 到 400 之间，收到 50（drafter check -h 查看用法）",
    }
    for args, line in cases.items():
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stderr == line + "\n", args
        assert result.stdout == ""


def test_version_is_chinese(run):
    assert run("--version").output == "drafter 版本 0.1.0\n"


def test_section_options_take_chinese_names(run):
    by_name = run("modules", "--section", "聚焦重点", "--json").output
    assert by_name == run("modules", "--section", "priorities", "--json").output
    assert '"section": "priorities"' in by_name and '"section": "awareness"' not in by_name


def test_help_wraps_by_display_width_never_inside_a_latin_word():
    text = "关闭某条规则（可多次）：placeholder / numbering / count / punctuation / doubled-punctuation，重复时都要写"
    lines = wrap_text(text, 30).splitlines()
    assert lines == ["关闭某条规则（可多次）：", "placeholder / numbering /", "count / punctuation /",
                     "doubled-punctuation，重复时都", "要写"]
    assert all(display_width(line) <= 30 for line in lines)
    # closing punctuation never starts a line, opening punctuation never ends one
    lines = wrap_text("一二三四五六七八九（十）。", 10).splitlines()
    assert lines == ["一二三四五", "六七八九", "（十）。"]
    assert wrap_text("默认：会议名称.yaml，放在当前文件夹", 16).splitlines() == ["默认：会议名", "称.yaml，放在当", "前文件夹"]


def test_config_errors_all_in_one_run_with_chinese_yaml_messages(run, write_config, tmp_path):
    bad = MINIMAL.replace("level: 县", "level: 局") + "sections:\n  priorities: [政务环境, 政务环镜]\n"
    config = write_config(bad)
    result = run("render", config)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert re.fullmatch(rf"{re.escape(str(config))}:\d+: locality.level: 应为 市/县/区/镇/部门 之一，收到 “局”；是否想写“部门”？", lines[0])
    assert lines[1].endswith("sections.priorities[1]: 不认识的模块“政务环镜”；是否想写“政务环境”？"
                             "（用 drafter modules --section priorities 查看可选模块）")
    result = run("render", write_config("meeting: {name: [a: b: c]}\n"))
    assert result.stderr == f"{tmp_path / 'c.yaml'}:1: YAML 格式错误：方括号 [ ] 没有成对，或列表项之间缺逗号\n"


def test_yaml_problems_read_in_chinese():
    assert yaml_problem("mapping values are not allowed here") == \
        "这里不能出现“键: 值”（上一行是否缺了冒号？值里有冒号时，请给整个值加引号）"  # libyaml's and PyYAML's alike
    assert yaml_problem("did not find expected ',' or ']'") == "方括号 [ ] 没有成对，或列表项之间缺逗号"
    assert yaml_problem("expected ',' or ']', but got '<stream end>'") == \
        "方括号 [ ] 里的列表应以逗号分隔、以“]”结束，这里却遇到文件末尾"
    assert yaml_problem("found character '\\t' that cannot start any token").startswith("制表符（Tab）不能出现在这里")
    assert yaml_problem("expected <block end>, but found '<block sequence start>'") == \
        "缩进不一致：这里出现了新的列表项（- ）（同一级的项要对齐）"
    assert yaml_problem("something new") == "格式错误"


def test_phrases_takes_several_words_and_shows_readable_slots(run):
    result = run("phrases", "落实", "责任")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1] == f"共 {len(lines) - 1} 条" and len(lines) > 2
    assert "[要求·通用] 〔各乡镇、各部门主要负责同志〕要带头研究问题、带头破解难题、带头推动落实，以上率下压实责任。" in lines
    assert all("落实" in line and "责任" in line for line in lines[:-1])
    assert "{{" not in run("phrases").output
    assert "〔主题〕" in run("phrases", "抓").output  # a shared phrase's theme slot
    assert "〔主题〕" not in run("phrases", "抓", "--theme", "作风建设").output


def test_modules_listed_in_section_order_and_aligned(run):
    out = run("modules").output
    heads = [line for line in out.splitlines() if line.startswith("【")]
    assert heads == ["【提高认识】awareness", "【聚焦重点】priorities", "【狠抓落实】implementation"]
    rows = [line for line in out.splitlines() if line.startswith("  ")]
    id_columns = {display_width(line[: line.index(re.search(r"[a-z_]{3,}", line).group(0))]) for line in rows}
    assert len(id_columns) == 1


def test_modules_show_names_styles_and_refuses_a_level_the_module_does_not_serve(run):
    out = run("modules", "show", "government_services").output
    assert "  〔在…上下功夫〕在审批提速增效上下功夫\n" in out and "[effort]" not in out
    result = run("modules", "show", "coordination", "--level", "镇")
    assert result.exit_code == 2
    assert result.stderr == "模块“统筹协调”（coordination）不用于镇级讲话，只用于 市/县/区/部门；请换一个 --level\n"
    assert "示例：部门级" in run("modules", "show", "coordination", "--level", "部门").output


def test_outline_example_still_renders(run):
    assert run("outline", EXAMPLES / "county-business.yaml").exit_code == 0
