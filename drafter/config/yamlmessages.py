"""libyaml's and PyYAML's English problem sentences as the Chinese a clerk reads (the line number comes from
the mark)."""

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

# One table for both parsers, first match wins: libyaml's sentences (the parser drafter uses) come first,
# then PyYAML's (the fallback without libyaml), whose problems name the token found.
RULES: list[tuple[str, str]] = [
    # libyaml
    (r"mapping values are not allowed.*", "这里不能出现“键: 值”（上一行是否缺了冒号？值里有冒号时，请给整个值加引号）"),
    (r"found undefined alias.*", "用了没有定义的别名（*名字）"),
    (r"found unexpected end of stream.*", "引号没有成对，文件就结束了"),
    (r"did not find expected ',' or '\]'.*", "方括号 [ ] 没有成对，或列表项之间缺逗号"),
    (r"did not find expected ',' or '\}'.*", "花括号 {{ }} 没有成对，或各项之间缺逗号"),
    (r"found character that cannot start any token.*", "出现了不能放在开头的字符（如 Tab 缩进、@、`；请用空格缩进，或给值加引号）"),
    (r"did not find expected key.*", "缩进没有对齐（同一层的键要左对齐）"),
    (r"found unknown escape character.*", "双引号里有无效的反斜杠写法（路径请用单引号）"),
    (r"second occurrence.*", "同一个锚点（&名字）定义了两次"),
    (r"could not find expected ':'.*", "缺少冒号（每个键后面要有“: ”）"),
    (r"found a tab character.*", "用了 Tab 缩进，请改用空格"),
    (r"while scanning a simple key.*", "缺少冒号（每个键后面要有“: ”）"),
    (r"found duplicate anchor.*", "同一个锚点（&名字）定义了两次"),
    # PyYAML
    (r"expected ',' or '\]', but got (.+)", "方括号 [ ] 里的列表应以逗号分隔、以“]”结束，这里却遇到{0}"),
    (r"expected ',' or '\}', but got (.+)", "花括号 {{ }} 里的键值应以逗号分隔、以“}}”结束，这里却遇到{0}"),
    (r"found character (.+) that cannot start any token", "{0}不能出现在这里（缩进只能用空格；以 @ ` 等开头的文字请加引号）"),
    (r"found unexpected ':'", "这里多了一个冒号“:”（文字里有冒号时请加引号）"),
    (r"expected <block end>, but found (.+)", "缩进不一致：这里出现了{0}（同一级的项要对齐）"),
    (r"did not find expected '-' indicator", "列表写法不对：每一项应以“- ”开头并对齐"),
    (r"did not find expected node content", "这里缺少内容"),
    (r"expected the node content, but found (.+)", "这里应是内容，却遇到{0}"),
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
            return chinese.format(*(_token(g) for g in match.groups()))
    return "格式错误"
