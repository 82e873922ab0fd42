"""Bad input: each case gets a plain message naming file, line and key, exit code 2, and no file written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL


def _fails(run, config: Path, *lines: str, out: Path | None = None) -> str:
    out = out or config.with_name("out.docx")
    result = run("render", config, "-o", out)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for line in lines:
        assert line in result.stderr.splitlines(), result.stderr
    assert not out.exists()
    assert list(config.parent.glob("*.tmp")) == []
    return result.stderr


def test_malformed_yaml_names_the_line(run, write_config):
    config = write_config(MINIMAL.replace("  level: 县", "  level: 县\n  unit: [县商务局"))
    err = _fails(run, config)
    assert err.startswith(f"{config}:10: YAML 格式错误：")


def test_empty_file(run, write_config):
    config = write_config("")
    _fails(run, config, f"{config}: 配置文件是空的；至少需要 meeting、speaker、locality、theme 四项（见 examples/）")


def test_list_at_top_level(run, write_config):
    config = write_config("- meeting\n- speaker\n")
    _fails(run, config, f"{config}:1: 顶层应为键值映射（meeting: …、speaker: …），收到列表")


def test_list_where_a_mapping_belongs(run, write_config):
    config = write_config(MINIMAL.replace("speaker:\n  title: 县委书记", "speaker:\n  - 县委书记"))
    _fails(run, config, f"{config}:4: speaker: 应为键值映射（key: value），收到列表")


def test_missing_required_key(run, write_config):
    config = write_config(MINIMAL.replace("theme: 营商环境\n", ""))
    _fails(run, config, f"{config}:1: theme: 缺少必填项（主题）")


def test_unknown_key_suggests_the_right_one(run, write_config):
    config = write_config(MINIMAL + "lenght: 5000\n")
    _fails(run, config, f"{config}:10: lenght: 不认识的配置项“lenght”；是否想写“length”？")


def test_unknown_nested_key(run, write_config):
    config = write_config(MINIMAL.replace("  title: 县委书记", "  title: 县委书记\n  nmae: 张三"))
    _fails(run, config, f"{config}:6: speaker.nmae: 不认识的配置项“nmae”；是否想写“name”？")


def test_unknown_theme_with_did_you_mean(run, write_config):
    config = write_config(MINIMAL.replace("theme: 营商环境", "theme: 营商环竟"))
    result = run("render", config)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"{config}:9: theme: 不认识的主题“营商环竟”，应为 ")
    assert line.endswith("；是否想写“营商环境”？")


def test_unknown_level(run, write_config):
    config = write_config(MINIMAL.replace("level: 县", "level: 省"))
    _fails(run, config, f"{config}:8: locality.level: 应为 市/县/区/镇/部门 之一，收到 “省”")


def test_level_alias_is_suggested(run, write_config):
    config = write_config(MINIMAL.replace("level: 县", "level: 局"))
    _fails(run, config, f"{config}:8: locality.level: 应为 市/县/区/镇/部门 之一，收到 “局”；是否想写“部门”？")


def test_unknown_module_with_did_you_mean(run, write_config):
    config = write_config(MINIMAL + "sections:\n  priorities: [政务环境, 政务环镜]\n")
    _fails(run, config, f"{config}:11: sections.priorities[1]: 不认识的模块“政务环镜”；是否想写“政务环境”？"
                        "（用 drafter modules --section priorities 查看可选模块）")


def test_module_in_the_wrong_section(run, write_config):
    config = write_config(MINIMAL + "sections:\n  awareness: [政务环境]\n")
    _fails(run, config, f"{config}:11: sections.awareness[0]: “政务环境”是聚焦重点模块，应写在 sections.priorities 下")


def test_target_value_not_a_number(run, write_config):
    config = write_config(MINIMAL + "targets:\n  - {name: 新签约项目, value: 三十, unit: 个}\n")
    _fails(run, config, f"{config}:11: targets[0].value: 应为数字（如 30 或 8.5；单位写在 unit 里），收到 “三十”")


def test_department_without_unit(run, write_config):
    config = write_config(MINIMAL.replace("level: 县", "level: 部门"))
    _fails(run, config, f"{config}:6: locality.unit: level 为“部门”时必须写明 unit（本单位名称，如“县商务局”）")


def test_date_that_is_not_a_date(run, write_config):
    config = write_config(MINIMAL.replace("date: 2026-03-16", "date: 下周一"))
    _fails(run, config, f"{config}:3: meeting.date: 应为日期（如 2026-03-16 或 2026年3月16日），收到 “下周一”")


def test_impossible_date(run, write_config):
    config = write_config(MINIMAL.replace("date: 2026-03-16", "date: 2026年2月30日"))
    _fails(run, config, f"{config}:3: meeting.date: 没有这一天：“2026年2月30日”（月份应为 1–12，日不超过当月天数）")


def test_ten_megabyte_file(run, tmp_path):
    config = tmp_path / "big.yaml"
    config.write_bytes(MINIMAL.encode() + b"# " + b"x" * 10_000_000 + b"\n")
    _fails(run, config, f"{config}: 文件过大（10.0 MB），配置文件上限为 256 KB")


def test_alias_bomb(run, write_config):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    config = write_config(bomb)
    _fails(run, config, f"{config}: YAML 别名（&/*）展开后过大，拒绝读取；配置里不需要使用别名")


def test_binary_file(run, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _fails(run, config, f"{config}: 不是文本文件（含二进制内容），请提供 UTF-8 编码的 YAML 配置")


def test_undecodable_bytes(run, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_bytes(MINIMAL.encode() + b"# \xff\xfe\xfa\n")
    _fails(run, config, f"{config}: 文件编码无法识别（既不是 UTF-8 也不是 GBK），请在记事本中“另存为”UTF-8")


def test_output_into_a_missing_folder(run, write_config, tmp_path):
    config = write_config()
    out = tmp_path / "nowhere" / "draft.docx"
    _fails(run, config, f"{out}: 输出文件夹“{tmp_path / 'nowhere'}”不存在，请先创建或换一个位置", out=out)


def test_existing_output_needs_force(run, write_config, tmp_path):
    config = write_config()
    out = tmp_path / "draft.docx"
    out.write_bytes(b"the clerk's edited draft")
    result = run("render", config, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{out}: 文件已存在；如需覆盖请加 --force"
    assert out.read_bytes() == b"the clerk's edited draft"
    assert run("render", config, "-o", out, "--force").exit_code == 0
    assert out.read_bytes().startswith(b"PK")


def test_missing_config_file(run, tmp_path):
    result = run("render", tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'missing.yaml'}: 找不到这个文件"


def test_several_errors_are_reported_together_in_line_order(run, write_config):
    config = write_config(MINIMAL.replace("date: 2026-03-16", "date: 昨天").replace("level: 县", "level: 省"))
    err = _fails(run, config)
    assert err.splitlines() == [
        f"{config}:3: meeting.date: 应为日期（如 2026-03-16 或 2026年3月16日），收到 “昨天”",
        f"{config}:8: locality.level: 应为 市/县/区/镇/部门 之一，收到 “省”",
    ]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-16"])
def test_notepad_encodings_are_read(run, write_config, tmp_path, encoding):
    config = write_config(encoding=encoding)
    out = tmp_path / "draft.txt"
    result = run("render", config, "-o", out)
    assert result.exit_code == 0, result.output
    assert "在全县优化营商环境工作会议上的讲话" in out.read_text(encoding="utf-8")


def test_missing_template_folders(run, write_config, tmp_path):
    config = write_config(MINIMAL + "templates_dir: 本单位模板\n")
    _fails(run, config, f"{config}:10: templates_dir: “本单位模板”：模板文件夹不存在（相对于配置文件所在的文件夹）")
    result = run("render", write_config(), "--templates", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"--templates {tmp_path / 'nowhere'}: 模板文件夹不存在"
