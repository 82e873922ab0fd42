"""A small typed-model validator for the config and the catalog, in pydantic's manner and with its error
records ({type, loc, msg, input, ctx}), without its import cost (pydantic alone weighed more than every
other library of a render together).

A model is declared as before: a class with annotated fields and defaults, `Field(...)` for bounds, aliases
and default factories, `Annotated[T, BeforeValidator(f), Field(...)]` for coercions, `field_validator` and
`model_validator(mode="after")` for checks. Adding a key is adding one annotated line to the model."""

from __future__ import annotations

import copy
import datetime
import math
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union

_FAIL = object()  # a value that failed (its errors are already recorded)
_MISSING = object()


class Invalid(ValueError):  # noqa: N818 — the counterpart of pydantic's PydanticCustomError
    """A refusal with its own error type and message: `Invalid("cn_date", "没有这一天：{found}", {"found": …})`."""

    def __init__(self, kind: str, template: str, ctx: dict[str, Any] | None = None) -> None:
        self.kind, self.ctx = kind, dict(ctx or {})
        self.message = re.sub(r"\{(\w+)\}", lambda m: str(self.ctx.get(m[1], m[0])), template)
        super().__init__(self.message)


class ValidationError(ValueError):
    """Every problem of one validation; `errors()` lists them as pydantic does."""

    def __init__(self, model: str, errors: list[dict[str, Any]]) -> None:
        self._errors = errors
        super().__init__(f"{len(errors)} 处错误，校验 {model}：" + "；".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors))

    def errors(self) -> list[dict[str, Any]]:
        return [dict(e) for e in self._errors]


# Messages of the built-in error types (the config's own Chinese wording is in drafter/config/loader.py).
_MESSAGES = {
    "missing": "缺少必填项", "extra_forbidden": "不认识的键", "model_type": "应为键值映射",
    "dict_type": "应为键值映射", "list_type": "应为列表", "string_type": "应为文字", "int_type": "应为整数",
    "int_parsing": "应为整数", "int_from_float": "应为整数", "float_type": "应为数字", "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false", "date_type": "应为日期", "date_parsing": "应为日期",
    "finite_number": "应为有限的数字", "literal_error": "应为 {expected} 之一",
    "too_short": "至少 {min_length} 项", "too_long": "最多 {max_length} 项",
    "string_too_short": "至少 {min_length} 个字", "string_too_long": "最多 {max_length} 个字",
    "greater_than_equal": "应不小于 {ge}", "less_than_equal": "应不大于 {le}",
}


def _error(errors: list, kind: str, loc: tuple, value: Any, ctx: dict[str, Any] | None = None,
           msg: str | None = None) -> object:
    record: dict[str, Any] = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx:
        record["ctx"] = ctx
    if msg is None:
        record["msg"] = re.sub(r"\{(\w+)\}", lambda m: str((ctx or {}).get(m[1], m[0])), _MESSAGES.get(kind, kind))
    errors.append(record)
    return _FAIL


def _refusal(errors: list, exc: ValueError, loc: tuple, value: Any) -> object:
    if isinstance(exc, Invalid):
        return _error(errors, exc.kind, loc, value, exc.ctx, exc.message)
    return _error(errors, "value_error", loc, value, {"error": str(exc)}, f"Value error, {exc}")


class FieldInfo:
    """Bounds, alias and default of one field (or, inside Annotated, bounds of one type)."""

    def __init__(self, default: Any = _MISSING, *, default_factory: Callable[[], Any] | None = None,
                 alias: str | None = None, min_length: int | None = None, max_length: int | None = None,
                 ge: float | None = None, le: float | None = None, allow_inf_nan: bool = True) -> None:
        self.default, self.default_factory, self.alias = default, default_factory, alias
        self.min_length, self.max_length, self.ge, self.le = min_length, max_length, ge, le
        self.allow_inf_nan = allow_inf_nan
        self.annotation: Any = None
        self.check: Callable[[Any, tuple, list], Any] = _identity

    @property
    def bounded(self) -> bool:
        return (self.min_length, self.max_length, self.ge, self.le) != (None,) * 4 or not self.allow_inf_nan

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def make_default(self) -> Any:
        if self.default_factory is not None:
            return self.default_factory()
        return copy.copy(self.default) if isinstance(self.default, list | dict) else self.default


def Field(default: Any = _MISSING, **kwargs: Any) -> Any:  # noqa: N802 — read as pydantic's Field
    return FieldInfo(default, **kwargs)


class BeforeValidator:
    """Runs on the raw value before the type is checked (a coercion, or an Invalid raised)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func


def field_validator(*names: str, mode: str = "after") -> Callable[[Any], Any]:
    def mark(func: Any) -> Any:
        target = func.__func__ if isinstance(func, classmethod) else func
        target.__validates__ = (names, mode)
        return func

    return mark


def model_validator(*, mode: str) -> Callable[[Any], Any]:
    """mode="after": a check of the built model (an instance method); mode="before": a classmethod that sees the
    raw input first (blank keys dropped …)."""
    assert mode in ("after", "before"), "model validators run before or after"

    def mark(func: Any) -> Any:
        target = func.__func__ if isinstance(func, classmethod) else func
        target.__validates_model__ = mode
        return func

    return mark


def _identity(value: Any, loc: tuple, errors: list) -> Any:
    return value


# ── validators of the types, built once per annotation ──────────────────────────────────────────────────

def _str(value: Any, loc: tuple, errors: list) -> Any:
    return value if isinstance(value, str) else _error(errors, "string_type", loc, value)


_INTEGRAL = re.compile(r"\s*[+-]?\d+(\.0*)?\s*")


def _int(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return _error(errors, "finite_number", loc, value)
        return int(value) if value == int(value) else _error(errors, "int_from_float", loc, value)
    if isinstance(value, str):
        if _INTEGRAL.fullmatch(value):
            return int(value.strip().split(".")[0])
        return _error(errors, "int_parsing", loc, value)
    return _error(errors, "int_type", loc, value)


def _float(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, bool | int):
        return float(value)
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return _error(errors, "float_parsing", loc, value)
    return _error(errors, "float_type", loc, value)


def _bool(value: Any, loc: tuple, errors: list) -> Any:
    return value if isinstance(value, bool) else _error(errors, "bool_type", loc, value)


def _date(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date()
        return _error(errors, "date_type", loc, value)
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return _error(errors, "date_parsing", loc, value)
    return _error(errors, "date_type", loc, value)


_SCALARS = {str: _str, int: _int, float: _float, bool: _bool, datetime.date: _date, Any: _identity}


def _bounded(check: Callable, info: FieldInfo) -> Callable:
    """The type's check, then the bounds of a Field() (a list's upper bound first, as it is counted)."""

    def too_many(value: Any, loc: tuple, errors: list) -> object:
        ctx = {"field_type": "List", "max_length": info.max_length, "actual_length": len(value)}
        return _error(errors, "too_long", loc, value, ctx)

    def bounded(raw: Any, loc: tuple, errors: list) -> Any:
        if isinstance(raw, list | tuple) and info.max_length is not None and len(raw) > info.max_length:
            return too_many(raw, loc, errors)
        value = check(raw, loc, errors)
        if value is _FAIL or value is None:
            return value
        if isinstance(value, float) and not info.allow_inf_nan and not math.isfinite(value):
            return _error(errors, "finite_number", loc, raw)
        if isinstance(value, str | list | dict):
            strings = isinstance(value, str)
            if info.min_length is not None and len(value) < info.min_length:
                kind = "string_too_short" if strings else "too_short"
                ctx = {"min_length": info.min_length} if strings else {
                    "field_type": "List", "min_length": info.min_length, "actual_length": len(value)}
                return _error(errors, kind, loc, value, ctx)
            if info.max_length is not None and len(value) > info.max_length:
                if not strings:
                    return too_many(value, loc, errors)
                return _error(errors, "string_too_long", loc, value, {"max_length": info.max_length})
        elif isinstance(value, int | float):
            kind = type(value)  # a float field's bounds read as floats (应不小于 5.0)
            if info.ge is not None and value < info.ge:
                return _error(errors, "greater_than_equal", loc, raw, {"ge": kind(info.ge)})
            if info.le is not None and value > info.le:
                return _error(errors, "less_than_equal", loc, raw, {"le": kind(info.le)})
        return value

    return bounded


def _before(check: Callable, func: Callable[[Any], Any]) -> Callable:
    def before(value: Any, loc: tuple, errors: list) -> Any:
        try:
            value = func(value)
        except ValueError as exc:
            return _refusal(errors, exc, loc, value)
        return check(value, loc, errors)

    return before


def _list(item: Callable) -> Callable:
    def check(value: Any, loc: tuple, errors: list) -> Any:
        if not isinstance(value, list | tuple):
            return _error(errors, "list_type", loc, value)
        out, failed = [], False
        for i, element in enumerate(value):
            checked = item(element, (*loc, i), errors)
            failed = failed or checked is _FAIL
            out.append(checked)
        return _FAIL if failed else out

    return check


def _dict(key: Callable, item: Callable) -> Callable:
    def check(value: Any, loc: tuple, errors: list) -> Any:
        if not isinstance(value, dict):
            return _error(errors, "dict_type", loc, value)
        out, failed = {}, False
        for k, element in value.items():
            checked_key = key(k, (*loc, k), errors)
            checked = item(element, (*loc, k), errors)
            failed = failed or checked is _FAIL or checked_key is _FAIL
            out[checked_key] = checked
        return _FAIL if failed else out

    return check


def _optional(check: Callable) -> Callable:
    def optional(value: Any, loc: tuple, errors: list) -> Any:
        return None if value is None else check(value, loc, errors)

    return optional


def _union(members: list[tuple[Any, Callable]]) -> Callable:
    """str | Model: the first member whose kind the value has (a string is text, a mapping the model)."""

    def union(value: Any, loc: tuple, errors: list) -> Any:
        for kind, check in members:
            if isinstance(kind, type) and isinstance(value, kind):
                return check(value, loc, errors)
        for kind, check in members:
            if isinstance(kind, type) and issubclass(kind, Model) and isinstance(value, dict):
                return check(value, loc, errors)
        return members[0][1](value, loc, errors)

    return union


def _literal(choices: tuple) -> Callable:
    expected = " or ".join(repr(c) for c in choices) if len(choices) <= 2 else \
        ", ".join(repr(c) for c in choices[:-1]) + f" or {choices[-1]!r}"

    def literal(value: Any, loc: tuple, errors: list) -> Any:
        return value if value in choices else _error(errors, "literal_error", loc, value, {"expected": expected})

    return literal


def build(tp: Any, namespace: dict[str, Any]) -> Callable:
    """The validator of one annotation."""
    if isinstance(tp, str):
        tp = eval(tp, namespace)  # noqa: S307 — our own annotations, resolved as typing does
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(tp)
        check = build(base, namespace)
        befores = [m.func for m in meta if isinstance(m, BeforeValidator)]
        for info in (m for m in meta if isinstance(m, FieldInfo)):
            check = _bounded(check, info)
        for func in reversed(befores):
            check = _before(check, func)
        return check
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        members = [a for a in args if a is not type(None)]
        inner = build(members[0], namespace) if len(members) == 1 else \
            _union([(typing.get_origin(m) or m, build(m, namespace)) for m in members])
        return _optional(inner) if len(members) < len(args) else inner
    if origin is list:
        return _list(build(typing.get_args(tp)[0], namespace))
    if origin is dict:
        key, item = typing.get_args(tp)
        return _dict(build(key, namespace), build(item, namespace))
    if origin is Literal:
        return _literal(typing.get_args(tp))
    if isinstance(tp, type) and issubclass(tp, Model):
        return tp._check
    if tp in _SCALARS:
        return _SCALARS[tp]
    raise TypeError(f"schema: unsupported annotation {tp!r}")


# ── the model ───────────────────────────────────────────────────────────────────────────────────────────

class Model:
    """Fields from annotations; extra keys refused; frozen (assign only through model_copy)."""

    model_fields: typing.ClassVar[dict[str, FieldInfo]]
    _ready: typing.ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._ready = False

    @classmethod
    def _prepare(cls) -> None:
        """Resolve the annotations and build the field checks (on first use: forward references resolve)."""
        if cls.__dict__.get("_ready"):
            return
        namespace = {**vars(typing), **vars(sys.modules[cls.__module__]), cls.__name__: cls}
        fields: dict[str, FieldInfo] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in klass.__dict__.get("__annotations__", {}).items():
                if name.startswith("_") or name == "model_fields":
                    continue
                raw = klass.__dict__.get(name, _MISSING)
                info = copy.copy(raw) if isinstance(raw, FieldInfo) else FieldInfo(raw)
                info.annotation = annotation
                info.check = build(annotation, namespace)
                if info.bounded:
                    info.check = _bounded(info.check, info)
                fields[name] = info
        befores: dict[str, list[Callable]] = {}
        afters: dict[str, list[Callable]] = {}
        model_checks: list[Callable] = []
        model_befores: list[Callable] = []
        for klass in reversed(cls.__mro__):
            for attr in klass.__dict__.values():
                func = attr.__func__ if isinstance(attr, classmethod) else attr
                if marks := getattr(func, "__validates__", None):
                    names, mode = marks
                    for name in names:
                        (befores if mode == "before" else afters).setdefault(name, []).append(func)
                if getattr(func, "__validates_model__", None) == "after":
                    model_checks.append(func)
                elif getattr(func, "__validates_model__", None) == "before":
                    model_befores.append(func)
        cls.model_fields = fields
        cls._befores, cls._afters, cls._model_checks = befores, afters, model_checks
        cls._model_befores = model_befores
        cls._aliases = {info.alias: name for name, info in fields.items() if info.alias}
        cls._ready = True

    @classmethod
    def _check(cls, value: Any, loc: tuple, errors: list) -> Any:
        if isinstance(value, cls):
            return value
        cls._prepare()
        for func in cls._model_befores:
            value = func(cls, value)
        if not isinstance(value, dict):
            return _error(errors, "model_type", loc, value)
        fields = cls.model_fields
        given = {cls._aliases.get(key, key): key for key in value}
        before = len(errors)
        out: dict[str, Any] = {}
        for name, info in fields.items():
            key = given.get(name)
            if key is None:
                if info.required:
                    _error(errors, "missing", (*loc, info.alias or name), {k: value[k] for k in value})
                else:
                    out[name] = info.make_default()
                continue
            raw = value[key]
            where = (*loc, key)
            try:
                for func in cls._befores.get(name, ()):
                    raw = func(cls, raw)
            except ValueError as exc:
                _refusal(errors, exc, where, raw)
                continue
            checked = info.check(raw, where, errors)
            if checked is _FAIL:
                continue
            try:
                for func in cls._afters.get(name, ()):
                    checked = func(cls, checked)
            except ValueError as exc:
                _refusal(errors, exc, where, checked)
                continue
            out[name] = checked
        for key in value:
            if cls._aliases.get(key, key) not in fields:
                _error(errors, "extra_forbidden", (*loc, key), value[key])
        if len(errors) > before:
            return _FAIL
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", out)
        model.model_post_init(None)
        for func in cls._model_checks:
            try:
                model = func(model)
            except ValueError as exc:
                return _refusal(errors, exc, loc, value)
        return model

    @classmethod
    def model_validate(cls, value: Any) -> Any:
        errors: list[dict[str, Any]] = []
        model = cls._check(value, (), errors)
        if model is _FAIL:
            raise ValidationError(cls.__name__, errors)
        return model

    def __init__(self, **values: Any) -> None:
        errors: list[dict[str, Any]] = []
        model = type(self)._check(values, (), errors)
        if model is _FAIL:
            raise ValidationError(type(self).__name__, errors)
        object.__setattr__(self, "__dict__", model.__dict__)

    def model_post_init(self, _context: Any) -> None:
        """Runs once a model is built, before its model validators."""

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        clone = type(self).__new__(type(self))
        object.__setattr__(clone, "__dict__", {**self.__dict__, **(update or {})})
        return clone

    def model_dump(self) -> dict[str, Any]:
        return {name: _dump(value) for name, value in self.__dict__.items()}

    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} is frozen: use model_copy(update=…)")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


def _dump(value: Any) -> Any:
    if isinstance(value, Model):
        return value.model_dump()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def submodel(model: type[Model], name: str) -> type[Model] | None:
    """The model a field holds (directly, in a list or optionally), for 'did you mean' on its keys."""
    model._prepare()
    info = model.model_fields.get(name)
    if info is None:
        return None
    pending = [info.annotation]
    namespace = {**vars(typing), **vars(sys.modules[model.__module__])}
    while pending:
        tp = pending.pop()
        if isinstance(tp, str):
            tp = eval(tp, namespace)  # noqa: S307 — our own annotations
        if isinstance(tp, type) and issubclass(tp, Model):
            return tp
        pending += list(typing.get_args(tp))
    return None
