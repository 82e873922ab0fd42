"""`outline` and `check` count a draft's characters with one function; `check` does not find a corpus file
overlapping itself when the checked draft lies inside the corpus."""

from __future__ import annotations

import json
import re
import shutil

from drafter.text import spoken_chars
from tests.conftest import EXAMPLES


def test_outline_and_check_give_the_same_count(run, tmp_path):
    config = EXAMPLES / "county-business.yaml"
    total = int(re.search(r"合计  (\d+) 字", run("outline", config).output)[1])
    for fmt in ("docx", "txt", "md"):
        draft = tmp_path / f"d.{fmt}"
        assert run("render", config, "-o", draft).exit_code == 0
        report = json.loads(run("check", draft, "--json", "--ignore", "overlap").output)
        assert report["chars"] == total, fmt


def test_title_speaker_and_date_lines_are_not_counted():
    paragraphs = ["在全县优化营商环境工作会议上的讲话", "县委书记　张明远", "（2026年3月16日）", "同志们：", "这次会议很重要。"]
    assert spoken_chars(paragraphs) == 4 + 8
    assert spoken_chars(["没有称呼的一段。", "第二段"]) == 8 + 3


def test_the_checked_draft_is_not_compared_with_itself(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    draft = corpus / "d.txt"
    assert run("render", EXAMPLES / "county-business.yaml", "-o", draft).exit_code == 0
    result = run("check", draft, "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert "与语料" not in result.output
    shutil.copy(draft, corpus / "copy.txt")  # another file of the corpus with the same text still counts
    result = run("check", draft, "--corpus", corpus, "--json")
    sources = {re.search(r"与语料“(.+?)”", f["message"])[1] for f in json.loads(result.output)["findings"]
               if f["rule"] == "overlap"}
    assert sources == {"copy.txt"}
