"""mine --emit-modules: whole-word titles, short ids a clerk can type, how to use them; set phrases that are
whole phrases (never across punctuation, never a piece of a longer word)."""

from __future__ import annotations

import json

import yaml

from drafter.mine import module_title
from tests.conftest import EXAMPLES


def test_titles_are_whole_words():
    assert module_title("全力营造高效便捷的政务环境") == "全力营造高效便捷的政务环境"
    assert module_title("{{ own.whole }}要在审批提速增效上下功夫，确保企业少跑腿") == "在审批提速增效上下功夫"
    assert module_title("持续深化放管服改革全力打造高效便捷规范透明的一流政务环境") == "一流政务环境"
    assert module_title("“坚持依法行政”") == "坚持依法行政"


def test_emitted_modules_have_typeable_ids_and_the_command_says_how_to_use_them(run, tmp_path):
    source, folder = tmp_path / "old.txt", tmp_path / "本单位模块"
    assert run("render", EXAMPLES / "county-business.yaml", "-o", source).exit_code == 0
    result = run("mine", source, "--emit-modules", folder, "--locality", "临川")
    assert result.exit_code == 0, result.output
    modules = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("*.yaml")}
    by_section: dict[str, list[str]] = {}
    for module_id, data in sorted(modules.items(), key=lambda kv: (kv[0].rsplit("_", 1)[0], int(kv[0].rsplit("_", 1)[1]))):
        assert module_id == data["id"] and module_id == f"{data['section']}_{module_id.rsplit('_', 1)[1]}"
        by_section.setdefault(data["section"], []).append(data["title"])
    lines = result.stdout.splitlines()
    first = next(m for m in modules.values() if m["id"] == "priorities_1")
    assert f"已生成模块：{folder / 'priorities_1.yaml'}（priorities_1：{first['title']}）" in lines
    usage = lines[lines.index("用法：把要用的模块名称写进配置文件的 sections（名称或 id 都可以），例如："):]
    assert usage[1] == "sections:"
    assert usage[2] == f"  awareness: [{', '.join(by_section['awareness'][:4])}]   # 提高认识"
    assert usage[-1] == (f"再运行：drafter render 配置.yaml --templates {folder}（或在配置里写 templates_dir: {folder}）；"
                         f"drafter modules --templates {folder} 列出全部")
    titles = [m["title"] for m in modules.values()]
    assert any(t.startswith("在") and t.endswith(("下功夫", "见实效", "求突破")) for t in titles)  # a point heading, whole


def test_set_phrases_never_cross_punctuation_or_cut_a_word(run, tmp_path):
    text = ("同志们：\n这次召开全县优化营商环境大会，主要任务是部署工作。我们要真抓实干、久久为功。\n"
            "一、提高认识\n优化营商环境大会，主要是统一思想。")
    other = ("同志们：\n今天召开全市优化营商环境大会，主题是动员部署。全市上下真抓实干、久久为功。\n"
             "一、提高认识\n开好优化营商环境大会，关键在落实。")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(other, encoding="utf-8")
    report = json.loads(run("mine", tmp_path / "a.txt", tmp_path / "b.txt", "--json").stdout)
    phrases = [p["phrase"] for p in report["phrases"]]
    assert "优化营商环境大会" in phrases and "真抓实干" in phrases and "久久为功" in phrases
    assert not [p for p in phrases if set(p) & set("，、。：")]
    assert "化营商环境大会" not in phrases and "营商环境大会" not in phrases
