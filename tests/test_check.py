"""drafter check: planted defects of every rule are found with their location in .txt, .md and .docx drafts,
the seeds' real defects are found, and drafter's own drafts pass clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from drafter import app
from drafter.catalog import data_folder
from drafter.check import check_paragraphs
from drafter.compose import compose_speech
from tests.conftest import EXAMPLES

PLANTED = [
    "在全县优化营商环境工作会议上的讲话",
    "同志们：",
    "今天召开全县优化营商环境工作会议。下面，我讲三点意见。",                                   # 3: announces three, has two
    "一、提高认识",
    "全县上下要统一思想,提高认识。",                                                           # 5: ASCII comma
    "一是加强领导。要把工作摆上日程。二是压实责任。各乡镇要抓好落实。四是严格考核。要每月通报。",  # 6: 二是 → 四是
    "我市要借鉴先进经验，xx同志要牵头抓总。",                                                  # 7: 我市 in a 县 speech; xx
    "三、狠抓落实",                                                                            # 8: 一、 → 三、
    "一分部署，九分落实。我县要做好三件事：一是定目标，二是抓进度。",                            # 9: 三件事 with two
    "一分部署，九分落实。各乡镇要按时完成任务。。",                                             # 10: set phrase twice; 。。
    "我县要把营商环境建设摆在更加突出的位置来抓紧抓实抓好。",
    "我县要把营商环境建设摆在更加突出的位置来抓紧抓实抓好。",                                   # 12: repeated sentence
    "同志们，让我们在{{ above.party }}的坚强领导下，奋力谱写新篇章！",                          # 13: unfilled slot
]
EXPECTED = {
    ("count", 3), ("punctuation", 5), ("numbering", 6), ("level", 7), ("placeholder", 7), ("numbering", 8),
    ("count", 9), ("repeated-phrase", 10), ("doubled-punctuation", 10), ("repeated-sentence", 12),
    ("placeholder", 13),
}


def _write(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"draft.{kind}"
    if kind == "txt":
        path.write_text("\n".join(PLANTED), encoding="utf-8")
    elif kind == "md":
        body = [f"# {PLANTED[0]}", ""] + [f"## {p}" if p[1] == "、" else p for p in PLANTED[1:]]
        path.write_text("\n\n".join(body), encoding="utf-8")
    else:
        document = Document()
        for paragraph in PLANTED:
            document.add_paragraph(paragraph)
        document.save(str(path))
    return path


@pytest.mark.parametrize("kind", ["txt", "md", "docx"])
def test_planted_defects_are_found_with_their_paragraph(run, tmp_path, kind):
    result = run("check", _write(tmp_path, kind), "--json", "--ignore", "overlap")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"file", "chars", "minutes", "findings"}
    found = {(f["rule"], f["paragraph"]) for f in report["findings"]}
    assert EXPECTED <= found, EXPECTED - found
    assert found - EXPECTED == set(), found - EXPECTED
    for finding in report["findings"]:
        assert set(finding) == {"rule", "paragraph", "quote", "message"}
        assert finding["quote"].strip("…") in "".join(PLANTED).replace(" ", "") or finding["rule"] == "placeholder"


def test_messages_say_what_is_wrong(run, tmp_path):
    out = run("check", _write(tmp_path, "txt"), "--ignore", "overlap").stdout
    path = tmp_path / "draft.txt"
    lines = out.splitlines()
    for expected in (f"{path}:3: [count] 宣布“三点意见”，正文实有 2 个部分：“…作会议。下面，我讲三点意见。”",
                     f"{path}:6: [numbering] 序号跳号：“二是”之后是“四是”，缺了“三是”：“…乡镇要抓好落实。四是严格考核。要每月…”",
                     f"{path}:8: [numbering] 序号跳号：这里是“三、”，按顺序应为“二、”：“三、狠抓落实”",
                     f"{path}:10: [doubled-punctuation] 标点重复“。。”：“…镇要按时完成任务。。”"):
        assert expected in lines, (expected, lines)
    assert any(line.startswith(f"{path}:9: [count] 说“三件事”，后面列了 2 项") for line in lines)
    chars = sum(len(p.replace(" ", "")) for p in PLANTED[1:])  # the title above 同志们： is not spoken
    assert lines[-1] == f"{path}: {chars} 字，约 {chars / 200:.1f} 分钟；11 处问题"


def test_numbered_slogans_must_list_as_many_items(run, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("同志们：\n窗口要做到“四零”，即零跑腿、零材料、零费用。\n严格落实“三项清单”，即权力清单、责任清单、负面清单。\n"
                     "一个好项目就是一个新的增长点，要跑起来、谈起来、签下来。",
                     encoding="utf-8")
    report = json.loads(run("check", draft, "--json", "--ignore", "overlap").stdout)
    assert [(f["rule"], f["paragraph"], f["message"]) for f in report["findings"]] == [
        ("count", 2, "“四零”说有 4 项，后面列了 3 项")]


def test_ignore_switches_a_rule_off(run, tmp_path):
    report = json.loads(run("check", _write(tmp_path, "txt"), "--json", "--ignore", "overlap", "--ignore",
                            "numbering").stdout)
    assert "numbering" not in {f["rule"] for f in report["findings"]}
    result = run("check", _write(tmp_path, "txt"), "--ignore", "spelling")
    assert result.exit_code == 2
    assert result.stderr.startswith("--ignore spelling: 没有这条规则，可选：placeholder/numbering/")


def test_length_against_a_target(run, tmp_path):
    report = json.loads(run("check", _write(tmp_path, "txt"), "--json", "--ignore", "overlap", "--length",
                            "5000").stdout)
    assert any(f["rule"] == "length" and "目标 5000 字" in f["message"] for f in report["findings"])


def test_corpus_overlap_lists_the_shared_run(run, tmp_path):
    corpus = tmp_path / "archive"
    corpus.mkdir()
    old = "去年的讲话里有这样一段话：我们要坚持把企业满意作为衡量工作成效的根本标准，一件一件解决企业反映的难题。"
    (corpus / "2025-讲话.txt").write_text(old, encoding="utf-8")
    draft = tmp_path / "new.txt"
    draft.write_text("同志们：\n我们要坚持把企业满意作为衡量工作成效的根本标准，一件一件解决企业反映的难题，这是今年的新要求。",
                     encoding="utf-8")
    report = json.loads(run("check", draft, "--json", "--corpus", corpus).stdout)
    overlap = [f for f in report["findings"] if f["rule"] == "overlap"]
    assert len(overlap) == 1 and overlap[0]["paragraph"] == 2
    assert overlap[0]["quote"] == "我们要坚持把企业满意作为衡量工作成效的根本标准，一件一件解决企业反映的难题"
    assert "2025-讲话.txt" in overlap[0]["message"]
    assert (corpus / ".drafter-index.sqlite").exists()
    # the index follows the corpus: remove the old speech and the finding goes
    (corpus / "2025-讲话.txt").unlink()
    report = json.loads(run("check", draft, "--json", "--corpus", corpus).stdout)
    assert not [f for f in report["findings"] if f["rule"] == "overlap"]


SEED = {p.name[:3]: p for p in Path(str(data_folder("seeds"))).glob("*.txt")}


def _seed_findings(run, key: str) -> set[tuple[str, int]]:
    report = json.loads(run("check", SEED[key], "--json", "--ignore", "overlap").stdout)
    return {(f["rule"], f["paragraph"]) for f in report["findings"]}, report


def test_seed_defects_are_found(run):
    found, report = _seed_findings(run, "002")
    # 002 announces 三个要求 but only two survive the scraping; ASCII punctuation; XX placeholders
    assert ("count", 2) in found and ("punctuation", 2) in found and ("placeholder", 2) in found
    found, _ = _seed_findings(run, "003")
    # 003: 二要 with no 一要, and 一要 … 三是 mixed in one list
    messages = [f["message"] for f in json.loads(run("check", SEED["003"], "--json", "--ignore", "overlap").stdout)["findings"]]
    assert "“二要”前面没有“一要”" in messages
    assert "同一组序号混用：前面用“一要”，这里用“三是”" in messages
    found, report = _seed_findings(run, "000")
    messages = [f["message"] for f in report["findings"]]
    # 000 holds several speeches (市 and 县) run together; each is read on its own and keeps to its own level
    # (read as one text they seemed to contradict each other); gaps 二是 → 五是 → 八是
    from drafter.reader import read_document
    from drafter.semantic import NO_GIVEN, speeches_with_facts

    facts = [f for _, f in speeches_with_facts(read_document(SEED["000"]), NO_GIVEN)]
    assert [(f.level, f.first) for f in facts] == [("市", 1), ("县", 16), ("县", 36), ("市", 56), ("县", 79)]
    assert "level" not in {f["rule"] for f in report["findings"]}
    assert "序号跳号：“二是”之后是“五是”，缺了“三是”" in messages
    assert "序号跳号：“五是”之后是“八是”，缺了“六是”" in messages
    found, _ = _seed_findings(run, "001")
    assert ("placeholder", 28) in found or any(r == "placeholder" for r, _ in found)  # “”规划, blank dates


def test_unreadable_input_is_exit_2(run, tmp_path):
    bad = tmp_path / "draft.docx"
    bad.write_bytes(b"not a zip")
    result = run("check", bad)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{bad}: 不是可读的 Word 文档（.docx）"
    result = run("check", tmp_path / "missing.txt")
    assert result.exit_code == 2 and result.stderr.strip() == f"{tmp_path / 'missing.txt'}: 找不到这个文件"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_rendered_example_passes_check_clean(path, tmp_path, run):
    for seed in (1, 2, 3):
        out = tmp_path / f"d{seed}.docx"
        assert run("render", path, "-o", out, "--seed", seed).exit_code == 0
        result = run("check", out, "--json")
        report = json.loads(result.stdout)
        assert report["findings"] == [], (seed, report["findings"][:3])
        assert result.exit_code == 0


def test_check_paragraphs_matches_the_composed_model():
    loaded = app.load(EXAMPLES / "county-business.yaml")
    speech = compose_speech(loaded.request, loaded.catalog)
    paragraphs = [b.text for b in speech.blocks()]
    report = check_paragraphs(paragraphs, source="model", catalog=loaded.catalog, index=None)
    assert report.findings == []
