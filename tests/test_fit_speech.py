"""What was left of issue 9, asserted on rendered drafts: a bureau names itself and its units as its kind and its
government make it (我委, 各县（市、区）商务局), headings and frames fit the date and the speaker, time words follow
the month, a 警示教育大会 closes without a sprint, and an invented case is a comment in the Word file."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from drafter.catalog import load_catalog
from drafter.check import check_paragraphs
from drafter.compose import base_context, compose_speech, prepare
from drafter.compose.eligible import Fitting, block_sources
from drafter.compose.render import render
from drafter.config.loader import ConfigSource
from drafter.config.model import Config, Locality
from drafter.lexicon import level_words
from drafter.text import fullwidth_punctuation
from drafter.writers.docx import render_docx
from drafter.writers.text import render_markdown, render_text

CATALOG = load_catalog()


def config(name: str, theme: str, title: str = "县委书记", level: str = "县", day: str = "2026-03-16",
           unit: str | None = None, **more) -> Config:
    locality = {"name": "临川", "level": level, **({"unit": unit} if unit else {})}
    return Config.model_validate({"meeting": {"name": name, "date": day}, "speaker": {"title": title},
                                  "locality": locality, "theme": theme, **more})


def draft(cfg: Config, seed: int | None = None):
    request = prepare(ConfigSource(Path("c.yaml"), cfg, None), CATALOG)
    return compose_speech(request, CATALOG, seed=seed)


def text_of(speech) -> str:
    return "\n".join([speech.title, *(p.text for p in speech.opening), speech.body_text(),
                      *(p.text for p in speech.closing)])


@pytest.mark.parametrize("unit,our,leaders", [
    ("县发展和改革委员会", "我委", "委党组"), ("县发改委", "我委", "委党组"), ("县卫生健康委员会", "我委", "委党组"),
    ("县卫健委", "我委", "委党组"), ("县工商业联合会", "我会", "党组"), ("县工商联", "我会", "党组"),
    ("县妇联", "我会", "党组"), ("县商务局", "我局", "局党组"),
])
def test_a_committee_calls_itself_wei_and_a_federation_hui(unit, our, leaders):
    words = level_words(Locality(name="临川", level="部门", unit=unit), CATALOG.levels)
    assert (words.own["our"], words.own["leaders"]) == (our, leaders)


def test_a_committee_says_wo_wei_in_its_draft():
    speech = draft(config("全县发改系统优化营商环境工作会议", "营商环境", "主任", "部门", unit="县发展和改革委员会"), 3)
    text = text_of(speech)
    assert "我委" in text
    assert "我会" not in text


@pytest.mark.parametrize("unit,host,units,subunit", [
    ("市商务局", "市", "各县（市、区）商务局、机关各科室、各直属单位", "科室"),
    ("临川市生态环境局", "市", "各县（市、区）分局、机关各科室、各直属单位", "科室"),
    ("县商务局", "县", "机关各股室、各二级单位", "股室"),
    ("县市场监督管理局", "县", "机关各股室、各二级单位和各乡镇（街道）市场监管所", "股室"),
    ("区市场监管局", "区", "机关各科室、各二级单位和各街道（镇）市场监管所", "科室"),
])
def test_a_bureau_addresses_the_units_its_government_gives_it(unit, host, units, subunit):
    words = level_words(Locality(name="临川", level="部门", unit=unit), CATALOG.levels)
    assert (words.area["level"], words.own["units"], words.own["subunit"]) == (host, units, subunit)


@pytest.mark.parametrize("unit,present,absent", [
    ("市商务局", "各县（市、区）商务局", "股室"),
    ("县商务局", "各股室", "各县（市、区）"),
])
def test_a_city_bureau_addresses_the_county_bureaus_and_a_county_bureau_its_own_offices(unit, present, absent):
    for seed in range(4):
        text = text_of(draft(config("全系统优化营商环境工作会议", "营商环境", "局长", "部门", unit=unit), seed))
        assert present in text
        assert absent not in text
        assert "各科室、各单位" not in text


def module_texts(module_id: str, cfg: Config) -> list[str]:
    """Every body variant and extra of a module, rendered for the config's speech (phrases left out)."""
    request = prepare(ConfigSource(Path("c.yaml"), cfg, None), CATALOG)
    ctx = {**base_context(request, CATALOG), "phrase": lambda _tag: ""}
    module = CATALOG.modules[module_id]
    ctx["slot"] = module.slots
    pieces = [v.blocks for v in module.bodies] + [[e.block] for e in module.extras]
    return [fullwidth_punctuation("".join(render(s, ctx, module.source) for s in block_sources(blocks)))
            for blocks in pieces]


@pytest.mark.parametrize("theme", ["营商环境", "工业经济", "招商引资", "项目建设", "作风建设"])
def test_a_deputy_does_not_name_himself_and_a_head_takes_overall_charge(theme):
    name = f"全县{theme}工作会议"
    head = " ".join(module_texts("organisational_leadership", config(name, theme, "县长")))
    deputy = " ".join(module_texts("organisational_leadership", config(name, theme, "副县长")))
    assert "我作为县长" in head or "作为县长，我" in head
    assert "作为副县长" not in deputy and "作为，" not in deputy and "我作为，" not in deputy
    assert not re.search("我对[^，。]{0,20}负总责", deputy)
    assert "我首先从自己做起" in deputy or "我每月" in deputy or "我带头" in deputy or "我在" in deputy


def headings(speech) -> list[str]:
    return [s.heading for s in speech.sections] + [p.heading for s in speech.sections for p in s.points]


@pytest.mark.parametrize("theme,name,implementation", [
    ("营商环境", "全县优化营商环境工作会议", ["fault_tolerance", "organisational_leadership", "inspection_assessment"]),
    ("作风建设", "全县作风建设大会", ["fault_tolerance", "organisational_leadership"]),
])
def test_no_heading_names_a_term_before_its_date(theme, name, implementation):
    """容错纠错 (2016-03-05) and 亲清 (2016-03-04) head a point only from their date on; before it the point keeps
    its place under a heading of another style that fits."""
    early = config(name, theme, day="2016-02-01", sections={"implementation": implementation})
    later = config(name, theme, day="2016-06-01", sections={"implementation": implementation})
    for seed in range(8):
        said = headings(draft(early, seed))
        assert not [h for h in said if CATALOG.terms.outside(h, early.meeting.date)], said
        assert len([h for h in said if h]) == len(said)
    assert any("容错纠错" in h for seed in range(8) for h in headings(draft(later, seed)))


def test_heading_styles_leave_out_a_heading_that_names_a_later_term():
    request = prepare(ConfigSource(Path("c.yaml"), config("全县优化营商环境工作会议", "营商环境", day="2016-02-01"),
                                   None), CATALOG)
    fitting = Fitting(request.situation, CATALOG, base_context(request, CATALOG))
    assert "action" not in fitting.heading_styles(CATALOG.modules["fault_tolerance"], "营商环境")
    assert "should" in fitting.heading_styles(CATALOG.modules["fault_tolerance"], "营商环境")


@pytest.mark.parametrize("name,theme", [
    ("全县警示教育大会", "作风建设"), ("全县党风廉政建设警示教育大会", "党风廉政建设"),
    ("全县招商引资系统警示教育大会", "招商引资"),
])
def test_a_warning_education_meeting_closes_without_a_sprint(name, theme):
    for seed in range(12):
        speech = draft(config(name, theme), seed)
        closing = "".join(p.text for p in speech.closing)
        assert not re.search("冲刺|抢抓|抢字当头|决战决胜|尽锐出战|大干快上", closing), closing


def test_a_sprint_stays_in_the_banks_of_development_meetings():
    bank = [p for p in CATALOG.phrases if p.tag == "号召" and "冲刺" in p.text]
    assert bank and all(p.fit.kinds and "警示教育" not in p.fit.kinds for p in bank)
    assert all(p.themes and "党风廉政建设" not in p.themes for p in bank)
    said = {"".join(p.text for p in draft(config("全县项目建设推进会", "项目建设"), seed).closing)
            for seed in range(30)}
    assert any("冲刺" in text for text in said)


def noted_draft():
    cfg = config("全县招商引资暨优化营商环境大会", "招商引资", sections={"awareness": ["shortcomings", "public_expectations"]})
    for seed in range(40):
        speech = draft(cfg, seed)
        if any(b.note for b in speech.blocks()):
            return speech
    raise AssertionError("no draft of 40 tells an invented case")


def test_an_invented_case_is_a_word_comment_asking_for_a_real_one():
    speech = noted_draft()
    noted = [b for b in speech.blocks() if b.note]
    assert all(re.search("设想(一|这样|几)|设想的情形|举个常见的例子", b.text) for b in noted)
    with zipfile.ZipFile(io.BytesIO(render_docx(speech))) as docx:
        comments = docx.read("word/comments.xml").decode()
        document = docx.read("word/document.xml").decode()
    assert re.findall(r"<w:t[^>]*>([^<]*)</w:t>", comments) == ["示例情节，请换成本地真实案例"] * len(noted)
    assert 'w:author="drafter 讲话稿起草器"' in comments
    # the comment spans the case's own text, not the run-in heading before it
    spanned = re.search(r'<w:commentRangeStart w:id="0"/>(.*?)<w:commentRangeEnd w:id="0"/>', document, re.S).group(1)
    said = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", spanned))
    assert "设想" in said and "（一）" not in said and "（二）" not in said


def test_the_text_formats_keep_the_supposition_and_carry_no_note():
    speech = noted_draft()
    for text in (render_markdown(speech), render_text(speech)):
        assert "设想" in text
        assert "示例情节" not in text


THEME_MEETINGS = [("营商环境", "全县优化营商环境工作会议"), ("招商引资", "全县招商引资工作会议"),
                  ("项目建设", "全县项目建设工作会议"), ("工业经济", "全县工业经济工作会议"),
                  ("作风建设", "全县作风建设工作会议"), ("党风廉政建设", "全县党风廉政建设工作会议"),
                  ("安全生产", "全县安全生产工作会议"), ("生态环境保护", "全县生态环境保护工作会议"),
                  ("乡村振兴", "全县乡村振兴工作会议")]


@pytest.mark.parametrize("theme,name", THEME_MEETINGS)
def test_a_county_head_opens_and_closes_on_tasks_and_a_secretary_on_direction(theme, name):
    """The theme's purpose, stakes and call are the speaker's own: a 县长 speaks of tasks, projects, factors and
    follow-up under 县委's leadership; a 县委书记 of direction, politics and conduct."""
    for seed in range(4):
        head, secretary = (draft(config(name, theme, title), seed) for title in ("县长", "县委书记"))
        head_open, head_close = ("".join(p.text for p in part) for part in (head.opening, head.closing))
        sec_open, sec_close = ("".join(p.text for p in part) for part in (secretary.opening, secretary.closing))
        assert re.search("任务|项目|要素|调度|清单|整改", head_open) and "讲政治" not in head_open + head_close
        assert re.search("方向|政治|作风|思想|党组织", sec_open)
        assert "在县委的坚强领导下" in head_close and "在县委的坚强领导下" not in sec_close
        purpose = lambda text: re.search("(?:主要任务是|目的，就是|主要是)，?([^。]+)", text).group(1)  # noqa: E731
        assert purpose(head_open) != purpose(sec_open)
        assert head_close.split("。")[0] != sec_close.split("。")[0]  # the stakes differ


def targets_points(theme: str, name: str, day: str, seeds=range(6)) -> list[str]:
    """The local_targets point of drafts that have it, across seeds and every variant the month allows."""
    out = []
    for seed in seeds:
        speech = draft(config(name, theme, day=day, sections={"awareness": ["local_targets", "significance"]}), seed)
        out += ["".join(p.text for p in point.paragraphs) for s in speech.sections for point in s.points
                if point.module_id == "local_targets"]
    return out


@pytest.mark.parametrize("day,said,unsaid", [
    ("2026-03-16", "今年的目标刚刚定下", "下半年"),
    ("2026-07-20", "上半年已经过去，下半年", "一季度要开好头"),
    ("2026-09-15", "前三季度已经过去，四季度", "上半年要跑赢"),
    ("2026-12-01", "明年", "年初确定"),
])
def test_the_year_s_targets_are_weighed_by_the_meeting_month(day, said, unsaid):
    points = targets_points("营商环境", "全县优化营商环境工作会议", day)
    assert points, "a 营商环境 speech of any month can speak of its targets"
    assert any(said in text for text in points), points[0]
    assert not [text for text in points if unsaid in text]


DECEMBER_THEMES = [("营商环境", "全县优化营商环境工作会议"), ("招商引资", "全县招商引资工作会议"),
                   ("工业经济", "全县工业经济工作会议"), ("项目建设", "全县项目建设工作会议"),
                   ("作风建设", "全县作风建设工作会议")]


@pytest.mark.parametrize("theme,name", DECEMBER_THEMES)
def test_a_december_speech_speaks_of_next_year_s_targets_and_checks_clean(theme, name):
    points = targets_points(theme, name, "2026-12-01")
    assert points, "a December speech can speak of the targets it proposes for next year"
    assert all("明年" in text and "今年的目标" not in text and "年初" not in text for text in points), points[0]
    speech = draft(config(name, theme, day="2026-12-01", sections={"awareness": ["local_targets", "significance"]}), 1)
    report = check_paragraphs(render_text(speech).split("\n"), source="x.txt", catalog=CATALOG, index=None)
    assert [f for f in report.findings if f.rule == "timing"] == []


def test_a_theme_s_targets_set_at_the_year_s_start_are_not_said_in_december():
    module = CATALOG.modules["local_targets"]
    for day, months in (("2026-12-01", [11, 12]), ("2026-07-20", None)):
        request = prepare(ConfigSource(Path("c.yaml"), config("全县招商引资工作会议", "招商引资", day=day), None),
                          CATALOG)
        kept = Fitting(request.situation, CATALOG, base_context(request, CATALOG)).variants(module, "招商引资")
        assert kept and all(module.bodies[i].themes == ["招商引资"] for i in kept)
        if months:
            assert all(module.bodies[i].months == months for i in kept)
        else:
            assert all(module.bodies[i].months not in ([1, 2, 3, 4, 5], [11, 12]) for i in kept)


def test_the_year_end_a_december_speech_reckons_by_is_next_year_s():
    """年底交账, 年底述职, 今年的工作 in the modules and phrase bank are calendar.yaml words: in December they say 明年."""
    said = ""
    for theme, name in (("项目建设", "全县项目建设工作会议"), ("工业经济", "全县工业经济工作会议"),
                        ("招商引资", "全县招商引资工作会议")):
        for seed in range(5):
            text = draft(config(name, theme, day="2026-12-01"), seed).body_text()
            assert not re.search("(?<!明年)年底(交账|述职|要向|对照|各自|进行述职|交不了账)", text)
            assert "今年的工作，要紧紧围绕" not in text and "部署今年的重点任务" not in text
            said += text
    assert "明年年底" in said


def test_check_reads_a_span_of_years_as_no_deadline_in_december():
    lines = ["在全县项目建设工作会议上的讲话", "（2026年12月1日）", "同志们：",
             "一般工业项目要一年内投产，入规企业三年内持续跟踪服务。", "这批项目要在年内完成。"]
    report = check_paragraphs(lines, source="x.txt", catalog=CATALOG, index=None)
    quotes = [f.quote for f in report.findings if f.rule == "timing"]
    assert len(quotes) == 1 and "年内完成" in quotes[0]


def test_a_bureau_other_than_the_discipline_commission_guards_its_own_system_and_investigates_nobody():
    cfg = config("全县财政系统党风廉政建设工作会议", "党风廉政建设", title="局党组书记、局长", level="部门",
                 day="2026-03-05", unit="县财政局")
    seen = 0
    for seed in range(1, 7):
        for section in draft(cfg, seed).sections:
            for point in section.points:
                if point.module_id == "clean_key_areas":
                    text = point.heading + "".join(p.text for p in point.paragraphs)
                    assert "查处" not in point.heading and "严查" not in text, text
                    seen += 1
    assert seen


def test_a_town_neither_sets_the_budget_nor_has_its_villages_lead_the_villages():
    cfg = config("全镇乡村振兴工作推进会", "乡村振兴", title="镇长", level="镇", day="2022-05-18")
    texts = [draft(cfg, seed).body_text() for seed in range(1, 9)]
    assert not any("财政优先保障" in t for t in texts)
    assert not any("各村（社区）、各站所负责同志要带头联系乡村" in t for t in texts)
    assert CATALOG.competence.overreach("坚持把农业农村作为财政优先保障领域", "镇", None)


def test_a_bureau_that_does_not_lead_investment_serves_it():
    """A 市场监管局 at a meeting on 招商引资服务保障 speaks of its own door (registration, permits, inspection), not of
    目标库、谈判团队 or the county's timetable; a 商务局 still 招大引强."""
    def point(unit: str, seed: int):
        cfg = config("全县市场监管系统优化营商环境暨招商引资服务保障工作会议", "营商环境", title="局长", level="部门",
                     day="2026-12-15", unit=unit)
        return next(p for s in draft(cfg, seed).sections for p in s.points if "招商" in p.heading)

    for seed in range(1, 5):
        served = point("县市场监督管理局", seed)
        text = "".join(p.text for p in served.paragraphs)
        assert "服务保障" in served.heading and "招大引强" not in served.heading
        assert "不管招商" in text and "目标库" not in text and "谈判团队" not in text, text
    assert any("招大引强" in point("县商务局", seed).heading or "落户" in point("县商务局", seed).heading
               for seed in range(1, 5))
