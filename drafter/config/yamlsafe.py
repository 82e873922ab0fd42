"""Read a small YAML file safely: bounded size, known encodings, bounded alias expansion, and line numbers."""

from pathlib import Path
from typing import Any

import yaml

from drafter.config.yamlmessages import yaml_problem
from drafter.errors import ConfigError

MAX_BYTES = 1_000_000
MAX_NODES = 50_000  # nodes after alias expansion; a real config has a few hundred


def decode(raw: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's 'Unicode') or GBK; anything else is refused."""
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(f"{where}: 不是文本文件（含二进制内容），请提供 UTF-8 编码的 YAML 配置")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ConfigError(f"{where}: 文件编码无法识别（UTF-16 内容损坏），请另存为 UTF-8") from None
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ConfigError(f"{where}: 文件编码无法识别（既不是 UTF-8 也不是 GBK），请在记事本中“另存为”UTF-8")


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    where = str(path)
    if not path.exists():
        raise ConfigError(f"{where}: 找不到这个文件")
    if path.is_dir():
        raise ConfigError(f"{where}: 这是一个文件夹，不是配置文件")
    size = path.stat().st_size
    if size > limit:
        raise ConfigError(f"{where}: 文件过大（{size / 1_000_000:.1f} MB），配置文件上限为 {limit // 1000} KB")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{where}: 无法读取：{exc.strerror}") from None
    return decode(raw, where)


def _expanded_size(node: yaml.Node, memo: dict[int, int], depth: int = 0) -> int:
    if depth > 100:
        return MAX_NODES + 1
    key = id(node)
    if key in memo:
        return memo[key]
    size = 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            size += _expanded_size(k, memo, depth + 1) + _expanded_size(v, memo, depth + 1)
            if size > MAX_NODES:
                break
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            size += _expanded_size(item, memo, depth + 1)
            if size > MAX_NODES:
                break
    memo[key] = size
    return size


def parse(text: str, where: str) -> tuple[Any, yaml.Node | None]:
    """Safe-load YAML; return the data and the node tree (for line numbers)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = yaml_problem(exc.problem)
        hint = "（检查缩进、冒号后的空格和引号是否成对）" if problem == "格式错误" else ""
        raise ConfigError(f"{where}{line}: YAML 格式错误：{problem}{hint}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: YAML 格式错误：{exc}") from None
    if node is None:
        return None, None
    if _expanded_size(node, {}) > MAX_NODES:
        raise ConfigError(f"{where}: YAML 别名（&/*）展开后过大，拒绝读取；配置里不需要使用别名")
    try:
        data = yaml.SafeLoader(text).get_single_data()
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: YAML 内容无法读取：{exc}") from None
    return data, node


def line_of(node: yaml.Node | None, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the value at `path` (or of the deepest part of the path that exists)."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    node, line = value_node, key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
