"""drafter mine: structure and categories recovered from real and rendered speeches, modules emitted in
drafter's format that render at once, and the round trip render → mine = outline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafter.catalog import data_folder
from tests.conftest import EXAMPLES

SEEDS = {p.name[:3]: p for p in Path(str(data_folder("seeds"))).glob("*.txt")}
MARKER = re.compile(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_round_trip_render_then_mine_recovers_the_outline(run, tmp_path, path):
    outline = json.loads(run("outline", path, "--json").stdout)
    draft = tmp_path / "d.docx"
    assert run("render", path, "-o", draft).exit_code == 0
    mined = json.loads(run("mine", draft, "--json").stdout)
    assert len(mined["speeches"]) == 1
    speech = mined["speeches"][0]
    assert speech["title"] == outline["title"]
    assert speech["announced_count"] == outline["announced_count"] == len(speech["sections"])
    for got, want in zip(speech["sections"], outline["sections"], strict=True):
        assert got["heading"] == MARKER.sub("", want["heading"])
        assert got["category"] == want["category"]
        assert [p["marker"] + p["text"] for p in got["points"]] == [p["heading"] for p in want["points"]]
        assert [p["module"] for p in got["points"]] == [p["module"] for p in want["points"]]


def test_a_file_of_several_speeches_is_split_and_read(run):
    mined = json.loads(run("mine", SEEDS["000"], "--json").stdout)
    speeches = mined["speeches"]
    assert len(speeches) == 5  # four speeches and a trailing fragment
    assert [s["title"] for s in speeches[1:4]] == ["在全县优化营商环境工作会议上的讲话"] * 2 + ["在全市优化营商环境会议上的讲话"]
    assert speeches[1]["announced_count"] == 3
    fourth = speeches[3]
    assert [s["heading"][:6] for s in fourth["sections"]] == ["坚持问题导向", "深入进行思想", "突出工作重点", "强化整改措施"]
    assert [s["category"] for s in fourth["sections"]] == ["awareness", "awareness", "priorities", "implementation"]
    assert [p["marker"] for p in fourth["sections"][1]["points"]] == ["一是", "二是", "三是", "五是"]


def test_a_speech_named_on_its_own_and_in_its_folder_is_mined_once(run, tmp_path):
    (tmp_path / "a.txt").write_text(SEEDS["004"].read_text(encoding="utf-8"), encoding="utf-8")
    once = json.loads(run("mine", tmp_path, "--json").stdout)["speeches"]
    both = json.loads(run("mine", tmp_path / "a.txt", tmp_path, "--json").stdout)["speeches"]
    assert len(both) == len(once) >= 1


@pytest.mark.parametrize("key,categories", [
    # 003's third section (迎难而上: the 非典 crisis) is "other" to a human reader; mine does not tell it apart
    ("003", ["awareness", "implementation", None, "priorities", "implementation"]),
    ("004", ["awareness", "priorities", "implementation"]),
    ("001", ["priorities", "priorities", "implementation"]),
])
def test_seed_sections_and_categories(run, key, categories):
    speech = json.loads(run("mine", SEEDS[key], "--json").stdout)["speeches"][-1]
    got = [s["category"] for s in speech["sections"]]
    assert len(got) == len(categories)
    assert [g for g, want in zip(got, categories, strict=True) if want] == [c for c in categories if c]


def test_page_junk_and_fused_headings_are_handled(run):
    speech = json.loads(run("mine", SEEDS["004"], "--json").stdout)["speeches"][-1]
    assert speech["title"] == "在2022年重特大项目攻坚暨优化营商环境大会上的领导发言"
    assert speech["announced_count"] == 3
    assert [p["marker"] for p in speech["sections"][0]["points"]] == ["一是", "二是", "三是"]
    assert all("下载" not in s["heading"] for s in speech["sections"])


def test_heading_formulas_and_recurring_phrases(run):
    mined = json.loads(run("mine", SEEDS["003"], SEEDS["004"], SEEDS["000"], "--json").stdout)
    formulas = [s["formula"] for sp in mined["speeches"] for s in sp["sections"] if s["formula"]]
    assert "要有{X}感" in formulas
    phrases = [p["phrase"] for p in mined["phrases"]]
    assert phrases and all(len(p) >= 4 for p in phrases)


def test_emitted_modules_render_at_once_and_pass_check(run, tmp_path, write_config):
    modules = tmp_path / "mine"
    source = tmp_path / "old.docx"
    assert run("render", EXAMPLES / "county-business.yaml", "-o", source).exit_code == 0
    result = run("mine", source, "--emit-modules", modules, "--locality", "临川")
    assert result.exit_code == 0, result.output
    files = sorted(modules.glob("*.yaml"))
    assert len(files) >= 8
    import yaml

    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        text = json.dumps([data["headings"], data["bodies"]], ensure_ascii=False)
        assert "临川" not in text and "全县" not in text and "我县" not in text  # locality and level words are slots
    ids = {f.stem for f in files}
    assert {"awareness_1", "priorities_1", "priorities_2", "implementation_1"} <= ids  # short ids one can type
    config = write_config("meeting:\n  name: 全市营商环境推进会\n  date: 2026-06-01\nspeaker:\n  title: 市委书记\n"
                          "locality:\n  name: 江华\n  level: 市\ntheme: 营商环境\nsections:\n"
                          "  awareness: [awareness_1]\n  priorities: [priorities_1, priorities_2]\n"
                          "  implementation: [implementation_1]\n")
    draft = tmp_path / "new.txt"
    result = run("render", config, "--templates", modules, "-o", draft)
    assert result.exit_code == 0, result.output
    rendered = draft.read_text(encoding="utf-8")
    assert "全市" in rendered and "江华市" in rendered and "全县" not in rendered
    report = json.loads(run("check", draft, "--json").stdout)
    assert report["findings"] == []


def test_no_files_is_a_usage_error(run):
    result = run("mine")
    assert result.exit_code == 2
    assert result.stderr.strip() == "请给出至少一个讲话稿文件（.txt 或 .docx）或放讲话稿的文件夹"
