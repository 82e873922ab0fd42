"""The themes added for the speeches a county office writes every year (安全生产, 乡村振兴): content, dates, roles."""

from __future__ import annotations

import pytest

from drafter.catalog import PointsBlock, load_catalog
from drafter.compose.eligible import block_sources

CATALOG = load_catalog()
ADDED = ("安全生产", "乡村振兴", "党风廉政建设", "生态环境保护", "经济工作")


def _config(theme: str, title: str, level: str = "县", date: str = "2026-04-08", unit: str = "") -> str:
    unit_line = f"\n  unit: {unit}" if unit else ""
    return (f"meeting:\n  name: 全县{theme}工作会议\n  date: {date}\nspeaker:\n  title: {title}\n"
            f"locality:\n  name: 临川\n  level: {level}{unit_line}\ntheme: {theme}\n")


@pytest.mark.parametrize("theme", ADDED)
def test_each_added_theme_has_its_modules_with_four_variants_and_extras(theme):
    modules = {s: CATALOG.modules_for(s, theme) for s in ("awareness", "priorities", "implementation")}
    assert len(modules["awareness"]) >= 4 and len(modules["priorities"]) >= 8 and len(modules["implementation"]) >= 8
    for module in (m for ms in modules.values() for m in ms):
        own = [v for v in module.bodies if theme in (v.themes or ())]
        assert len(own) >= 4 and len(module.extras_for(theme)) >= 4, module.id
        for variant in own:
            for block in variant.blocks:
                if isinstance(block, PointsBlock):  # bold leads are verb phrases that read after 一是/一要/第一
                    assert all(not p.lead.startswith(("关乎", "有")) for p in block.points), module.id
        assert all(block_sources(v.blocks) for v in own)


def test_a_rural_meeting_before_the_strategy_existed_is_refused_with_the_reason(run, write_config):
    result = run("render", write_config(_config("乡村振兴", "县委书记", date="2016-12-20")), "--format", "txt")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "c.yaml:3: meeting.date: 主题“乡村振兴”从2017年10月18日起才有（党的十九大报告提出实施乡村振兴战略），"
        "会议日期2016年12月20日早于此；请核对会议日期或主题")


def _draft(run, write_config, tmp_path, text: str) -> str:
    out = tmp_path / "d.txt"
    result = run("render", write_config(text), "-o", out, "--force")
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_only_a_party_secretary_directs_the_discipline_inspection_organs(run, write_config, tmp_path):
    config = _config("安全生产", "县长") + "sections:\n  implementation: [追责问责, 组织领导]\n"
    for seed in range(1, 9):
        text = _draft(run, write_config, tmp_path, config + f"seed: {seed}\n")
        assert "纪检监察机关要" not in text and "党委会议要定期研究" not in text


def test_a_town_safety_draft_speaks_of_its_villages_and_reports_upward(run, write_config, tmp_path):
    text = _draft(run, write_config, tmp_path, _config("安全生产", "镇长", level="镇").replace("全县", "全镇"))
    assert "全镇" in text and "各村（社区）" in text
    assert "各乡镇" not in text and "乡镇（街道）" not in text


def test_a_2019_rural_draft_does_not_speak_of_the_post_poverty_transition(run, write_config, tmp_path):
    config = _config("乡村振兴", "县委书记", date="2019-03-01") + "sections:\n  priorities: [防贫帮扶, 乡村产业发展]\n"
    for seed in range(1, 6):
        text = _draft(run, write_config, tmp_path, config + f"seed: {seed}\n")
        assert "巩固拓展脱贫攻坚成果" not in text and "规模性返贫" not in text and "十五五" not in text


def test_a_2016_ecology_draft_uses_only_what_existed_then(run, write_config, tmp_path):
    later = ("河湖长制", "湖长制", "山水林田湖草", "生态保护红线", "污染防治攻坚战", "中央生态环境保护督察", "新污染物")
    for seed in range(1, 6):
        text = _draft(run, write_config, tmp_path, _config("生态环境保护", "县委书记", date="2016-06-01") + f"seed: {seed}\n")
        assert not [t for t in later if t in text], seed


def test_a_town_has_no_environmental_enforcement_power_and_reports_to_the_county(run, write_config, tmp_path):
    config = _config("生态环境保护", "镇党委书记", level="镇").replace("全县", "全镇")
    texts = [_draft(run, write_config, tmp_path, config + f"sections:\n  priorities: [环境监管执法, 大气污染防治]\nseed: {seed}\n")
             for seed in range(1, 9)]
    assert not [t for t in texts if "依法从严从重处罚" in t]
    assert any("镇里没有环境执法权" in t and "报告县级生态环境部门" in t for t in texts)


@pytest.mark.parametrize("theme", ["营商环境", "招商引资", "项目建设", "工业经济"])
def test_a_december_draft_does_not_speak_of_this_years_targets_as_set_at_its_start(run, write_config, tmp_path, theme):
    config = _config(theme, "县长", date="2026-12-01") + "targets:\n  - {name: 新签约亿元以上项目, value: 30, unit: 个}\n"
    for seed in range(1, 4):
        text = _draft(run, write_config, tmp_path, config + f"seed: {seed}\n")
        assert "新签约亿元以上项目30个" in text
        assert "年初定下" not in text and "年初确定的" not in text and "年初围绕" not in text


@pytest.mark.parametrize("theme, standing", [("安全生产", "安全生产形势总体平稳"), ("党风廉政建设", "党风政风持续向好")])
def test_an_analysis_meeting_of_a_theme_without_figures_says_where_its_own_work_stands(theme, standing):
    """An 分析会 of a theme that is no economic figure opens from where its own work stands (theme `standing`),
    not from 主要指标有升有降 or an economy's 总量/结构, and reports 安全生产情况, not 安全生产运行情况."""
    from tests.test_meeting import config, draft, opening

    for seed in (1, 2, 3):
        speech = draft(config(f"全县上半年{theme}形势分析会", theme, title="县长", day="2026-07-10"), seed)
        text = opening(speech) + speech.sections[0].heading
        assert standing in text and "主要指标有升有降" not in text and "只看总量不看结构" not in text
        assert f"{theme}运行" not in text and "运行形势" not in text


def test_a_finance_bureau_does_not_lead_the_discipline_cadres():
    """The 纪检监察 cadres' own work style (忠诚卫士, 证据扎实, 队伍建设) is said by a party secretary or the 纪委监委,
    never by a 财政局 at its system's 党风廉政建设 meeting."""
    from tests.test_meeting import config, draft

    for seed in range(8):
        text = draft(config("全县财政系统党风廉政建设工作会议", "党风廉政建设", title="局长", level="部门",
                            unit="县财政局"), seed).body_text()
        assert "纪检监察干部" not in text and "证据扎实" not in text, seed


def test_a_district_speaks_of_its_streets_not_of_villages_and_hamlets():
    """A 区's basic units are 街道（镇） (area.township), not a county's 乡镇（街道）, and its warnings do not go out
    to 村组 in 偏远山区."""
    from tests.test_meeting import config, draft

    for seed in range(8):
        text = draft(config("全区安全生产工作会议", "安全生产", title="区委书记", level="区", place="青溪",
                            day="2026-12-01"), seed).body_text()
        assert "乡镇（街道）" not in text and "偏远山区" not in text, seed
