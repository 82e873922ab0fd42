"""Load a config file into a validated Config, turning every problem into plain lines that name the
file, the line, the key, what was expected and what was found."""

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from drafter.config.model import KEY_NAMES, Config
from drafter.config.yamlsafe import line_of, parse, read_text
from drafter.errors import ConfigError
from drafter.schema import Model, ValidationError, submodel


@dataclass(frozen=True)
class ConfigSource:
    """A validated config and where it came from, so later checks can point at the right line."""

    path: Path
    config: Config
    node: yaml.Node | None

    def error(self, key_path: tuple[str | int, ...], message: str) -> ConfigError:
        return ConfigError(locate(self.path, self.node, key_path, message))

    def errors(self, problems: list[tuple[tuple[str | int, ...], str]]) -> ConfigError:
        return invalid(self.path, self.node, problems)


def invalid(path: Path, node: yaml.Node | None, problems: list[tuple[tuple[str | int, ...], str]],
            data: Any = None) -> ConfigError:
    """One error holding every problem, one line each in file order; keeps the parsed data so a later
    step (the catalog checks) can add its own problems to the same run."""
    lines = sorted((line_of(node, key) or 0, locate(path, node, key, message)) for key, message in problems)
    error = ConfigError("\n".join(dict.fromkeys(text for _, text in lines)))
    error.problems, error.data, error.node, error.path = list(problems), data, node, path
    return error


def locate(path: Path, node: yaml.Node | None, key_path: tuple[str | int, ...], message: str) -> str:
    line = line_of(node, key_path)
    where = f"{path}:{line}" if line else str(path)
    key = dotted(key_path)
    return f"{where}: {key}: {message}" if key else f"{where}: {message}"


def dotted(key_path: tuple[str | int, ...]) -> str:
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def did_you_mean(word: str, choices: list[str] | tuple[str, ...], cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"；是否想写“{close[0]}”？" if close else ""


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "键值映射"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    text = str(value)
    return f"“{text[:40]}{'…' if len(text) > 40 else ''}”"


def _allowed_keys(model: type[Model], path: tuple[str | int, ...]) -> list[str]:
    """The field names valid at the parent of `path` (for 'did you mean' on unknown keys)."""
    current: type[Model] | None = model
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        current = submodel(current, part) if current else None
    if current is None:
        return []
    current._prepare()
    return list(current.model_fields)


def describe_error(err: dict[str, Any]) -> str:
    """One validation error as the Chinese reason a clerk reads (expected, and what was found)."""
    kind, value, loc = err["type"], err.get("input"), tuple(err["loc"])
    ctx = err.get("ctx") or {}
    if kind.startswith("cn_"):
        return err["msg"]
    if kind == "missing":
        name = KEY_NAMES.get(dotted(loc))
        return f"缺少必填项{f'（{name}）' if name else ''}"
    if kind == "extra_forbidden":
        return f"不认识的配置项“{loc[-1]}”" + did_you_mean(str(loc[-1]), _allowed_keys(Config, loc))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"应为键值映射（key: value），收到{_found(value)}"
    if kind == "list_type":
        return f"应为列表（每行以“- ”开头），收到{_found(value)}"
    if kind in ("string_type",):
        return f"应为文字，收到{_found(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"应为整数，收到{_found(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"应为数字，收到{_found(value)}"
    if kind in ("string_too_short", "too_short"):
        return "不能为空"
    if kind == "too_long" and not isinstance(value, str):
        return f"项数太多（最多 {ctx.get('max_length')} 项，收到 {ctx.get('actual_length')} 项），请只留要讲的"
    if kind in ("string_too_long", "too_long"):
        return f"太长（上限 {ctx.get('max_length')} 字）"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "不小于" if kind == "greater_than_equal" else "不大于"
        limit = ctx.get("ge", ctx.get("le"))
        return f"应{bound} {limit}，收到 {value}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("' or '", "/").replace("', '", "/").strip("'")
        return f"应为 {expected} 之一，收到{_found(value)}"
    if kind == "finite_number":
        return f"应为数字，收到{_found(value)}"
    return f"取值无效，收到{_found(value)}"


def load_config(path: str | Path) -> ConfigSource:
    path = Path(path)
    data, node = parse(read_text(path), str(path))
    if data is None:
        raise ConfigError(f"{path}: 配置文件是空的；至少需要 meeting、speaker、locality、theme 四项（见 examples/）")
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: 顶层应为键值映射（meeting: …、speaker: …），收到{_found(data)}")
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            loc = tuple(p for p in loc if p not in ("list[str]", "str", "none"))
            if err["type"] in ("cn_unit", "cn_superior"):  # a locality check names its own key's line
                loc += ("unit" if err["type"] == "cn_unit" else "superior",)
            problems.append((loc, describe_error(err)))
        raise invalid(path, node, problems, data) from None
    return ConfigSource(path=path, config=config, node=node)
