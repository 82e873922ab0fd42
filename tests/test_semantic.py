"""check's semantic rules: one defect of each kind planted into a clean human-written speech (tests/data) is
found at its paragraph with exit 1 and its exact message, in .txt and .docx; the clean speech stays clean;
--level/--date/--speaker state the facts; --ignore switches a rule off; --explain says what a rule looks for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from drafter.check import RULE_IDS

CLEAN = (Path(__file__).parent / "data" / "clean_speech.txt").read_text(encoding="utf-8").splitlines()

# (rule, paragraph, {paragraph: (old, new)}, message)
PLANTS = [
    ("level", 9, {9: ("各乡镇要在会后", "各县区要在会后")},
     "点名了本级没有的下级单位：“各县区”是市一级的称呼，本篇是县级讲话（讲话人是“县长”）"),
    ("level", 7, {7: ("全县上下", "全市上下")}, "本级称谓矛盾：讲话人是“县长”，这里却是“全市上下”"),
    ("agenda", 5, {5: ("三位乡镇和企业负责同志作了交流发言，讲得很实在", "大家观看了项目建设专题片，大家讲得很好")},
     "称赞了发言（“讲得很好”），但前面只说“刚才，县发改局通报了重点项目进展情况，大家观看了项目建设专题…”，没有人发言"),
    ("consistency", 12, {12: ("县级领导包保", "各乡镇的冬季施工计划要在会后十五天内报送。县级领导包保")},
     "同一项工作两个时限：第 9 段是“会后十日内”，这里是“会后十五天内”（都说“冬季施工计划”）"),
    ("consistency", 13, {13: ("这个目标", "这些目标")}, "前面只列了一个目标，这里却说“这些目标”"),
    ("timing", 10, {10: ("力争明年一季度", "力争上半年")},
     "11月的讲话还在部署“上半年”的工作：今年上半年已经过去，指明年的要写明“明年上半年”"),
    ("timing", 12, {3: ("11月18日", "12月9日"), 12: ("每周汇总一次进度。", "每周汇总一次进度，确保年底前全部完成。")},
     "12月的讲话要求“年底前”完成：今年只剩几周，指明年的要写明“明年年底前”"),
    ("era", 12, {12: ("县级领导包保", "要认真落实民营经济促进法。县级领导包保")},
     "“民营经济促进法”在讲话日期（2024年11月18日）还没有：始于2025年4月30日"
     "（十四届全国人大常委会第十五次会议（2025-04-30）通过，2025-05-20施行）"),
    ("era", 14, {14: ("确保全年目标圆满完成", "以优异成绩庆祝建党100周年")}, "“建党100周年”是2021年，讲话日期是2024年"),
    ("era", 7, {7: ("今年以来，", "今年是“十四五”收官之年，")}, "“十四五”收官之年是2025年，讲话日期是2024年"),
    ("role", 14, {14: ("在县委的坚强领导下", "在市委的坚强领导下")},
     "县长的讲话只说“在市委的坚强领导下”：县长应说“在县委的坚强领导下”"),
    ("role", 12, {12: ("县政府督查室要及时督办", "纪检监察机关要严肃问责")},
     "县长直接部署“纪检监察机关要”：纪检监察工作由党委书记部署，县长的讲话不宜直接提要求"),
]


def _planted(changes: dict[int, tuple[str, str]]) -> list[str]:
    lines = list(CLEAN)
    for number, (old, new) in changes.items():
        assert old in lines[number - 1], (number, old)
        lines[number - 1] = lines[number - 1].replace(old, new)
    return lines


def _write(path: Path, lines: list[str]) -> Path:
    if path.suffix == ".docx":
        document = Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(str(path))
    else:
        path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _findings(run, path: Path, *options) -> tuple[int, list[tuple[str, int, str]]]:
    result = run("check", path, "--json", *options)
    report = json.loads(result.stdout)
    return result.exit_code, [(f["rule"], f["paragraph"], f["message"]) for f in report["findings"]]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_the_clean_speech_is_clean(run, tmp_path, suffix):
    path = _write(tmp_path / f"clean{suffix}", CLEAN)
    assert _findings(run, path) == (0, [])
    result = run("check", path)
    assert result.stdout.strip() == f"{path}: 518 字，约 2.6 分钟；未发现问题"


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
@pytest.mark.parametrize("rule,paragraph,changes,message", PLANTS,
                         ids=[f"{p[0]}-{p[1]}" for p in PLANTS])
def test_a_planted_defect_is_found_at_its_paragraph(run, tmp_path, suffix, rule, paragraph, changes, message):
    path = _write(tmp_path / f"planted{suffix}", _planted(changes))
    code, found = _findings(run, path, "--ignore", "overlap")
    assert code == 1
    assert found == [(rule, paragraph, message)]
    text = run("check", path, "--ignore", "overlap").stdout
    assert f"{path}:{paragraph}: [{rule}] {message}：“" in text
    assert _findings(run, path, "--ignore", "overlap", "--ignore", rule) == (0, [])


def test_the_facts_can_be_given_on_the_command_line(run, tmp_path):
    path = _write(tmp_path / "clean.txt", CLEAN)
    assert _findings(run, path, "--level", "市")[1] == [("level", 7, "本级称谓矛盾：--level 为市，这里却是“全县上下”")]
    # a December deadline is a defect only once the speech is known to be a December one
    late = _write(tmp_path / "late.txt", _planted({12: ("每周汇总一次进度。", "每周汇总一次进度，确保年底前全部完成。")}))
    assert _findings(run, late) == (0, [])
    assert _findings(run, late, "--date", "2024-12-09")[1] == [
        ("timing", 12, "12月的讲话要求“年底前”完成：今年只剩几周，指明年的要写明“明年年底前”")]
    # a party secretary may close under the committee above; a 县长 may not
    above = _write(tmp_path / "above.txt", _planted({14: ("在县委的坚强领导下", "在市委的坚强领导下")}))
    assert _findings(run, above)[0] == 1
    assert _findings(run, above, "--speaker", "县委书记") == (0, [])
    result = run("check", path, "--date", "2024-02-30")
    assert result.exit_code == 2
    assert result.stderr.strip() == "--date 2024-02-30: 没有这一天：“2024-02-30”（月份应为 1–12，日不超过当月天数）"


def test_without_a_date_the_date_rules_stay_silent(run, tmp_path):
    lines = _planted({3: ("（2024年11月18日）", ""), 10: ("力争明年一季度", "力争上半年"),
                      12: ("县级领导包保", "要认真落实民营经济促进法。县级领导包保")})
    assert _findings(run, _write(tmp_path / "undated.txt", [line for line in lines if line])) == (0, [])


def test_explain_says_what_each_rule_looks_for(run):
    for rule in RULE_IDS:
        result = run("check", "--explain", rule)
        assert result.exit_code == 0
        assert result.stdout.startswith(f"{rule}：") and len(result.stdout) > 20
    assert "各乡镇" in run("check", "--explain", "level").stdout
    assert "会后十五天内" in run("check", "--explain", "consistency").stdout
    result = run("check", "--explain", "spelling")
    assert result.exit_code == 2 and result.stderr.startswith("--explain spelling: 没有这条规则，可选：placeholder/")
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.strip() == "请给出要检查的讲话稿文件（.docx、.md 或 .txt），或用 --explain RULE 查看规则说明"
