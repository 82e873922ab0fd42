"""PyYAML's English problem sentences as the Chinese a clerk reads (the line number comes from the mark)."""

from __future__ import annotations

import re

# PyYAML names tokens like '<block end>'; these are what they look like in the file.
TOKENS = {
    "<stream end>": "文件末尾", "<document end>": "文件末尾", "<block end>": "缩进回退",
    "<block mapping start>": "新的一组键值", "<block sequence start>": "新的列表项（- ）",
    "<scalar>": "一段文字", "?": "新的一项", "-": "列表项（- ）", ":": "冒号“:”", ",": "逗号“,”",
    "[": "“[”", "]": "“]”", "{": "“{”", "}": "“}”", "<flow mapping start>": "“{”",
    "<flow sequence start>": "“[”", "<flow mapping end>": "“}”", "<flow sequence end>": "“]”",
    "<alias>": "别名（*）", "<anchor>": "锚点（&）", "<tag>": "标签（!）", "\t": "制表符（Tab）",
}

RULES: list[tuple[str, str]] = [
    (r"expected ',' or '\]', but got (.+)", "方括号 [ ] 里的列表应以逗号分隔、以“]”结束，这里却遇到{0}"),
    (r"expected ',' or '\}', but got (.+)", "花括号 {{ }} 里的键值应以逗号分隔、以“}}”结束，这里却遇到{0}"),
    (r"mapping values are not allowed here", "这里不能出现“冒号加空格”（文字里有冒号时请给整段加引号）"),
    (r"found character (.+) that cannot start any token", "{0}不能出现在这里（缩进只能用空格；以 @ ` 等开头的文字请加引号）"),
    (r"found a tab character (that violates indentation|where an indentation space is expected)",
     "缩进里有制表符（Tab），请改用空格"),
    (r"could not find expected ':'", "缺少冒号“:”（键和值之间要写“: ”）"),
    (r"found unexpected end of stream", "文件意外结束：引号没有成对"),
    (r"found unexpected ':'", "这里多了一个冒号“:”（文字里有冒号时请加引号）"),
    (r"expected <block end>, but found (.+)", "缩进不一致：这里出现了{0}（同一级的项要对齐）"),
    (r"did not find expected key", "缩进不一致：这里应是一个“键: 值”"),
    (r"did not find expected '-' indicator", "列表写法不对：每一项应以“- ”开头并对齐"),
    (r"did not find expected node content", "这里缺少内容"),
    (r"expected the node content, but found (.+)", "这里应是内容，却遇到{0}"),
    (r"found undefined alias (.+)", "别名 *{0} 没有定义（配置里不需要使用别名）"),
    (r"found duplicate anchor (.+)", "锚点 &{0} 重复了"),
    (r"found unknown escape character (.+)", "引号里的转义 \\{0} 无效（路径里的“\\”请改用单引号或“/”）"),
    (r"expected a comment or a line break, but found (.+)", "这一行多出了{0}（引号后面只能跟注释或换行）"),
    (r"expected alphabetic or numeric character, but found (.+)", "别名或锚点的名字里不能有{0}"),
    (r"expected (.+), but found (.+)", "这里应是{0}，却遇到{1}"),
]


def _token(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].encode().decode("unicode_escape") if "\\" in text else text[1:-1]
    return TOKENS.get(text, f"“{text}”")


def yaml_problem(problem: str | None) -> str:
    """The Chinese description of one PyYAML problem (a generic one for sentences not listed)."""
    for pattern, chinese in RULES:
        match = re.fullmatch(pattern, (problem or "").strip())
        if match:
            names = [_token(g) if chinese.count("{") and "alias" not in pattern and "anchor" not in pattern
                     and "escape" not in pattern else g.strip("'\"") for g in match.groups()]
            return chinese.format(*names)
    return "格式错误"
