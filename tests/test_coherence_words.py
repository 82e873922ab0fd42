"""Words that must agree with the config and the date: one target is spoken of as one (这一目标, never 等目标);
the first half's yardstick 时间过半、任务过半 is not said in the second half; an invented case is framed as one."""

from pathlib import Path

from drafter.catalog import load_catalog
from drafter.compose import compose_speech, prepare
from drafter.config.loader import ConfigSource
from drafter.config.model import Config

CATALOG = load_catalog()


def texts(data: dict, seeds=range(1, 9)) -> list[str]:
    out = []
    for seed in seeds:
        config = Config.model_validate({**data, "seed": seed})
        out.append(compose_speech(prepare(ConfigSource(Path("x.yaml"), config, None), CATALOG), CATALOG).body_text())
    return out


def investment(day: str, targets: list[dict]) -> dict:
    return {"meeting": {"name": "全县招商引资工作会议", "date": day}, "speaker": {"title": "县长"},
            "locality": {"name": "临川", "level": "县"}, "theme": "招商引资", "targets": targets}


def test_one_target_is_one_and_several_are_several():
    one = texts(investment("2026-04-10", [{"name": "新签约项目", "value": 12, "unit": "个"}]))
    assert not any("等目标" in t for t in one)
    assert any("新签约项目12个这一目标" in t for t in one)
    two = texts(investment("2026-04-10", [{"name": "新签约项目", "value": 12, "unit": "个"},
                                          {"name": "到位资金", "value": 30, "unit": "亿元"}]))
    assert any("等目标" in t for t in two) and not any("这一目标" in t for t in two)


def test_the_first_halfs_yardstick_is_not_said_in_the_second_half():
    import datetime

    from drafter.situation import Situation

    yardstick = [p for p in CATALOG.phrases if "时间过半、任务过半" in p.text]
    assert yardstick
    for month, said in ((4, True), (7, False), (12, False)):
        situation = Situation(date=datetime.date(2026, month, 10), level="镇", system=None, role="executive",
                              kind=None, subjects=(), directs=None)
        assert all(situation.allows(p.fit) is said for p in yardstick), month


def test_the_catalog_tells_no_invented_case_as_fact():
    frames = CATALOG.illustrations["frames"]
    told = [m.id for m in CATALOG.modules.values() for v in m.bodies for b in v.blocks
            if isinstance(b, str) and "讲过这样一段经历" in b and not any(f in b for f in frames)]
    assert told == []
