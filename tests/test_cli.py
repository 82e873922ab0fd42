"""The commands as a clerk types them: render (formats, variants, defaults), outline, modules."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import EXAMPLES, MINIMAL


def test_render_default_output_is_the_meeting_name_beside_the_config(run, write_config, tmp_path):
    config = write_config()
    result = run("render", config)
    assert result.exit_code == 0, result.output
    out = tmp_path / "全县优化营商环境工作会议.docx"
    assert result.stdout.strip() == f"已生成：{out}"
    assert out.read_bytes().startswith(b"PK")


def test_render_markdown_and_text_from_the_same_model(run, write_config, tmp_path):
    config = write_config()
    assert run("render", config, "-o", tmp_path / "d.md").exit_code == 0
    assert run("render", config, "--format", "txt", "-o", tmp_path / "d.txt").exit_code == 0
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    txt = (tmp_path / "d.txt").read_text(encoding="utf-8")
    assert md.startswith("# 在全县优化营商环境工作会议上的讲话\n")
    assert "\n## 一、" in md and "**（一）" in md
    assert txt.startswith("在全县优化营商环境工作会议上的讲话\n县委书记\n（2026年3月16日）\n\n同志们：\n")
    assert "\n　　一、" in txt and "\n　　（一）" in txt
    plain_md = md.replace("**", "").replace("## ", "").replace("# ", "")
    for line in txt.splitlines()[5:]:
        assert line.strip("　") in plain_md


def test_format_and_suffix_must_agree(run, write_config, tmp_path):
    result = run("render", write_config(), "-o", tmp_path / "d.md", "--format", "docx")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'd.md'}: 文件后缀 .md 与 --format docx 不一致"


def test_variants_write_several_different_drafts(run, write_config, tmp_path):
    result = run("render", write_config(), "-o", tmp_path / "d.txt", "--variants", "3", "--seed", "10")
    assert result.exit_code == 0, result.output
    texts = [(tmp_path / f"d-{s}.txt").read_text(encoding="utf-8") for s in (10, 11, 12)]
    assert len(set(texts)) == 3


def test_seed_flag_overrides_config(run, write_config, tmp_path):
    config = write_config(MINIMAL + "seed: 3\n")
    run("render", config, "-o", tmp_path / "a.txt")
    run("render", config, "-o", tmp_path / "b.txt", "--seed", "3")
    run("render", config, "-o", tmp_path / "c.txt", "--seed", "4")
    a, b, c = ((tmp_path / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt", "c.txt"))
    assert a == b != c


def test_outline_shows_structure_sizes_and_count(run):
    result = run("outline", EXAMPLES / "county-business.yaml")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "在全县优化营商环境工作会议上的讲话"
    assert lines[2] == "宣布：3 点意见；实有 3 个部分"
    assert any(line.startswith("一、") and "[提高认识]" in line and "字" in line for line in lines)
    assert any("← 法治环境（rule_of_law）" in line for line in lines)  # a 县委书记's lead module
    assert lines[-1].startswith("合计  ") and "目标 5000 字" in lines[-1]


def test_outline_json_matches_the_draft(run, tmp_path):
    data = json.loads(run("outline", EXAMPLES / "county-business.yaml", "--json").stdout)
    assert data["announced_count"] == len(data["sections"]) == 3
    assert [s["category"] for s in data["sections"]] == ["awareness", "priorities", "implementation"]
    out = tmp_path / "d.txt"
    run("render", EXAMPLES / "county-business.yaml", "-o", out)
    text = out.read_text(encoding="utf-8")
    for section in data["sections"]:
        assert section["heading"] in text
        for point in section["points"]:
            assert point["heading"] in text


def test_modules_list_and_json(run):
    result = run("modules", "--section", "priorities")
    assert result.exit_code == 0
    assert "【聚焦重点】priorities" in result.stdout
    assert "政务环境" in result.stdout and "government_services" in result.stdout
    rows = json.loads(run("modules", "--json").stdout)
    ids = {row["id"] for row in rows}
    assert {"superior_requirements", "government_services", "organisational_leadership"} <= ids
    for row in rows:
        assert {"id", "title", "section", "themes", "levels", "description"} <= set(row)
        assert row["description"]


def test_modules_show_renders_sample_values(run):
    result = run("modules", "show", "政务环境", "--level", "市")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("政务环境（government_services）· 聚焦重点")
    assert "示例：市级" in out and "正文变体 1：" in out and "正文变体 2：" in out
    assert "全市" in out and "{{" not in out


def test_modules_show_unknown_id(run):
    result = run("modules", "show", "政务环镜")
    assert result.exit_code == 2
    assert result.stderr.strip() == "没有模块“政务环镜”；是否想写“政务环境”？（drafter modules 列出全部模块）"


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "drafter", "modules", "--json"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)
