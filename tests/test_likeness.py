"""One idea once per speech, also where no writer tagged it (drafter/likeness.py): two pieces that say the same
thing in other words never reach one draft; parallel “在…上…” headings of a section end differently."""

from pathlib import Path

import pytest

from drafter.catalog import load_catalog
from drafter.compose import compose_speech, prepare
from drafter.config.loader import ConfigSource
from drafter.config.model import Config
from drafter.likeness import alike_pairs, runs

CATALOG = load_catalog()

SAME = "同时，要加强农业防灾减灾。完善农业气象预警服务，修缮农田水利设施，做好防汛抗旱各项准备，最大限度减少自然灾害对粮食生产的影响。"
REWORDED = "此外，极端天气对农业生产的影响越来越大。要提前做好防汛抗旱、防灾减灾各项准备，健全农业气象预警服务，最大限度减少灾害损失。"
OTHER = "要把招商引资作为经济工作的生命线，紧盯龙头企业和产业链关键环节，精准对接、上门招引，推动一批大项目落地。"


def test_runs_leave_out_slots_tags_and_punctuation():
    assert runs("要{{ own.cadres }}抓好，{% if level == '镇' %}镇里{% endif %}防汛抗旱") == {"防汛抗旱"}


def test_two_texts_that_say_one_thing_are_a_pair_and_an_unrelated_one_is_not():
    filler = [f"第{i}段讲的是另一件事情，和别的段落没有关系，编号{i}" for i in range(10)]
    texts = [SAME, REWORDED, OTHER, *filler]
    assert alike_pairs(texts) == [(0, 1)]
    assert alike_pairs(texts, alternatives=[(0, 1)]) == []  # two bodies of one module never meet anyway


def _pieces_with(text: str):
    return [(m.id, p) for m in CATALOG.modules.values() for p in [*m.bodies, *m.extras]
            if text in str(getattr(p, "blocks", None) or getattr(p, "block", ""))]


def test_the_catalog_gives_each_alike_pair_an_idea_of_its_own():
    (_, regulator), = _pieces_with("同时，要提高依法监管的能力")
    (_, team), = _pieces_with("同时，要加强安全生产监管队伍建设")
    shared = set(regulator.ideas) & set(team.ideas)
    assert shared and all(idea.startswith("≈") for idea in shared)


def speech(data: dict, seed: int):
    config = Config.model_validate({**data, "seed": seed})
    request = prepare(ConfigSource(Path("x.yaml"), config, None), CATALOG)
    return compose_speech(request, CATALOG)


@pytest.mark.parametrize("level,title", [("县", "县委书记"), ("镇", "镇党委书记"), ("市", "市委书记")])
def test_a_draft_never_says_one_idea_twice_in_other_words(level, title):
    data = {"meeting": {"name": f"全{level}安全生产工作会议", "date": "2026-07-20"}, "speaker": {"title": title},
            "locality": {"name": "临川", "level": level}, "theme": "安全生产"}
    both = 0
    for seed in range(1, 13):
        text = speech(data, seed).body_text()
        both += "同时，要提高依法监管的能力。" in text and "同时，要加强安全生产监管队伍建设。" in text
    assert both == 0


def test_parallel_effort_headings_of_a_section_end_differently():
    data = {"meeting": {"name": "全县农村工作会议暨乡村振兴工作推进会", "date": "2026-12-18"},
            "speaker": {"title": "县长"}, "locality": {"name": "临川", "level": "县"}, "theme": "乡村振兴"}
    seen = 0
    for seed in range(1, 9):
        for section in speech(data, seed).sections:
            ends = [next((e for e in CATALOG.effort_endings if p.heading.endswith("上" + e)), None)
                    for p in section.points if p.heading.startswith("在")]
            ends = [e for e in ends if e]
            seen += len(ends) > 2
            assert len(ends) == len(set(ends)), [p.heading for p in section.points]
    assert seen  # the sample has sections of three or more such headings
