"""Read a small YAML file safely: bounded size, known encodings, bounded alias expansion, and line numbers."""

import re
import stat
from pathlib import Path
from typing import Any

import yaml

from drafter.config.yamlmessages import yaml_problem
from drafter.errors import ConfigError, os_reason

MAX_BYTES = 256_000  # a real config is 2 KB; pure-Python YAML reads 256 KB in about a second
MAX_NODES = 50_000  # nodes after alias expansion; a real config has a few hundred


def decode(raw: bytes, where: str, what: str = " YAML 配置") -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's 'Unicode') or GBK; anything else is refused."""
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(f"{where}: 不是文本文件（含二进制内容），请提供 UTF-8 编码的{what}")
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


TOO_BIG = "{file}: 文件过大（{size:.1f} MB），配置文件上限为 {limit} KB"


def read_bytes(path: Path, limit: int = MAX_BYTES, too_big: str = TOO_BIG, label: str | None = None) -> bytes:
    """The bytes of a small regular file, read no further than `limit` (a file growing while read, /proc,
    is caught too); `too_big` names the file ({file}), its size in MB ({size}) and the limit in KB ({limit})."""
    where = label or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ConfigError(f"{where}: 找不到这个文件") from None
    except OSError as exc:
        raise ConfigError(f"{where}: 无法读取（{os_reason(exc)}）") from None
    if stat.S_ISDIR(info.st_mode):
        raise ConfigError(f"{where}: 这是一个文件夹，不是配置文件")
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{where}: 不是普通文件（设备或管道），请给出 .yaml 配置文件")
    if info.st_size > limit:
        raise ConfigError(too_big.format(file=where, size=info.st_size / 1_000_000, limit=limit // 1000))
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"{where}: 无法读取（{os_reason(exc)}）") from None
    if len(raw) > limit:
        raise ConfigError(too_big.format(file=where, size=len(raw) / 1_000_000, limit=limit // 1000))
    return raw


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    return decode(read_bytes(path, limit), str(path))


MAX_DEPTH = 30  # levels of nesting; a config has four


_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where present: 20× faster on a big file


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe construction from the composed nodes (no second parse), impossible dates (2026-02-30) kept as
    text for the config model to refuse by name."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


_PLAIN_KEYS = {f"tag:yaml.org,2002:{kind}" for kind in ("int", "float", "bool", "null", "timestamp")}


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def check_tree(node: yaml.Node, where: str, max_nodes: int = MAX_NODES) -> None:
    """Refuse what safe loading would choke on or silently get wrong: nesting too deep, a key given twice
    (the last would silently win), a merge key `<<` (keys from elsewhere, unchecked), a key that is not plain
    text, and aliases that expand too far."""
    memo: dict[int, int] = {}
    aliased = False

    def size(item: yaml.Node, depth: int) -> int:
        nonlocal aliased
        if depth > MAX_DEPTH:
            raise ConfigError(f"{where}:{_line(item)}: 嵌套层数过深（超过 {MAX_DEPTH} 层），请检查缩进和括号")
        if id(item) in memo:
            aliased = True
            return memo[id(item)]
        total = 1
        if isinstance(item, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in item.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise ConfigError(f"{where}:{_line(key)}: 键应为普通文字（如 name:），收到列表或映射")
                if key.tag in _PLAIN_KEYS:  # `3:` or `true:` is a key as typed, never the number 3 or True
                    key.tag = "tag:yaml.org,2002:str"
                if key.tag == "tag:yaml.org,2002:merge":  # its keys would have no line, nor a duplicate check
                    raise ConfigError(f"{where}:{_line(key)}: 不支持 YAML 合并键“<<”；请把要用的键逐项写出")
                if key.value in seen:
                    raise ConfigError(f"{where}:{_line(key)}: “{key.value}”一项重复（第 {seen[key.value]} 行和"
                                      f"第 {_line(key)} 行），请只保留一处")
                seen[key.value] = _line(key)
                total += size(key, depth + 1) + size(value, depth + 1)
                if total > max_nodes:
                    break
        elif isinstance(item, yaml.SequenceNode):
            for value in item.value:
                total += size(value, depth + 1)
                if total > max_nodes:
                    break
        memo[id(item)] = total
        return total

    if size(node, 0) > max_nodes and aliased:
        raise ConfigError(f"{where}: YAML 别名（&/*）展开后过大，拒绝读取；配置里不需要使用别名")


def parse(text: str, where: str, max_nodes: int = MAX_NODES) -> tuple[Any, yaml.Node | None]:
    """Safe-load YAML; return the data and the node tree (for line numbers)."""
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or ""
        if "nesting depth" in problem:  # libyaml's own limit
            raise ConfigError(f"{where}{line}: 嵌套层数过深（超过 {MAX_DEPTH} 层），请检查缩进和括号") from None
        reason = yaml_problem(problem)
        hint = "（检查缩进、冒号后的空格和引号是否成对）" if reason == "格式错误" else ""
        raise ConfigError(f"{where}{line}: YAML 格式错误：{reason}{hint}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: YAML 格式错误：{str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise ConfigError(f"{where}: 嵌套层数过深（超过 {MAX_DEPTH} 层），请检查缩进和括号") from None
    if node is None:
        return None, None
    check_tree(node, where, max_nodes)
    try:
        data = _Constructor().construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark else ""
        tag = re.search(r"tag '([^']*)'", exc.problem or "")
        if tag:
            short = tag[1].replace("tag:yaml.org,2002:", "!!")
            raise ConfigError(f"{where}{line}: 不支持 YAML 标签“{short}”；这里只写文字、数字、列表和键值") from None
        raise ConfigError(f"{where}{line}: YAML 内容无法读取：{exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: YAML 内容无法读取：{str(exc).splitlines()[0]}") from None
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
