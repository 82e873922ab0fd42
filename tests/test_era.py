"""The date: dated terms, the year's framing, what each plenum decided, and the check side (era_slips)."""

import datetime
import re
from pathlib import Path

import pytest
import yaml

from drafter.catalog import PointsBlock, load_catalog
from drafter.compose import compose_speech, prepare
from drafter.compose.context import base_context
from drafter.compose.render import render
from drafter.config.loader import ConfigSource
from drafter.config.model import Config
from drafter.lexicon import era_slips, era_words

CATALOG = load_catalog()
ROOT = Path(__file__).resolve().parent.parent
# every theme that existed in 2016 (乡村振兴 begins with the 19th congress)
THEMES = tuple(name for name, theme in sorted(CATALOG.themes.items())
               if getattr(theme, "since", None) is None or theme.since <= datetime.date(2016, 5, 10))
LEVELS = (("市", "市委书记", None), ("县", "县长", None), ("区", "区委书记", None), ("镇", "镇党委书记", None),
          ("部门", "局长", "县商务局"))
D = datetime.date


def request(theme, level, title, unit, day, seed=None):
    data = {"meeting": {"name": f"全{level if level != '部门' else '系统'}{theme}工作会议", "date": day},
            "speaker": {"title": title}, "locality": {"name": "临川", "level": level, **({"unit": unit} if unit else {})},
            "theme": theme, **({"seed": seed} if seed is not None else {})}
    return prepare(ConfigSource(Path("x.yaml"), Config.model_validate(data), None), CATALOG)


def draft(theme, level, title, unit, day, seed=None):
    return compose_speech(request(theme, level, title, unit, day, seed), CATALOG).body_text()


def slips(text, day):
    return [(u.found, u.sentence) for u in era_slips(text, day, CATALOG.terms, CATALOG.era)]


# --- the lexicon ---------------------------------------------------------------------------------------------

def test_the_lexicon_loads_and_every_entry_says_how_its_date_was_established():
    entries = yaml.safe_load((ROOT / "templates/lexicon/terms.yaml").read_text(encoding="utf-8"))["terms"]
    assert len(entries) == len(CATALOG.terms.terms) >= 100
    assert len({e["term"] for e in entries}) == len(entries)
    for e in entries:
        assert isinstance(e["from"], datetime.date), e["term"]
        assert len(e.get("note", "")) >= 8, e["term"]
        assert re.search(r"\d{4}", e["note"]), e["term"]          # the note names the document's date
        if "until" in e:
            assert e["from"] <= e["until"], e["term"]


def test_every_plenum_says_what_it_decided_and_plans_follow_the_real_periods():
    for plenum in CATALOG.era["plenums"]:
        assert plenum["decided"].startswith("审议通过"), plenum["name"]
        assert plenum["document"].startswith("《"), plenum["name"]
    for year, plan in ((2016, "十三五"), (2020, "十三五"), (2021, "十四五"), (2025, "十四五"), (2026, "十五五"),
                       (2030, "十五五")):
        assert era_words(D(year, 6, 1), CATALOG.era)["plan"] == plan
    assert era_words(D(2023, 11, 1), CATALOG.era)["plenum_decided"].startswith("审议通过《党和国家机构改革方案》")
    assert "十五五" in era_words(D(2026, 1, 5), CATALOG.era)["plenum_decided"]
    assert "历史经验" in era_words(D(2022, 3, 1), CATALOG.era)["plenum_decided"]


def test_the_year_framing_is_never_empty_and_never_out_of_its_own_date():
    day = D(2015, 1, 1)
    while day <= D(2030, 12, 31):
        era = era_words(day, CATALOG.era)
        assert era["year_framing"].startswith("今年是"), day
        for slot in ("year_framing", "dedication", "plenum_decided", "centre", "growth"):
            assert slips(era[slot], day) == [], (day, slot)
        day += datetime.timedelta(days=9)
    assert era_words(D(2026, 6, 1), CATALOG.era)["year_framing"] == "今年是“十五五”开局之年"
    # late in the year the speech looks to the year's end and the next one (明年, never 年初 of this one)
    assert era_words(D(2026, 12, 1), CATALOG.era)["year_framing"] == ("今年是“十五五”开局之年。眼下已是岁末，"
                                                                     "既要为今年的工作收好尾，也要为明年的工作开好局")
    assert era_words(D(2021, 11, 20), CATALOG.era)["year_framing"].endswith("统筹疫情防控和经济社会发展。时近年末，全年目标任务已到冲刺阶段")
    assert "岁末" not in era_words(D(2026, 1, 5), CATALOG.era)["year_framing"]
    assert "“十四五”规划收官之年" in era_words(D(2025, 3, 1), CATALOG.era)["year_framing"]
    assert "迎接党的二十大" not in era_words(D(2022, 11, 1), CATALOG.era)["dedication"]
    assert "学习宣传贯彻党的二十大精神" in era_words(D(2022, 11, 1), CATALOG.era)["year_framing"]
    assert era_words(D(2016, 5, 1), CATALOG.era)["centre"] == "以习近平同志为总书记的党中央"
    assert era_words(D(2016, 11, 1), CATALOG.era)["centre"] == "以习近平同志为核心的党中央"


# --- drafts --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("level,title,unit", LEVELS)
def test_a_2016_draft_uses_nothing_that_came_later(theme, level, title, unit):
    day = D(2016, 5, 10)
    text = draft(theme, level, title, unit, day)
    assert slips(text, day) == []
    for later in ("高质量发展", "十四五", "党的十九大", "新时代", "以习近平同志为核心的党中央", "疫情"):
        assert later not in text
    assert "今年是“十三五”开局之年" in text


def test_a_renamed_term_is_said_as_it_was_called_on_the_meeting_date():
    # 经营主体 is the name since 2023 (terms.yaml `before: 市场主体`); the same pieces say 市场主体 in 2016
    old = [draft("营商环境", "县", "县长", None, D(2016, 4, 12), seed=s) for s in range(1, 7)]
    new = [draft("营商环境", "县", "县长", None, D(2026, 4, 12), seed=s) for s in range(1, 7)]
    assert not any("经营主体" in text for text in old)
    assert any("市场主体" in text for text in old)
    assert any("经营主体" in text for text in new)
    assert CATALOG.terms.renamed("激发经营主体活力", D(2016, 4, 12)) == "激发市场主体活力"
    assert CATALOG.terms.renamed("激发经营主体活力", D(2024, 4, 12)) == "激发经营主体活力"


def test_the_central_environmental_inspection_is_named_as_it_was_on_the_meeting_date():
    # terms.yaml: 中央环境保护督察 from the 河北 pilot's mobilisation (2016-01-04), renamed 中央生态环境保护督察 by the
    # 2019 regulations (`before:`); a county's 县 wording of the rectification point names it, so drafts show both names
    said = "对中央生态环境保护督察反馈的问题，县里要逐项制定整改方案"
    assert CATALOG.terms.renamed(said, D(2017, 5, 1)).startswith("对中央环境保护督察反馈的问题")
    assert CATALOG.terms.renamed(said, D(2019, 6, 17)) == said
    assert not CATALOG.terms.outside(CATALOG.terms.renamed(said, D(2017, 5, 1)), D(2017, 5, 1))
    assert CATALOG.terms.outside(CATALOG.terms.renamed(said, D(2015, 12, 20)), D(2015, 12, 20))  # before the pilot
    old = [draft("生态环境保护", "县", "县长", None, D(2018, 5, 10), seed=s) for s in range(1, 13)]
    new = [draft("生态环境保护", "县", "县长", None, D(2024, 5, 10), seed=s) for s in range(1, 13)]
    assert not any("中央生态环境保护督察" in text for text in old)
    assert any("中央环境保护督察" in text for text in old)
    assert any("中央生态环境保护督察" in text for text in new)


def test_the_checker_says_what_a_renamed_term_was_called_before():
    from drafter.reader import parse_document
    from drafter.semantic import rule_era

    lines = ["在全县优化营商环境大会上的讲话", "县长　王立", "（2016年4月12日）", "同志们：",
             "要依法平等保护各类经营主体的合法权益。"]
    findings = list(rule_era(lines, parse_document(lines, "x.txt"), CATALOG))
    assert [f.message.split("：")[0] for f in findings] == ["“经营主体”在讲话日期（2016年4月12日）还没有"]
    assert findings[0].message.endswith("；此前称“市场主体”")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("level,title,unit", LEVELS)
def test_a_2026_draft_always_names_the_15th_plan(theme, level, title, unit):
    for day in (D(2026, 3, 16), D(2026, 12, 1)):
        text = draft(theme, level, title, unit, day)
        assert "今年是“十五五”开局之年" in text
        assert slips(text, day) == []
        assert "十四五”开局" not in text and "疫情" not in text


@pytest.mark.parametrize("theme", THEMES)
def test_the_pandemic_years_mention_the_pandemic_and_2024_does_not(theme):
    for level, title, unit in LEVELS[1::3]:
        for day in (D(2020, 6, 15), D(2022, 3, 1)):
            text = draft(theme, level, title, unit, day)
            assert "统筹" in text and "疫情防控和经济社会发展" in text, (day, level)
            assert slips(text, day) == []
        text = draft(theme, level, title, unit, D(2024, 5, 20))
        assert "疫情" not in text
        assert "今年是新中国成立75周年" in text


def test_a_february_2023_draft_frames_the_year_after_the_congress():
    day = D(2023, 2, 15)
    text = draft("营商环境", "县", "县委书记", None, day)
    assert "今年是全面贯彻党的二十大精神的开局之年" in text
    assert slips(text, day) == [] and "疫情" not in text and "迎接党的二十大" not in text


def test_templates_attribute_to_a_plenum_only_what_it_decided():
    for path in [*ROOT.glob("templates/**/*.yaml"), *ROOT.glob("phrasebank/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\{\{ era\.plenum \}\}", text):
            assert text[match.end():].startswith("{{ era.plenum_decided }}"), (path.name, text[match.end():][:30])
        assert not re.search(r"(二十大|十九大|全会)(又|对[^，。；]{2,20}(提出|作出))", text), path.name


def test_rendered_plenum_sentences_name_only_the_plenum_s_own_decision():
    names = {p["name"]: p["decided"] for p in CATALOG.era["plenums"]}
    checked = 0
    for day in (D(2016, 3, 1), D(2018, 3, 10), D(2019, 10, 30), D(2020, 11, 5), D(2022, 3, 1), D(2023, 5, 1),
                D(2024, 9, 1), D(2026, 3, 16)):
        req = request("营商环境", "县", "县委书记", None, day)
        ctx = {**base_context(req, CATALOG), "phrase": lambda _tag: ""}
        for module in CATALOG.modules.values():
            sources = [b for v in module.bodies for b in v.blocks]
            texts = []
            for block in sources:
                if isinstance(block, PointsBlock):
                    texts += [t for p in block.points for t in (p.lead, p.text)]
                else:
                    texts.append(block)
            for source in texts:
                if "era.plenum" not in source:
                    continue
                out = render(source, {**ctx, "slot": module.slots}, module.source)
                for name, decided in names.items():
                    for m in re.finditer(re.escape(name), out):
                        assert out[m.end():].startswith(decided), (day, module.id, out[m.start():m.end() + 40])
                        checked += 1
    assert checked >= 10


# --- the check side ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,day,found", [
    ("今年是“十四五”开局之年，我们要乘势而上。", D(2023, 3, 1), "“十四五”开局之年"),
    ("今年是实施“十四五”规划承上启下的关键一年。", D(2024, 4, 1), "“十四五”规划承上启下"),
    ("今年是“十三五”规划收官之年。", D(2021, 4, 1), "“十三五”规划收官之年"),
    ("明年是“十四五”规划收官之年，要早谋划。", D(2023, 12, 1), "“十四五”规划收官之年"),
    ("以实际行动迎接党的二十大胜利召开。", D(2023, 1, 10), "迎接党的二十大"),
    ("喜迎二十大，奋进新征程。", D(2022, 11, 1), "喜迎二十大"),
    ("全县上下以优异成绩庆祝建党100周年。", D(2022, 5, 1), "庆祝建党100周年"),
    ("深入开展党纪学习教育。", D(2025, 6, 1), "党纪学习教育"),
    ("推进“高效办成一件事”。", D(2022, 6, 1), "高效办成一件事"),
    ("要统筹疫情防控和经济社会发展。", D(2024, 6, 1), "统筹疫情防控和经济社会发展"),
    ("党的二十届三中全会作出部署。", D(2024, 3, 1), "二十届三中全会"),
    ("以习近平同志为核心的党中央高度重视。", D(2016, 5, 1), "以习近平同志为核心的党中央"),
])
def test_the_checker_finds_each_planted_slip_with_its_sentence(text, day, found):
    uses = era_slips("第一句话没有问题。" + text, day, CATALOG.terms, CATALOG.era)
    assert [u.found for u in uses] == [found]
    assert uses[0].sentence == text[:text.index("。") + 1]
    assert uses[0].entry.note


@pytest.mark.parametrize("text,day", [
    ("今年是“十四五”开局之年。", D(2021, 3, 1)),
    ("明年是“十五五”开局之年，要早谋划。", D(2025, 12, 1)),
    ("今年是实施“十四五”规划承上启下的关键一年。", D(2023, 4, 1)),
    ("以实际行动迎接党的二十大胜利召开。", D(2022, 6, 1)),
    ("全县上下以优异成绩庆祝建党100周年。", D(2021, 5, 1)),
    ("要统筹疫情防控和经济社会发展。", D(2021, 6, 1)),
    ("党的十九大以来，营商环境持续改善。", D(2019, 6, 1)),
    ("习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话中指出。", D(2023, 6, 1)),
])
def test_the_checker_passes_the_same_words_in_their_own_year(text, day):
    assert era_slips(text, day, CATALOG.terms, CATALOG.era) == []


def test_the_checker_reads_a_whole_draft():
    day = D(2023, 2, 15)
    text = draft("项目建设", "县", "县长", None, day) + "\n今年是“十四五”开局之年，要迎接党的二十大。"
    found = [u.found for u in era_slips(text, day, CATALOG.terms, CATALOG.era)]
    assert sorted(found) == ["“十四五”开局之年", "迎接党的二十大"]


def test_a_bureau_of_2016_says_nothing_of_later_service_reforms():
    """用电报装“零投资”（2020）, 政策找企业 and the 免申即享 idea in other words (免于申报的直接兑现) are dated."""
    for seed in range(1, 9):
        text = draft("营商环境", "部门", "局长", "县商务局", "2016-05-12", seed)
        assert not any(w in text for w in ("零投资", "政策找企业", "免于申报")), seed
        assert not slips(text, datetime.date(2016, 5, 12))
    later = [draft("营商环境", "部门", "局长", "县商务局", "2026-05-12", seed) for seed in range(1, 9)]
    assert any("政策找企业" in t for t in later)  # the same variants, where their date allows


def test_a_2020_analysis_meeting_plans_the_second_half_and_says_2022_words_in_none():
    """A July speech plans 下半年, not the year's 开局; 现代化产业体系 (二十大) and 保交楼 in other words are dated."""
    data = yaml.safe_load((Path(__file__).parent.parent / "examples" / "economy-analysis.yaml").read_text("utf-8"))
    data["meeting"]["date"] = "2020-07-22"
    for seed in range(1, 9):
        config = Config.model_validate({**data, "seed": seed})
        text = compose_speech(prepare(ConfigSource(Path("x.yaml"), config, None), CATALOG), CATALOG).body_text()
        assert not any(w in text for w in ("开局决定全局", "良好开局", "现代化产业体系", "已售商品房的交付")), seed
        assert not slips(text, datetime.date(2020, 7, 22))


def test_the_election_climate_is_watched_only_in_election_years():
    """换届风气 belongs to the years of the local elections (2016, 2021, 2026 rounds): a piece's `years:`."""
    extra = next(e for e in CATALOG.modules["clean_political_supervision"].extras if "换届风气" in str(e.block))
    assert extra.years == [2016, 2021, 2026]

    def said(day: str) -> bool:
        return any("换届风气" in draft("党风廉政建设", "县", "县委书记", None, day, seed) for seed in range(1, 13))

    assert said("2021-03-10") and not said("2023-03-10")
