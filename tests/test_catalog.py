"""The catalog as data: every bundled file loads and obeys the authoring rules; user folders override."""

from __future__ import annotations

import re
import textwrap

import pytest

from drafter import app
from drafter.catalog import HEADING_STYLES, SECTIONS, load_catalog
from drafter.compose import compose_speech
from tests.conftest import MINIMAL

CATALOG = load_catalog()
HAND_NUMBERING = re.compile(r"(^|[。；：])[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+[，、]|（[一二三四五六七八九十]+）")


def test_营商环境_has_the_module_counts_the_issue_asks_for():
    counts = {s: len(CATALOG.modules_for(s, "营商环境")) for s in SECTIONS}
    assert counts["awareness"] >= 5 and counts["priorities"] >= 8 and counts["implementation"] >= 6


@pytest.mark.parametrize("module", list(CATALOG.modules.values()), ids=lambda m: m.id)
def test_every_module_follows_the_authoring_rules(module):
    assert module.section in SECTIONS and module.description and module.title
    for theme in module.themes:
        assert all(module.heading(s, theme) for s in HEADING_STYLES[module.section]), theme
        assert len(module.variants_for(theme)) >= 2
    texts = [t for v in module.headings.values() for t in ([v] if isinstance(v, str) else v.values())]
    for variant in module.bodies:
        for block in variant.blocks:
            texts += [block] if isinstance(block, str) else [p.lead + "。" + p.text for p in block.points]
    for text in texts:
        assert not HAND_NUMBERING.search(text), text
        assert not re.search(r"[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]", text), text


def _module(folder, module_id: str, title: str, bodies: list[str], headings: str = "标题一, 标题二, 标题三") -> None:
    """Write a priorities module of the 营商环境 theme into a user folder."""
    actions = [h.strip() for h in headings.split(",")]
    lines = [f"id: {module_id}", f"title: {title}", "section: priorities", "themes: [营商环境]",
             f"description: {title}（测试）", "headings:", f"  action: {actions[0]}", f"  should: {actions[1]}",
             f"  effort: {actions[2]}", "bodies:"] + [f'  - - "{body}"' for body in bodies]
    (folder / f"{module_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_user_folder_overrides_and_adds_modules(tmp_path, write_config):
    folder = tmp_path / "mine"
    folder.mkdir()
    _module(folder, "government_services", "政务环境",
            ["本单位改写的第一种写法，{{ own.whole }}要把窗口服务做实做细。",
             "本单位改写的第二种写法，{{ own.whole }}要把窗口服务做实做细。"],
            "推行“一窗通办”，打造{{ area.name }}政务服务品牌, 窗口服务要再提速, 在窗口服务上见实效")
    _module(folder, "night_market", "夜间经济",
            ["夜间经济是{{ area.our }}消费升级的新增长点，写法一。", "夜间经济是{{ area.our }}消费升级的新增长点，写法二。"],
            "繁荣夜间经济，打造烟火气十足的消费环境, 夜间经济要再升温, 在繁荣夜间经济上求突破")
    config = write_config(MINIMAL + f"templates_dir: {folder}\nsections:\n  priorities: [政务环境, 夜间经济]\n")
    loaded = app.load(config)
    speech = compose_speech(loaded.request, loaded.catalog)
    text = speech.body_text()
    assert "本单位改写的" in text and "全县要把窗口服务做实做细" in text
    assert "夜间经济是我县消费升级的新增长点" in text
    point = next(p for s in speech.sections for p in s.points if p.module_id == "government_services")
    # the bundled module is replaced, not merged: its point says only the user's words
    assert [p.text for p in point.paragraphs] and all("本单位改写的" in p.text for p in point.paragraphs)


def test_user_templates_are_sandboxed(tmp_path, write_config):
    folder = tmp_path / "evil"
    folder.mkdir()
    _module(folder, "evil", "恶意模块", ["{{ own.__class__.__mro__[1].__subclasses__() }}", "正常文字。"])
    config = write_config(MINIMAL + f"templates_dir: {folder}\nseed: 1\nsections:\n  priorities: [恶意模块]\n")
    from drafter.errors import DrafterError

    loaded = app.load(config)
    with pytest.raises(DrafterError):
        for seed in range(6):
            compose_speech(loaded.request, loaded.catalog, seed=seed)


def test_a_missing_slot_is_an_error_naming_the_file(tmp_path, write_config):
    folder = tmp_path / "mine"
    folder.mkdir()
    _module(folder, "typo", "笔误模块", ["{{ own.wholee }}要抓落实。", "{{ own.wholee }}要抓落实。"])
    config = write_config(MINIMAL + f"templates_dir: {folder}\nsections:\n  priorities: [笔误模块]\n")
    from drafter.errors import DrafterError

    loaded = app.load(config)
    with pytest.raises(DrafterError, match=r"typo.yaml: 模板用了不存在的占位：.*wholee"):
        compose_speech(loaded.request, loaded.catalog)


def test_extension_files_add_a_themes_wording(tmp_path):
    folder = tmp_path / "ext"
    folder.mkdir()
    (folder / "government_services.extra.yaml").write_text(textwrap.dedent("""\
        extends: government_services
        theme: 营商环境
        bodies:
          - - 单位补充的写法。
        extras:
          - 单位补充的扩展段落。
        """), encoding="utf-8")
    catalog = load_catalog(folder)
    module = catalog.modules["government_services"]
    assert len(module.bodies) == len(CATALOG.modules["government_services"].bodies) + 1
    assert module.extras[-1].block == "单位补充的扩展段落。"
