"""The 经济工作 theme (issue 14 part 1): the annual 经济工作会议 plans the work year by its month, the quarterly and
half-year 经济运行分析会 opens with the period's figures (config `figures:`) and reasons from them, a 镇 orders no
county power, a 发改局 and a 统计局 speak of their own systems, and the drafts differ by seed, speaker and level."""

from __future__ import annotations

import datetime

import pytest

from bench.speakers import config_words, level_words, overlap
from tests.test_fit_modules_b import LATE_PLAN, QUOTED, TOWN_LACKS, _fitting, _modules, _offered_texts
from tests.test_meeting import CATALOG, config, draft, opening

THEME = "经济工作"
FIGURES = [{"name": "地区生产总值", "value": 128.6, "unit": "亿元", "growth": 5.8, "rank": 4},
           {"name": "规上工业增加值", "value": 41.2, "unit": "亿元", "growth": 7.1},
           {"name": "固定资产投资", "value": 63.5, "unit": "亿元", "growth": -2.3}]
TARGETS = [{"name": "地区生产总值增长", "value": 6, "unit": "%"}, {"name": "固定资产投资增长", "value": 8, "unit": "%"}]
ANALYSIS = "全县上半年经济运行分析会"


def _analysis(seed: int | None = None, **more):
    return draft(config(ANALYSIS, THEME, title="县长", day="2026-07-22", **more), seed)


def test_the_meeting_names_are_read_as_this_theme():
    annual = CATALOG.meetings.read("全县经济工作会议", THEME)
    assert (annual.kind, [s.theme for s in annual.subjects]) == ("工作会议", [THEME])
    half = CATALOG.meetings.read(ANALYSIS, THEME)
    assert (half.kind, half.period) == ("分析", "上半年")
    industry = CATALOG.meetings.read("全县上半年工业经济运行分析会", "工业经济")
    assert [s.theme for s in industry.subjects] == ["工业经济"]  # 工业经济 is still its own theme


@pytest.mark.parametrize("seed", range(1, 9))  # every wording a 县 analysis draws (a 县 body once ignored them)
def test_an_analysis_meeting_opens_with_the_figures_and_reasons_from_them(seed):
    speech = _analysis(seed, figures=FIGURES, targets=TARGETS)
    text = opening(speech)
    assert "通报上半年经济运行情况" in text or "把上半年的账算清楚" in text
    assert ("上半年，地区生产总值128.6亿元，同比增长5.8%，增速居全市第4位；规上工业增加值41.2亿元，同比增长7.1%；"
            "固定资产投资63.5亿元，同比下降2.3%。") in text
    situation = "".join(p.text for p in speech.sections[0].points[0].paragraphs)
    assert speech.sections[0].points[0].module_id == "development_situation"
    assert "规上工业增加值增长7.1%，跑在各项指标的前面" in situation  # the fastest figure
    assert "地区生产总值增长5.8%，离6%的目标还有差距" in situation       # behind its target
    assert "固定资产投资同比下降2.3%，与增长8%的目标差距最大" in situation  # fell, against a growth target


def test_without_figures_the_analysis_opens_from_the_targets_and_without_either_still_reads_right():
    with_targets = opening(_analysis(1, targets=TARGETS))
    assert "对照今年确定的地区生产总值增长、固定资产投资增长等目标，上半年的主要指标有的跑在进度前面" in with_targets
    bare = _analysis(1)
    text = opening(bare) + bare.body_text()
    assert "从上半年的运行情况看，主要指标有升有降" in text
    assert "先看几个数字" not in text and "开头那几个数字" not in text and "%，" not in text


def test_a_lone_figure_that_is_a_rate_is_reasoned_as_one():
    speech = _analysis(2, figures=[{"name": "规上工业增加值增长", "value": 6.2, "unit": "%"}])
    assert "先看一个数字：上半年，规上工业增加值增长6.2%。" in opening(speech)


@pytest.mark.parametrize("figure,message", [
    ("{name: 地区生产总值, value: 128.6, unit: 亿元, growth: 五}",
     "figures[0].growth: 应为同比增减的百分数（如 5.8 或 -2.1，不写 %），收到 “五”"),
    ("{name: 地区生产总值, value: 128.6, growth: 5000}",
     "figures[0].growth: 增速应在 -100 到 1000 之间（百分数，如 5.8），收到 5000"),
    ("{name: 地区生产总值, value: 128.6, rank: 第四}", "figures[0].rank: 应为位次（正整数，如 3 表示第3位），收到 “第四”"),
    ("{name: 地区生产总值, value: 一百亿}", "figures[0].value: 应为数字（如 30 或 8.5；单位写在 unit 里），收到 “一百亿”"),
    ("{name: 地区生产总值, value: 128.6, grow: 5}", "figures[0].grow: 不认识的配置项“grow”；是否想写“growth”？"),
])
def test_a_bad_figure_is_refused_in_one_chinese_line(run, write_config, figure, message):
    path = write_config(f"meeting:\n  name: {ANALYSIS}\n  date: 2026-07-22\nspeaker:\n  title: 县长\n"
                        f"locality:\n  name: 临川\n  level: 县\ntheme: {THEME}\nfigures:\n  - {figure}\n")
    result = run("render", path, "--format", "txt")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{path}:11: {message}"
    assert not path.with_suffix(".txt").exists()


def test_growth_may_be_typed_with_a_percent_sign():
    speech = _analysis(1, figures=[{"name": "社会消费品零售总额", "value": 52.9, "unit": "亿元", "growth": "4.6%"}])
    assert "社会消费品零售总额52.9亿元，同比增长4.6%" in opening(speech)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_december_work_conference_plans_next_year(seed):
    cfg = config("全县经济工作会议", THEME, day="2026-12-18", targets=TARGETS)
    speech = draft(cfg, seed)
    text = speech.body_text()
    assert "明年，全县经济社会发展的主要预期目标是：地区生产总值增长6%、固定资产投资增长8%" in text.replace("我县", "全县")
    assert "明年" in opening(speech) or "明年" in speech.sections[1].heading
    assert not LATE_PLAN.search(QUOTED.sub("", text)), LATE_PLAN.search(QUOTED.sub("", text))
    spring = draft(config("全县经济工作会议", THEME, day="2026-02-18", targets=TARGETS), seed).body_text()
    assert "今年，我县经济社会发展的主要预期目标是" in spring and "明年，我县" not in spring


def test_a_december_speech_offers_nothing_of_the_ending_years_start_or_middle():
    bad = [(m, p) for level, title, unit in [("县", "县委书记", None), ("镇", "镇长", None), ("部门", "局长", "县发改局")]
           for m, p, text in _offered_texts(THEME, level, title, unit, datetime.date(2026, 12, 1))
           if LATE_PLAN.search(QUOTED.sub("", text))]
    assert not bad, bad


@pytest.mark.parametrize("title", ["镇党委书记", "镇长"])
def test_a_town_sets_no_county_policy_and_reports_upward(title):
    bad = [(m, p, w) for day in (datetime.date(2019, 9, 1), datetime.date(2026, 3, 16))
           for m, p, text in _offered_texts(THEME, "镇", title, None, day)
           for w in (*TOWN_LACKS, "专项资金", "产业基金", "年度综合考核", "统计督察", "对各部门承担") if w in text]
    assert not bad, bad
    texts = [draft(config("全镇经济工作会议", THEME, title=title, level="镇", place="石门"), s).body_text()
             for s in range(1, 5)]
    assert all("全镇" in t and "各乡镇" not in t for t in texts)
    assert any("报县里" in t or "向县里" in t or "县直部门" in t for t in texts)


def test_a_development_and_reform_bureau_leads_its_own_system():
    cfg = config("全县发展改革系统工作会议", THEME, title="局长", level="部门", unit="县发展和改革局",
                 sections={"priorities": ["扩大有效投资", "就业民生保障"]})
    texts = [draft(cfg, s).body_text() for s in range(1, 7)]
    assert all("全系统" in t and "各乡镇要" not in t for t in texts)
    assert any("发展改革部门的主责主业" in t for t in texts)
    assert any("地方储备粮" in t or "价格监测" in t for t in texts)
    assert "统计数据质量" not in [m.title for m in CATALOG.modules_for("priorities", THEME)
                                  if _fitting(THEME, "部门", "局长", "县发改局", datetime.date(2026, 3, 5)).module_allows(m)]


def test_a_statistics_bureau_speaks_of_data_quality_and_lawful_statistics():
    fitting = _fitting(THEME, "部门", "局长", "县统计局", datetime.date(2026, 3, 5))
    offered = [m.id for m in _modules(THEME) if fitting.module_allows(m)]
    assert "economy_statistics" in offered
    assert not {"economy_investment", "economy_consumption", "economy_risks", "economy_reform"} & set(offered)
    texts = [draft(config("全县统计工作会议", THEME, title="局长", level="部门", unit="县统计局",
                          sections={"priorities": ["统计数据质量", "经济运行调度"]}), s).body_text() for s in range(1, 5)]
    assert all("统计数据" in t and "各乡镇要" not in t for t in texts)
    assert any("统计造假" in t or "弄虚作假" in t for t in texts)
    early = [t for _, _, t in _offered_texts(THEME, "部门", "局长", "县统计局", datetime.date(2017, 5, 1))]
    assert not [t for t in early if "统计督察" in t]  # the inspection rules came in 2018


@pytest.mark.parametrize("day", ["2016-06-15", "2020-04-20"])
def test_an_early_draft_uses_only_what_existed_then(day):
    later = ("新质生产力", "两重", "超长期特别国债", "扩大内需战略", "投资于人", "质的有效提升", "十五五", "统计督察")
    for seed in range(1, 5):
        text = draft(config("全县经济工作会议", THEME, day=day), seed).body_text()
        assert not [t for t in later if t in text], (seed, [t for t in later if t in text])


@pytest.mark.parametrize("level, title, unit", [("市", "市委书记", None), ("县", "县长", None), ("区", "区委书记", None),
                                                ("镇", "镇党委书记", None), ("部门", "局长", "县发改局"),
                                                ("部门", "局长", "县统计局")])
@pytest.mark.parametrize("day", [datetime.date(2016, 5, 10), datetime.date(2022, 3, 1), datetime.date(2026, 12, 1)])
def test_every_module_keeps_a_fitting_wording_for_each_level_and_year(level, title, unit, day):
    fitting = _fitting(THEME, level, title, unit, day)
    offered = [m for m in _modules(THEME) if fitting.module_allows(m)]
    assert len(offered) >= 6
    assert not [m.id for m in offered if not fitting.variants(m, THEME)]


def test_two_seeds_of_one_config_share_under_half_of_their_six_grams():
    words = level_words(CATALOG.levels)
    for name, title, day, unit in (("全县经济工作会议", "县委书记", "2026-12-18", None), (ANALYSIS, "县长", "2026-07-22", None),
                                   ("全系统经济工作会议", "局长", "2026-03-05", "县发展和改革局")):
        more = {"level": "部门", "unit": unit} if unit else {}
        cfg = config(name, THEME, title=title, day=day, **more)
        shares = [overlap(draft(cfg, s).body_text(), draft(cfg, s + 100).body_text(), words | config_words(cfg))
                  for s in range(1, 4)]
        assert max(shares) < 0.50, (name, shares)


def test_a_secretary_and_a_county_head_give_different_speeches():
    words = level_words(CATALOG.levels)
    texts = []
    for title in ("县委书记", "县长"):
        cfg = config("全县经济工作会议", THEME, title=title, day="2026-12-18")
        texts.append(draft(cfg).body_text())
        words |= config_words(cfg)
    assert overlap(*texts, words) < 0.40


@pytest.mark.parametrize("day", ["2019-04-10", "2026-03-16", "2026-12-18"])
def test_a_town_party_secretary_and_a_town_head_give_different_speeches(day):
    words = level_words(CATALOG.levels)
    texts = []
    for title in ("镇党委书记", "镇长"):
        cfg = config("全镇经济工作会议", THEME, title=title, level="镇", place="石门", day=day)
        texts.append(draft(cfg).body_text())
        words |= config_words(cfg)
    assert overlap(*texts, words) < 0.40


def test_drafts_of_different_levels_differ_with_level_words_masked():
    words = level_words(CATALOG.levels)
    speakers = [("市", "市长", "江州", None), ("县", "县长", "临川", None), ("镇", "镇长", "石门", None),
                ("部门", "局长", "临川", "县发展和改革局")]
    texts = []
    for level, title, place, unit in speakers:
        cfg = config(f"全{'系统' if level == '部门' else level}经济工作会议", THEME, title=title, level=level,
                     place=place, day="2026-03-16", **({"unit": unit} if unit else {}))
        texts.append(draft(cfg).body_text())
        words |= config_words(cfg)
    shares = [overlap(a, b, words) for i, a in enumerate(texts) for b in texts[i + 1:]]
    assert max(shares) < 0.40, shares


@pytest.mark.parametrize("seed", [1, 2])
def test_the_statistics_report_is_answered_as_figures_before_the_speaker_reads_his_own(seed):
    """The reply to 统计局通报了…指标 follows the recap at once and speaks of figures (not 限期整改 of faults);
    the speaker's 先看几个数字 comes after it, and the count of parts ends the opening."""
    speech = _analysis(seed, figures=FIGURES, targets=TARGETS, agenda=["县统计局通报了上半年全县主要经济指标完成情况"])
    paragraphs = [p.text for p in speech.opening]
    recap = next(i for i, p in enumerate(paragraphs) if p.startswith("刚才，县统计局通报了上半年全县主要经济指标完成情况。"))
    assert "指标" in paragraphs[recap].split("。")[1] and "限期整改" not in paragraphs[recap]
    assert paragraphs[recap + 1].startswith("先看几个数字。上半年，地区生产总值128.6亿元")
    assert paragraphs[-1].endswith("点意见。") and recap + 1 == len(paragraphs) - 1
