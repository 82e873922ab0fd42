"""Plain strings (no `{`) skip Jinja: same text as a template render, and nothing compiled for them."""

from __future__ import annotations

from drafter.catalog import load_catalog
from drafter.compose import render as render_module
from drafter.compose.render import _ENV, render


def test_a_plain_string_is_returned_without_compiling_a_template():
    text = "全县上下要拿出真抓实干的劲头。\n"
    assert render(text, {}, "x") == "全县上下要拿出真抓实干的劲头。"
    assert text not in render_module._CACHE
    assert render("{{ own.our }}要抓好落实。", {"own": {"our": "我县"}}, "x") == "我县要抓好落实。"
    assert "{{ own.our }}要抓好落实。" in render_module._CACHE


def test_every_plain_catalog_text_renders_as_jinja_would():
    catalog = load_catalog()
    texts = [p.text for p in catalog.phrases]
    for module in catalog.modules.values():
        for body in module.bodies:
            texts += [block for block in body.blocks if isinstance(block, str)]
    plain = [t for t in texts if "{" not in t]
    assert len(plain) > 20
    for text in plain:
        assert render(text, {}, "x") == _ENV.from_string(text).render().strip()
