"""Click in Chinese: its own messages through a gettext catalogue, help wrapped by display width, usage
errors as one line, and choice types that take the Chinese names of sections and levels."""

from __future__ import annotations

import gettext
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

# click marks every message it prints with gettext (`_()` / `ngettext()` on the English text); these are the
# Chinese texts for the ones a drafter user can meet. Format fields keep click's names; `!r` is dropped so
# values show in Chinese quotes instead of Python's.
MESSAGES = {
    "Aborted!": "已取消。",
    "Options": "选项",
    "Positional arguments": "参数",
    "Commands": "命令",
    "Usage:": "用法：",
    "Missing command.": "缺少命令。",
    "env var: {var}": "环境变量：{var}",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Did you mean {possibility}?": "是否想写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想写 {possibilities} 之一？）",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 {command} {option} 查看用法。",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 取值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name}",
    "No such command {name!r}.": "没有命令 {name}",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not {choice}.": "应为 {choice}，收到“{value}”",
    "{value!r} is not one of {choices}.": "应为 {choices} 之一，收到“{value}”",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合格式 {formats} 中的任何一种",
    "{value!r} is not a valid {number_type}.": "应为{number_type}，收到“{value}”",
    "{value} is not in the range {range}.": "应在 {range} 之间，收到 {value}",
    "{value!r} is not a valid boolean. Recognized values: {states}": "应为是或否（{states}），收到“{value}”",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的 UUID",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在",
    "{name} {filename!r} is a file.": "“{filename}”是文件，这里要的是文件夹",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，这里要的是文件",
    "{name} {filename!r} is not readable.": "{name}“{filename}”没有读取权限",
    "{name} {filename!r} is not writable.": "{name}“{filename}”没有写入权限",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不能执行",
    "Value must be an iterable.": "应为一组值",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，收到 1 个",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，收到 {len} 个",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，收到 {len_value} 个",
    "{len_type} values are required, but {len_value} were given.": "需要 {len_type} 个值，收到 {len_value} 个",
    "Got unexpected extra argument ({args})": "多出了参数：{args}",
    "Got unexpected extra arguments ({args})": "多出了参数：{args}",
    "Invalid start character for option ({option})": "选项写法不对：{option}",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 需要 {nargs} 个值",
    "Option {name!r} does not take a value.": "选项 {name} 后面不带值",
    "Option {name!r} requires an argument.": "选项 {name} 后面要跟一个值",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 后面要跟 {nargs} 个值",
    "Show the version and exit.": "显示版本号并退出。",
    "Show this message and exit.": "显示本帮助并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不再询问，直接执行。",
    "Repeat for confirmation": "请再输入一次确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
}

# Type names click shows as metavars (`--seed INTEGER`) and inside messages (“is not a valid integer”).
TYPE_NAMES = {click.types.StringParamType: "文字", click.types.IntParamType: "整数",
              click.types.FloatParamType: "数字", click.types.BoolParamType: "是/否",
              click.types.IntRange: "整数", click.types.FloatRange: "数字", click.types.UUIDParameterType: "UUID"}


class ChineseTranslations(gettext.NullTranslations):
    """A gettext catalogue held in MESSAGES (no .mo file: drafter ships one language)."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


def install() -> None:
    """Point click's message lookups at the Chinese catalogue (each click module bound `_` at import)."""
    translations = ChineseTranslations()
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
                   click.termui, click.types):
        if hasattr(module, "_"):
            module._ = translations.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = translations.ngettext
    for cls, name in TYPE_NAMES.items():
        cls.name = name


# ---------------------------------------------------------------------------------------------------------
# Wrapping by display width: a CJK character is two columns, a line may break between any two of them, never
# inside a Latin word or number, never before closing punctuation or after opening punctuation.

CLOSING = set("，。、；：？！）》」』】〕”’…％,.;:?!)]}%")
OPENING = set("（《「『【〔“‘([{")
LATIN_RUN = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’…—]+|\s+|.", re.S)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` display columns (str.ljust counts a CJK character as one)."""
    return text + " " * max(width - display_width(text), 0)


def _units(text: str) -> list[str]:
    """Unbreakable pieces: a Latin word or a CJK character, with punctuation glued to the side it belongs to."""
    units: list[str] = []
    pending_open = ""
    for token in LATIN_RUN.findall(text):
        if token.isspace():
            if pending_open:
                units.append(pending_open)
                pending_open = ""
            units.append(" ")
        elif token in OPENING:
            pending_open += token
        elif (token in CLOSING or token.startswith(".")) and units and not units[-1].isspace() \
                and not pending_open:  # 会议名称.yaml stays one piece
            units[-1] += token
        else:
            units.append(pending_open + token)
            pending_open = ""
    if pending_open:
        units.append(pending_open)
    return units


def wrap_line(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    lines: list[str] = []
    line, used, indent = initial_indent, display_width(initial_indent), initial_indent
    for unit in _units(text):
        size = display_width(unit)
        if unit == " ":
            if line != indent:
                line, used = line + " ", used + 1
            continue
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            indent = subsequent_indent
            line, used = indent, display_width(indent)
        line, used = line + unit, used + size
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _join(lines: Sequence[str]) -> str:
    """Lines of one paragraph as one text: a space only where a Latin word meets a Latin word."""
    text = ""
    for line in lines:
        line = line.strip()
        if text and line and display_width(text[-1]) == 1 and display_width(line[0]) == 1:
            text += " "
        text += line
    return text


def wrap_text(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """click.formatting.wrap_text by display width (paragraphs split by blank lines, `\\b` keeps a block)."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return "\n".join(wrap_line(_join(text.splitlines()), width, initial_indent, subsequent_indent))
    blocks = [block for block in re.split(r"\n\s*\n", text) if block.strip()]
    out = []
    for block in blocks:
        lines = block.splitlines()
        if lines and lines[0].strip() == "\b":
            out.append("\n".join(initial_indent + line for line in lines[1:]))
            continue
        extra = " " * (len(lines[0]) - len(lines[0].lstrip()))
        out.append("\n".join(wrap_line(_join(lines), width, initial_indent + extra, subsequent_indent + extra)))
    return "\n\n".join(out)


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help layout, measured in display columns and wrapped between characters, not at spaces."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = MESSAGES["Usage:"] if prefix is None else prefix
        head = f"{prefix:>{self.current_indent}}{prog} "
        indent = " " * display_width(head)
        self.write("\n".join(wrap_line(args, self.width, head, indent)) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, indent, indent, preserve_paragraphs=True) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        text_width = max(self.width - first_col - 2 - self.current_indent, 10)
        for first, second in rows:
            second = re.sub(r"\[([^\[\]]*)\]$", lambda m: "[" + m.group(1).replace("; ", "；") + "]", second)
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            pad = " " * (first_col + self.current_indent)
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + pad)
            lines = wrap_text(second, text_width, preserve_paragraphs=True).splitlines()
            self.write("\n".join([lines[0], *(pad + line if line else "" for line in lines[1:])]) + "\n")


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


def usage_line(exc: click.UsageError) -> str:
    """A usage error as one Chinese line: what is wrong, and where to read the usage."""
    ctx = exc.ctx
    param = getattr(exc, "param", None)
    name = ""
    if param is not None:
        name = " / ".join(param.opts) if isinstance(param, click.Option) else param.human_readable_name
    if isinstance(exc, click.exceptions.MissingParameter) and param is not None:
        kind = "选项" if isinstance(param, click.Option) else "参数"
        message = f"缺少{kind} {name}"
    elif isinstance(exc, click.BadParameter) and param is not None:
        message = f"{name}：{exc.message}"
        if isinstance(param.type, click.Choice):  # click lists choices as Python reprs: 'docx', 'md'
            message = re.sub(r"'([^']*)'(, )?", lambda m: m[1] + ("/" if m[2] else ""), message)
    else:
        message = exc.format_message().rstrip("。.")
    hint = f"（{ctx.command_path} -h 查看用法）" if ctx is not None else ""
    return f"{message}{hint}"


class ChineseCommand(click.Command):
    """A command whose help, usage and errors are Chinese."""

    context_class = ChineseContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        text = (self.short_help or self.help or "").strip().split("\n\n")[0]
        return _join(text.splitlines()).split("：")[0].split("。")[0]

    def make_context(self, info_name, args, parent=None, **extra):
        return fail_in_one_line(super().make_context, info_name, args, parent=parent, **extra)


def fail_in_one_line(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except click.UsageError as exc:
        click.echo(usage_line(exc), err=True)
        sys.exit(exc.exit_code)


class ChineseGroup(click.Group):
    """A group whose commands and subgroups are Chinese too."""

    context_class = ChineseContext
    command_class = ChineseCommand
    group_class = type

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    get_short_help_str = ChineseCommand.get_short_help_str

    def make_context(self, info_name, args, parent=None, **extra):
        return fail_in_one_line(super().make_context, info_name, args, parent=parent, **extra)

    def invoke(self, ctx: click.Context):
        return fail_in_one_line(super().invoke, ctx)


class ChoiceOf(click.ParamType):
    """One of a fixed set of values given by id or by Chinese name (`priorities` or 聚焦重点); yields the id."""

    def __init__(self, names: dict[str, str], what: str) -> None:
        self.names = names  # id → Chinese name
        self.what = what
        self.name = what

    def get_metavar(self, param, ctx=None) -> str:
        return "[" + "|".join(self.names.values()) + "]"

    def convert(self, value, param, ctx):
        if value in self.names:
            return value
        for key, name in self.names.items():
            if value == name:
                return key
        choices = "/".join(self.names.values())
        self.fail(f"应为 {choices} 之一，收到“{value}”", param, ctx)


class Range(click.IntRange):
    """An integer range described as “1 到 20”."""

    def _describe_range(self) -> str:
        return f"{self.min} 到 {self.max}"
