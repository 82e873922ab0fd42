"""The one Jinja environment: sandboxed, strict (a missing slot is an error, never a blank), and cached."""

from __future__ import annotations

import atexit
import functools
import hashlib
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from drafter import cache
from drafter.catalog import Phrase
from drafter.errors import CatalogError

# A user's module is a paragraph or two: one render may take this long and write this much, no more.
SECONDS = 2.0
MAX_CHARS = 100_000
MAX_NUMBER = 1_000_000  # the largest count a template may hand to a repetition (range, *, center, lipsum…)
MESSAGES = {
    "undefined": "{where}: 模板用了不存在的占位：{detail}",
    "syntax": "{where}: 模板写法有误：{detail}",
    "unsafe": "{where}: 模板访问了不允许的属性或函数（{detail}），模块里只用占位、循环和判断",
    "nesting": "{where}: 模板里不能用 include/import/extends（每个模块自成一体，不引用别的模板）",
    "slow": "{where}: 模板运行超时（超过 {seconds:g} 秒），请检查循环是否过大",
    "long": "{where}: 模板生成的文字过长（超过 {limit} 字），请检查循环或重复",
    "big": "{where}: 模板里的数值过大（{value}），重复或循环的次数最多 {limit}",
    "recursion": "{where}: 模板里的宏或循环递归过深",
    "failed": "{where}: 模板运行出错：{detail}",
}


class BudgetExceeded(Exception):
    def __init__(self, kind: str, **detail: Any) -> None:
        super().__init__(kind)
        self.kind, self.detail = kind, detail


_LOCAL = threading.local()  # the running render's deadline, per thread (renders nest: a phrase inside a module)


def _tick() -> None:
    deadline = getattr(_LOCAL, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise BudgetExceeded("slow", seconds=SECONDS)


_WIDE = re.compile(r"\d{7,}")  # a field width of millions in a format string ('%1000000000d', '{:>1000000000}')


def _small(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
        raise BudgetExceeded("big", value=str(value)[:20], limit=MAX_NUMBER)
    if isinstance(value, str) and ("%" in value or "{" in value) and (wide := _WIDE.search(value)):
        raise BudgetExceeded("big", value=wide.group()[:20], limit=MAX_NUMBER)


def _range(*args: int) -> Iterator[int]:
    """range() whose every step checks the clock: nested loops cannot run away."""
    for arg in args:
        _small(arg)
    for number in range(*args):
        _tick()
        yield number


def _iter(items: Any) -> Iterator[Any]:
    """What every `{% for %}` loops over (the compiled template is rewritten so): a tick per step, so that
    loops nested over long lists or strings cannot run away either."""
    for item in items:
        _tick()
        yield item


def _sized(value: Any) -> Any:
    if isinstance(value, str | list | tuple | dict) and len(value) > MAX_CHARS:
        raise BudgetExceeded("long", limit=MAX_CHARS)
    return value


def _concat(*parts: Any) -> str:
    """`a ~ b`, with the size checked before the string is built (doubling in a loop)."""
    texts = [str(p) for p in parts]
    if sum(map(len, texts)) > MAX_CHARS:
        raise BudgetExceeded("long", limit=MAX_CHARS)
    return "".join(texts)


def _growth(name: str, args: tuple[Any, ...]) -> None:
    """Refuse, before it runs, a replace or join whose result would be far too long."""
    texts = [a for a in args if isinstance(a, str)]
    if name in ("replace", "do_replace") and len(texts) >= 3:
        text, old, new = texts[:3]
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * len(new) > MAX_CHARS:
            raise BudgetExceeded("long", limit=MAX_CHARS)
    if name in ("join", "do_join"):
        sep = next((a for a in args if isinstance(a, str)), "")
        items = next((a for a in args if isinstance(a, list | tuple)), ())
        if len(sep) * len(items) > MAX_CHARS:
            raise BudgetExceeded("long", limit=MAX_CHARS)


def _guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)  # keeps jinja's pass_context/pass_environment marks
    def call(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            _small(value)
        _growth(func.__name__, args)
        _tick()
        return _sized(func(*args, **kwargs))

    return call


class BudgetedEnvironment(SandboxedEnvironment):
    """The sandbox (no attribute escapes) plus a budget: bounded numbers, repetition, time and output."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "%":
            _small(left)
        if operator == "**":
            _small(right if isinstance(right, int) else 0)
            if isinstance(right, int | float) and abs(right) > 64:
                raise BudgetExceeded("big", value=f"**{right}", limit=64)
        if operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            if len(left) + len(right) > MAX_CHARS:
                raise BudgetExceeded("long", limit=MAX_CHARS)
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int) and len(seq) * count > MAX_CHARS:
                    raise BudgetExceeded("long", limit=MAX_CHARS)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str | list | tuple) and len(result) > MAX_CHARS:
            raise BudgetExceeded("long", limit=MAX_CHARS)
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 — jinja's own signature
        bound = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)  # 'x'.format is wrapped by the sandbox
        for value in (bound, *args, *kwargs.values()):
            _small(value)
        if isinstance(bound, str):
            _growth(getattr(__obj, "__name__", ""), (bound, *args))
        _tick()
        return _sized(super().call(__context, __obj, *args, **kwargs))


_ENV = BudgetedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
_ENV.globals.update(range=_range, _drafter_iter=_iter, _drafter_concat=_concat)
_ENV.globals.pop("lipsum", None)  # filler text has no place in a speech
_ENV.filters = {name: _guarded(f) for name, f in _ENV.filters.items()}
_CACHE: dict[str, Any] = {}
# The environment's globals as one plain dict, shared by every template: Jinja copies a template's globals into
# each render's context, and its default (a ChainMap per template) is several times slower to copy; no template
# changes them.
_GLOBALS: dict[str, Any] = dict(_ENV.globals)
# Compiled code of each template source, kept across runs (drafter/cache.py): parsing and generating a
# template costs far more than running it, and the bundled modules hold about a hundred and fifty.
_CODES_FILE = "templates.marshal"
_codes: dict[str, Any] | None = None
_fresh: dict[str, Any] = {}


def _codes_key() -> str:
    mine = Path(__file__).stat()  # this file rewrites the templates: a change here compiles them anew
    return cache.fingerprint([], jinja2.__version__, f"{mine.st_size}:{mine.st_mtime_ns}")


def _compile(source: str) -> Any:
    global _codes
    if _codes is None:
        _codes = cache.load_codes(_CODES_FILE, _codes_key())
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    code = _codes.get(digest)
    if code is None:
        code = _ENV.compile(_rewritten(source))
        if not _fresh:  # the first new one: keep them all when the process ends, where the cache is now
            atexit.register(_keep_codes, cache.folder())
        _codes[digest] = _fresh[digest] = code
    return _ENV.template_class.from_code(_ENV, code, _GLOBALS, None)


MAX_CODES = 5000  # the bundled modules need ~150; a unit's own templates, edited over the years, start it afresh


def _keep_codes(where: Path) -> None:
    known = cache.load_codes(_CODES_FILE, key := _codes_key())
    kept = {**known, **_fresh}
    cache.store_codes(_CODES_FILE, key, kept if len(kept) <= MAX_CODES else dict(_codes or _fresh), where)


def _rewritten(source: str) -> nodes.Template:
    """The parsed template with its loops and `~` routed through the budget's watchers."""
    tree = _ENV.parse(source)
    if any(True for _ in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))):
        raise BudgetExceeded("nesting")
    for loop in tree.find_all(nodes.For):  # every loop steps through _iter, which watches the clock
        loop.iter = nodes.Call(nodes.Name("_drafter_iter", "load"), [loop.iter], [], None, None, lineno=loop.lineno)
    for parent in tree.find_all(nodes.Node):  # every `~` goes through _concat, which checks the size first
        for field in parent.fields:
            child = getattr(parent, field, None)
            if isinstance(child, nodes.Concat):
                setattr(parent, field, _call_concat(child))
            elif isinstance(child, list):
                setattr(parent, field, [_call_concat(c) if isinstance(c, nodes.Concat) else c for c in child])
    tree.set_environment(_ENV)
    return tree


def _call_concat(node: nodes.Concat) -> nodes.Call:
    return nodes.Call(nodes.Name("_drafter_concat", "load"), node.nodes, [], None, None, lineno=node.lineno)


def _run(template: Any, context: dict[str, Any]) -> str:
    outer = getattr(_LOCAL, "deadline", None) is None
    if outer:
        _LOCAL.deadline = time.monotonic() + SECONDS
    try:
        out, size = [], 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_CHARS:
                raise BudgetExceeded("long", limit=MAX_CHARS)
            _tick()
            out.append(chunk)
        return "".join(out)
    finally:
        if outer:
            _LOCAL.deadline = None


def render(source: str, context: dict[str, Any], where: str) -> str:
    """Render one template string; config values arrive as data in `context`, never as template code."""
    if "{" not in source:  # a plain string (about half the renders): no template to compile or run
        return source.strip()
    template = _CACHE.get(source)
    try:
        if template is None:
            template = _CACHE[source] = _compile(source)
        return _run(template, context).strip()
    except CatalogError:
        raise
    except BudgetExceeded as exc:
        raise CatalogError(MESSAGES[exc.kind].format(where=where, **exc.detail)) from None
    except UndefinedError as exc:
        raise CatalogError(MESSAGES["undefined"].format(where=where, detail=_undefined(exc.message))) from None
    except SecurityError as exc:
        raise CatalogError(MESSAGES["unsafe"].format(where=where, detail=_quoted(str(exc)) or "不安全的调用")) from None
    except TemplateError as exc:
        raise CatalogError(MESSAGES["syntax"].format(where=where, detail=_syntax(exc))) from None
    except (RecursionError, MemoryError):
        raise CatalogError(MESSAGES["recursion"].format(where=where)) from None
    except Exception as exc:  # noqa: BLE001 — a user's template may fail in any way Python can (1/0, 'a' + 1)
        reason = FAILURES.get(type(exc).__name__, "Python 报错")
        raise CatalogError(MESSAGES["failed"].format(where=where, detail=f"{reason}（{type(exc).__name__}）")) from None


# Jinja's and Python's English, as the clerk who edits a module reads it (the line says which file).
SYNTAX = [
    (r"Encountered unknown tag '([^']*)'", "不认识的标签“{0}”（能用的有 if、for、set、macro）"),
    (r"Unexpected end of template", "模板意外结束：{{% if %}}、{{% for %}} 等缺少对应的 {{% endif %}}、{{% endfor %}}"),
    (r"unexpected end of template", "模板意外结束：{{{{ 或 {{% 没有成对"),
    (r"No filter named '([^']*)'", "不认识的过滤器“|{0}”"),
    (r"No test named '([^']*)'", "不认识的判断“is {0}”"),
    (r"unexpected char '(.*)' at", "出现了不能用的字符 {0}"),
    (r"unexpected '([^']*)'", "这里多了“{0}”"),
    (r"expected token '([^']*)', got '([^']*)'", "这里应是“{0}”，却是“{1}”"),
    (r"Expected an expression", "{{{{ }}}} 或 {{% %}} 里缺少内容"),
]
TOKENS = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "模板末尾",
          "begin of print statement": "{{", "begin of statement block": "{%"}
FAILURES = {"ZeroDivisionError": "除以零", "TypeError": "类型不对，如文字和数字相加", "ValueError": "取值无效",
            "IndexError": "取了不存在的第几项", "KeyError": "取了不存在的一项", "OverflowError": "数值过大",
            "AttributeError": "用了不存在的属性"}


def _quoted(text: str) -> str:
    found = re.findall(r"'([^']*)'", text)
    return found[0] if found else ""


def _undefined(message: str | None) -> str:
    """'lipsum' is undefined → lipsum; 'dict object' has no attribute 'x' → x."""
    found = re.findall(r"'([^']*)'", message or "")
    return f"“{found[-1]}”" if found else "不存在的一项"


def _syntax(exc: TemplateError) -> str:
    message = str(exc.message or "") if isinstance(exc, TemplateSyntaxError) else str(exc)
    for pattern, chinese in SYNTAX:
        if match := re.search(pattern, message):
            return chinese.format(*(TOKENS.get(g, g) for g in match.groups()))
    return "{{ }} 或 {% %} 的写法不对，请对照随附的模块检查"


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
