"""The one Jinja environment: sandboxed, strict (a missing slot is an error, never a blank), and cached."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from drafter.catalog import Phrase
from drafter.errors import CatalogError

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
_CACHE: dict[str, Any] = {}


def render(source: str, context: dict[str, Any], where: str) -> str:
    """Render one template string; config values arrive as data in `context`, never as template code."""
    if "{" not in source:  # a plain string (about half the renders): no template to compile or run
        return source.strip()
    template = _CACHE.get(source)
    try:
        if template is None:
            template = _CACHE[source] = _ENV.from_string(source)
        return template.render(context).strip()
    except UndefinedError as exc:
        raise CatalogError(f"{where}: 模板用了不存在的占位：{exc.message}") from None
    except TemplateError as exc:
        raise CatalogError(f"{where}: 模板写法有误：{exc}") from None


class PhrasePicker:
    """Hands out phrase-bank entries by tag; in a final render no entry is used twice in one draft."""

    def __init__(self, phrases: list[Phrase], theme: str, *, reuse: bool = False) -> None:
        self._by_tag: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            if phrase.themes is None or theme in phrase.themes:
                self._by_tag.setdefault(phrase.tag, []).append(phrase)
        self._used: set[str] = set()
        self._reuse = reuse

    def bind(self, rng: random.Random, context: dict[str, Any]) -> Callable[[str], str]:
        def phrase(tag: str) -> str:
            pool = [p for p in self._by_tag.get(tag, []) if self._reuse or p.id not in self._used]
            if not pool:
                raise CatalogError(f"phrasebank: 标签“{tag}”没有可用的短语（条目不足或标签写错）")
            chosen = rng.choice(pool)
            self._used.add(chosen.id)
            return render(chosen.text, context, f"phrasebank/{chosen.id}")

        return phrase

    @property
    def used(self) -> frozenset[str]:
        return frozenset(self._used)
