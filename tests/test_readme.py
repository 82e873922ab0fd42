"""The README shows what the commands really print: the outline sample and the error example."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import EXAMPLES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

ERROR_CONFIG = """meeting:
  name: 全县优化营商环境工作会议
  date: 2026-03-16
speaker:
  title: 县委书记
locality:
  name: 临川
  level: 局
theme: 营商环境
sections:
  priorities: [政务环境, 政务环镜]
"""


def block_after(heading: str) -> str:
    section = README[README.index(heading):]
    return re.search(r"```\n(.*?)```", section, re.S)[1]


def test_readme_leads_in_chinese_with_the_two_commands():
    assert README.startswith("# drafter 讲话稿起草器\n\ndrafter 为党政机关起草领导讲话稿")
    headings = re.findall(r"^## (.+)$", README, re.M)
    assert headings[:4] == ["两条命令", "网页版：`drafter serve`", "Windows", "离线安装"] and headings[-1] == "English"
    assert 'pip install ".[web]" && drafter render examples/county-business.yaml -o 讲话稿.docx && drafter serve' in README
    assert 'pip install ".[test]" && python -m pytest -q' in README
    assert ".venv\\Scripts\\activate.bat" in README and ".venv\\Scripts\\Activate.ps1" in README
    assert "pip install --no-index --find-links wheels drafter" in README
    assert len(re.findall(r"^\| `drafter new", README, re.M)) == 1


def test_readme_outline_is_what_the_command_prints(run):
    assert block_after("## 提纲示例") == run("outline", EXAMPLES / "county-business.yaml").output


def test_readme_error_example_is_one_real_run(run, tmp_path, monkeypatch):
    (tmp_path / "会议.yaml").write_text(ERROR_CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("render", "会议.yaml")
    assert result.exit_code == 2
    assert block_after("## 出错时") == result.stderr
