"""`drafter new`: ask a clerk about the meeting in Chinese, let them tick modules, preview the outline, then
write a commented YAML config and the draft it renders to — both at the very end, atomically."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

import prompt_toolkit.application.application as _pt_application
import questionary
import yaml
from prompt_toolkit.utils import get_cwidth

from drafter import app
from drafter.catalog import (
    HEADING_STYLES,
    SECTION_NAMES,
    SECTIONS,
    Catalog,
    Module,
    folder_problem,
)
from drafter.compose import Request, compose_speech, prepare, scratch_builder
from drafter.compose.build import Builder
from drafter.compose.plan import choose_modules, module_plan
from drafter.config.loader import ConfigSource, describe_error
from drafter.config.model import LEVELS, Config, Figure, Locality, Meeting, Target
from drafter.config.yamlsafe import parse
from drafter.errors import DrafterError, OutputError
from drafter.lexicon import level_words
from drafter.schema import ValidationError
from drafter.text import cn_count
from drafter.writers import render_bytes, write_atomic, write_files
from drafter.writers.files import check_target, name_problem, safe_file_name

# Every question is a new prompt_toolkit Application, and each builds the same default key bindings afresh
# (~10 ms, some thirty times a session); they hold no state of their own, so one set serves every question.
# Only a speed-up: a prompt_toolkit that names it otherwise is left as it is, and works as before.
if callable(getattr(_pt_application, "load_key_bindings", None)):
    _pt_application.load_key_bindings = functools.cache(_pt_application.load_key_bindings)

NO_TERMINAL = ("drafter new 需要在终端里回答问题，当前没有终端（输入来自管道或脚本）；"
               "请写好 YAML 配置文件，再运行 drafter render CONFIG 生成讲话稿")
MOVE = "（↑↓ 选择，回车确认）"
TICK = "（↑↓ 移动，空格 勾选/取消，回车 确认）"
LEVEL_TITLES = {"市": "市", "县": "县", "区": "区", "镇": "镇（乡、街道）", "部门": "部门（本局、本系统的会议）"}
# Words in a meeting name that give its level away (系统 first: 全县商务系统 is a bureau's meeting).
WHOLE = {"系统": "部门", "全市": "市", "全县": "县", "全区": "区", "全镇": "镇", "全乡": "镇"}
PLACE = re.compile(r"^([^\s全本]{2,4}?)(市|县|区|镇)")  # 临川县优化营商环境大会 → 临川, 县


@dataclass
class Answers:
    """Everything the clerk answered; also what last.json keeps for the next run's defaults."""

    meeting: str = ""
    day: str = ""
    level: str = ""
    place: str = ""
    unit: str = ""
    title: str = ""
    speaker: str = ""
    theme: str = ""
    sections: dict[str, list[str]] = field(default_factory=dict)  # module ids in draft order
    targets: list[dict[str, Any]] = field(default_factory=list)   # {name, value, unit}
    figures: list[dict[str, Any]] = field(default_factory=list)   # {name, value, unit[, growth][, rank]}: 分析会
    agenda: list[str] = field(default_factory=list)
    length: int | None = None
    minutes: float | None = None
    seed: int = 1
    superior_meeting: str = ""  # the web form asks for these three; `drafter new` leaves them commented out
    lead: str = ""
    supervisor: str = ""

    def config_data(self, with_sections: bool = True) -> dict[str, Any]:
        """The config as plain data, keys in PRODUCT.md §3 order."""
        locality = {"name": self.place, "level": self.level, **({"unit": self.unit} if self.level == "部门" else {})}
        data: dict[str, Any] = {
            "meeting": {"name": self.meeting, "date": self.day, **({"agenda": self.agenda} if self.agenda else {}),
                        **({"superior_meeting": self.superior_meeting} if self.superior_meeting else {})},
            "speaker": {"title": self.title, **({"name": self.speaker} if self.speaker else {})},
            "locality": locality,
            "theme": self.theme,
        }
        if self.targets:
            data["targets"] = self.targets
        if self.figures:
            data["figures"] = self.figures
        departments = {k: v for k, v in (("lead", self.lead), ("supervisor", self.supervisor)) if v}
        if departments:
            data["departments"] = departments
        if with_sections:
            data["sections"] = {key: list(self.sections.get(key, [])) for key in SECTIONS}
        if self.minutes is not None:
            data["minutes"] = self.minutes
        elif self.length is not None:
            data["length"] = self.length
        data["seed"] = self.seed
        return data


# ── remembering the last run ──────────────────────────────────────────────────────────────────────────

def last_path() -> Path:
    """last.json in the user's config folder (XDG_CONFIG_HOME, %APPDATA% on Windows, else ~/.config)."""
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    if not os.path.isabs(base):
        base = os.environ.get("APPDATA", "") if os.name == "nt" else ""
    root = Path(base) if base else Path.home() / ".config"
    return root / "drafter" / "last.json"


def read_last() -> Answers:
    """The previous run's answers; anything unreadable or of the wrong shape is simply not used."""
    try:
        data = json.loads(last_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Answers()
    if not isinstance(data, dict):
        return Answers()
    answers = Answers()
    for f in fields(Answers):
        value = data.get(f.name)
        default = getattr(answers, f.name)
        if isinstance(default, str) and isinstance(value, str):
            setattr(answers, f.name, value)
    if isinstance(data.get("seed"), int) and refusal({"seed": data["seed"]}, ("seed",)) is None:
        answers.seed = data["seed"]  # the same answers give the same draft; the preview offers new wording
    if isinstance(data.get("agenda"), list):
        answers.agenda = [a for a in data["agenda"] if isinstance(a, str) and a.strip()]
    if isinstance(data.get("targets"), list):
        answers.targets = [target_dict(Target.model_validate(t)) for t in data["targets"]
                           if isinstance(t, dict) and refusal({"targets": [t]}, ("targets",)) is None]
    if isinstance(data.get("figures"), list):
        answers.figures = [figure_dict(Figure.model_validate(f)) for f in data["figures"]
                           if isinstance(f, dict) and refusal({"figures": [f]}, ("figures",)) is None]
    for key in ("length", "minutes"):
        value = data.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and refusal({key: value}, (key,)) is None:
            setattr(answers, key, int(value) if key == "length" else value)
    sections = data.get("sections")
    if isinstance(sections, dict):
        answers.sections = {k: [m for m in v if isinstance(m, str)] for k, v in sections.items()
                            if k in SECTIONS and isinstance(v, list)}
    return answers


def save_last(answers: Answers) -> None:
    """Best effort: a read-only home or a full disk must never fail the run."""
    data = asdict(answers)
    data.pop("day")
    path = last_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"), force=True)
    except (OSError, DrafterError):
        pass


# ── validation at the prompt, by the config model itself ─────────────────────────────────────────────

def refusal(data: dict[str, Any], where: tuple[str | int, ...]) -> str | None:
    """The config model's own message for the value at `where` if it would be refused, else None."""
    try:
        Config.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"]
                        if not (isinstance(p, str) and (p.startswith("function-") or p in ("list[str]", "str", "none"))))
            if loc[:len(where)] == where:
                if err["type"] in ("too_short", "too_long"):  # the generic names of the length bounds
                    return "不能为空" if err["type"] == "too_short" else f"太长（上限 {err['ctx']['max_length']} 字）"
                return describe_error(err)
    return None


def checker(build: Callable[[str], dict[str, Any]], where: tuple[str | int, ...]) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        return refusal(build(text), where) or True

    return check


def bare_number(text: str, *suffixes: str) -> str:
    """'5000字' and '25 分钟' mean 5000 and 25: the clerk need not guess whether to type the unit."""
    text = text.strip()
    for suffix in suffixes:
        text = text.removesuffix(suffix).strip()
    return text


# ── small prompt helpers ──────────────────────────────────────────────────────────────────────────────

def ask_text(message: str, default: str = "", check: Callable[[str], bool | str] | None = None) -> str:
    """A text answer; a refused one is explained on the line under the prompt (not in the bottom toolbar,
    far from where the clerk looks) and asked again with what was typed."""
    while True:
        text = questionary.text(message, default=default).unsafe_ask()
        verdict = check(text) if check else True
        if verdict is True:
            return text.strip()
        print(f"  ✗ {verdict}")
        default = text


def ask_select(message: str, choices: list[questionary.Choice], default: Any = None) -> Any:
    values = [c.value for c in choices]
    return questionary.select(message, choices=choices, default=default if default in values else None,
                              instruction=MOVE).unsafe_ask()


def ask_yes_no(message: str, default: bool) -> bool:
    """是 / 否 as a two-line menu (questionary's confirm speaks English: “(y/N)”, “No”)."""
    return ask_select(message, [questionary.Choice("是", True), questionary.Choice("否", False)], default)


def width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def clip(text: str, limit: int) -> str:
    """Cut `text` to `limit` terminal columns (a Chinese character takes two)."""
    if get_cwidth(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        if used + get_cwidth(ch) > limit - 2:
            break
        out, used = out + ch, used + get_cwidth(ch)
    return out + "…"


def pad(text: str, columns: int) -> str:
    return text + " " * max(1, columns - get_cwidth(text))


# ── the questions ─────────────────────────────────────────────────────────────────────────────────────

def guess_level(meeting: str) -> str | None:
    level = next((level for word, level in WHOLE.items() if word in meeting), None)
    match = PLACE.match(meeting)
    return level or (match[2] if match else None)


def guess_theme(meeting: str, catalog: Catalog) -> str | None:
    names = sorted(((alias, theme.name) for theme in catalog.themes.values()
                    for alias in (theme.name, *theme.aliases)), key=lambda pair: -len(pair[0]))
    return next((name for alias, name in names if alias in meeting), None)


def guess_place(meeting: str) -> str:
    match = PLACE.match(meeting)
    return match[1] if match else ""


def ask_meeting(a: Answers, loading: Future[Catalog]) -> None:
    a.meeting = ask_text("会议名称（如 全县优化营商环境工作会议）：", a.meeting,
                         checker(lambda t: {"meeting": {"name": t}}, ("meeting", "name")))
    catalog = loading.result()
    day = ask_text("会议日期（如 2026-03-16）：", a.day or date.today().isoformat(),
                   checker(lambda t: {"meeting": {"name": "会", "date": t}}, ("meeting", "date")))
    a.day = Meeting(name="会", date=day).date.isoformat()
    last_level = a.level
    a.level = ask_select("讲话的层级：", [questionary.Choice(LEVEL_TITLES[v], v) for v in LEVELS],
                         guess_level(a.meeting) or a.level or "县")
    hint = "会议所在的地方" if a.level == "部门" else f"带不带“{a.level}”字都可以"
    a.place = ask_text(f"地名（{hint}，如 临川）：", a.place or guess_place(a.meeting),
                       checker(lambda t: {"locality": {"name": t, "level": a.level}}, ("locality", "name")))
    if a.level == "部门":
        a.unit = ask_text("本单位名称（写全称，如 县商务局）：", a.unit, unit_checker(a, catalog))
    title = a.title if a.title and a.level == last_level else app.SAMPLE_TITLES[a.level]
    a.title = ask_text("讲话人职务（如 县委书记、县长、局长）：", title,
                       checker(lambda t: {"speaker": {"title": t}}, ("speaker", "title")))
    a.speaker = ask_text("讲话人姓名（印在标题下，可不填）：", a.speaker,
                         checker(lambda t: {"speaker": {"title": "职务", "name": t}}, ("speaker", "name")))
    theme = guess_theme(a.meeting, catalog) or a.theme
    a.theme = ask_select("讲话主题：", [questionary.Choice(name, name) for name in catalog.themes], theme)


def unit_checker(a: Answers, catalog: Catalog) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        if not text.strip():
            return "不能为空：部门讲话要写本单位全称，如 县商务局"
        message = refusal({"locality": {"name": a.place, "level": "部门", "unit": text}}, ("locality",))
        if message:
            return message
        try:  # the host government must be readable from the name (县商务局 → 县)
            level_words(Locality(name=a.place, level="部门", unit=text.strip()), catalog.levels)
        except DrafterError:  # the library's message names config keys; at a prompt, say what to type
            return f"看不出“{text.strip()}”属于哪一级政府，请写全称，如 县{text.strip()}"
        return True

    return check


def default_request(a: Answers, catalog: Catalog) -> Request:
    """What `render` would do with these answers and no `sections:` — the theme's recommended pool."""
    config = Config.model_validate(a.config_data(with_sections=False))
    return prepare(ConfigSource(Path("drafter new"), config, None), catalog)


def sample_heading(builder: Builder, module: Module, section: str, seed: int) -> str:
    style = next((s for s in HEADING_STYLES[section] if s in module.headings), next(iter(module.headings)))
    plan = module_plan(module, builder.request.theme.name, seed, builder.fitting)
    return builder.module(seed, plan, style, "shi", 1).heading


def ask_modules(a: Answers, catalog: Catalog, preset: dict[str, list[str]] | None) -> None:
    """One checkbox per section; pre-ticked: `preset` (the current or last choice) or the theme's default set."""
    request = default_request(a, catalog)
    theme = request.theme.name
    builder = scratch_builder(request, catalog)
    defaults, _ = choose_modules(request, a.seed, builder.fitting)
    columns, rows = width(), shutil.get_terminal_size((80, 24)).lines
    shown = [key for key in SECTIONS if available(request, catalog, key)]
    if not shown:
        raise DrafterError(f"“{theme}”主题还没有适用于“{a.level}”级讲话的模块，请换一个主题")
    picked: dict[str, list[str]] = {}
    for key in SECTIONS:
        modules = available(request, catalog, key)
        name = SECTION_NAMES[key]
        if not modules:
            print(f"  （“{theme}”主题暂无适用于“{a.level}”的{name}模块，这一部分不写）")
            picked[key] = []
            continue
        ids = [m.id for m in modules]
        ticked = [m for m in preset.get(key, []) if m in ids] if preset is not None else [m.id for m in defaults[key]]
        two_lines = 2 * len(modules) + 4 <= rows
        choices = []
        title_columns = max(get_cwidth(m.title_for(theme)) for m in modules) + 2
        for module in modules:
            label = pad(module.title_for(theme), title_columns) + module.description_for(theme)
            label = clip(label, columns - 6)
            if two_lines:
                label += "\n" + clip(f"       例：{sample_heading(builder, module, key, a.seed)}", columns - 6)
            choices.append(questionary.Choice(label, module.id, checked=module.id in ticked))
        last = key == shown[-1]

        def check(values: list[str], last: bool = last) -> bool | str:
            if last and not values and not any(picked.values()):
                return "三个部分不能都空着，至少勾选一个模块"
            return True

        while True:
            question = questionary.checkbox(f"{name}：勾选要讲的模块", choices=choices, instruction=TICK)
            question.application.erase_when_done = True  # replaced by the one-line summary below
            values = question.unsafe_ask()
            verdict = check(values)
            if verdict is not True:
                print(f"  ✗ {verdict}")
            elif values or ask_select(f"{name}一个模块也没勾：这一部分不讲了吗？", [
                    questionary.Choice("返回重新勾选", False),
                    questionary.Choice(f"不讲“{name}”这一部分", True)], False):
                break
            for choice in choices:
                choice.checked = choice.value in values
        picked[key] = [m for m in ids if m in values]
        titles = "、".join(catalog.modules[m].title_for(theme) for m in picked[key]) or "（不讲这一部分）"
        print(clip(f"? {name}：{titles}", columns - 1))
    a.sections = picked


def available(request: Request, catalog: Catalog, key: str) -> list[Module]:
    """The section's modules for this theme and level: the recommended pool first, then the rest."""
    pool = list(request.modules.get(key, []))
    level, theme = request.config.locality.level, request.theme.name
    return pool + [m for m in catalog.modules_for(key, theme) if level in m.levels and m not in pool]


def edit_list(name: str, note: str, items: list[Any], show: Callable[[Any], str],
              add: Callable[[], Any]) -> list[Any]:
    """A keyboard list editor: add items one by one, delete any, or finish (also with none)."""
    items = list(items)
    just_added = False
    while True:
        print(f"{name}（{note}）：" + (f"已填 {len(items)} 项" if items else "暂无"))
        for i, item in enumerate(items, 1):
            print(clip(f"  {i}. {show(item)}", width() - 1))
        choices = [questionary.Choice("添加一项", "add")]
        if items:
            choices.append(questionary.Choice("删除一项", "delete"))
        choices.append(questionary.Choice("完成，下一步", "done"))
        action = ask_select(f"{name}：", choices, "add" if just_added else "done")
        just_added = False
        if action == "done":
            return items
        if action == "add":
            item = add()  # None: the clerk pressed Enter on an empty first answer — back to the list
            if item is not None:
                items.append(item)
                just_added = True
            continue
        gone = ask_select("删除哪一项？", [questionary.Choice(clip(show(t), width() - 8), i) for i, t in enumerate(items)]
                          + [questionary.Choice("不删了", -1)])
        if gone >= 0:
            del items[gone]


def ask_target() -> dict[str, Any] | None:
    name_check = checker(lambda t: {"targets": [{"name": t, "value": 1}]}, ("targets", 0, "name"))
    name = ask_text("  目标名称（如 新签约亿元以上项目；直接回车不添加）：",
                    check=lambda t: not t.strip() or name_check(t))
    if not name.strip():
        return None
    number_check = checker(lambda t: {"targets": [{"name": name, "value": t}]}, ("targets", 0, "value"))
    value = ask_text("  目标数值（只写数字，如 30 或 8.5）：",
                     check=lambda t: (r := number_check(t)) is True or r.replace("写在 unit 里", "在下一问填"))
    unit = ask_text("  单位（如 个、亿元、%，可不填）：",
                    check=checker(lambda t: {"targets": [{"name": name, "value": 1, "unit": t}]}, ("targets", 0, "unit")))
    return target_dict(Target(name=name, value=value, unit=unit))


def target_dict(target: Target) -> dict[str, Any]:
    """A target as the config writes it: 30, not 30.0."""
    value = int(target.value) if target.value.is_integer() else target.value
    return {"name": target.name, "value": value, "unit": target.unit}


def analysis_meeting(a: Answers, catalog: Catalog) -> bool:
    """An 分析会 (上半年经济运行分析会): its opening starts from the period's figures, so they are asked."""
    return catalog.meetings is not None and catalog.meetings.read(a.meeting, a.theme).kind == "分析"


def peers(a: Answers, catalog: Catalog) -> str:
    """Where a figure ranks, as the draft says it (居全市第3位): the whole of the level above."""
    try:
        unit = {"unit": a.unit} if a.level == "部门" else {}
        place = a.place.strip() or "本地"  # the level above is the level's, whatever the place (not typed yet)
        return level_words(Locality(name=place, level=a.level, **unit), catalog.levels).above.get("whole", "")
    except (DrafterError, ValidationError):
        return ""


def ask_figure(above: str) -> dict[str, Any] | None:
    def check(key: str, build: Callable[[str], dict[str, Any]], optional: bool = False) -> Callable[[str], bool | str]:
        verdict = checker(lambda t: {"figures": [build(t)]}, ("figures", 0, key))
        return lambda t: (optional and not t.strip()) or verdict(t)

    name = ask_text("  指标名称（如 地区生产总值；直接回车不添加）：",
                    check=check("name", lambda t: {"name": t, "value": 1}, optional=True))
    if not name.strip():
        return None
    value_check = check("value", lambda t: {"name": name, "value": t})
    value = ask_text("  数值（只写数字，如 128.6）：",
                     check=lambda t: (r := value_check(t)) is True or r.replace("写在 unit 里", "在下一问填"))
    unit = ask_text("  单位（如 亿元、%，可不填）：", check=check("unit", lambda t: {"name": name, "value": 1, "unit": t}))
    growth = ask_text("  同比增减（百分数，如 5.8 或 -2.1，可不填）：",
                      check=check("growth", lambda t: {"name": name, "value": 1, "growth": t}, optional=True))
    rank = ask_text(f"  位次（居{above or '上级'}第几位，如 3，可不填）：",
                    check=check("rank", lambda t: {"name": name, "value": 1, "rank": t}, optional=True))
    return figure_dict(Figure.model_validate({"name": name, "value": value, "unit": unit, "growth": growth or None,
                                              "rank": rank or None}))


def figure_dict(figure: Figure) -> dict[str, Any]:
    """A figure as the config writes it: 128.6 and 4, not 4.0; growth and rank only where given."""
    out = {"name": figure.name, "value": int(figure.value) if figure.value.is_integer() else figure.value,
           "unit": figure.unit}
    if figure.growth is not None:
        out["growth"] = int(figure.growth) if figure.growth.is_integer() else figure.growth
    if figure.rank is not None:
        out["rank"] = figure.rank
    return out


def figure_line(f: dict[str, Any], above: str = "") -> str:
    growth = f.get("growth")
    change = ("" if growth is None else "，与上年同期持平" if growth == 0
              else f"，同比{'增长' if growth > 0 else '下降'}{abs(growth):g}%")
    rank = f"，居{above or '上级'}第{f['rank']}位" if f.get("rank") else ""
    return f"{f['name']} {f['value']}{f['unit']}{change}{rank}"


def ask_agenda_item() -> str | None:
    item_check = checker(lambda t: {"meeting": {"name": "会", "agenda": [t]}}, ("meeting", "agenda"))
    item = ask_text("  议程（如 县发展改革局通报了评价情况；直接回车不添加）：",
                    check=lambda t: not t.strip() or item_check(t))
    return item if item.strip() else None


def target_line(t: dict[str, Any]) -> str:
    return f"{t['name']} {t['value']}{t['unit']}"


def ask_facts(a: Answers, catalog: Catalog) -> None:
    a.targets = edit_list("目标任务", "每项都会写进讲话稿", a.targets, target_line, ask_target)
    if analysis_meeting(a, catalog):
        above = peers(a, catalog)
        a.figures = edit_list("运行数据", "分析会开场先讲这些数字，再据此分析", a.figures,
                              lambda f: figure_line(f, above), lambda: ask_figure(above))
    else:
        a.figures = []  # a figure is said only at an analysis meeting: none kept from a last run's
    a.agenda = edit_list("会前议程", "写进开场“刚才……”一句", a.agenda, str, ask_agenda_item)
    by_minutes = ask_select("篇幅按什么定？", [questionary.Choice("按字数", "length"),
                                             questionary.Choice("按讲话时长（每分钟约 200 字）", "minutes")],
                           "minutes" if a.minutes is not None else "length")
    if by_minutes == "minutes":
        default = f"{a.minutes:g}" if a.minutes is not None else "25"
        text = ask_text("讲多少分钟（5～100）：", default,
                        checker(lambda t: {"minutes": bare_number(t, "分钟", "分")}, ("minutes",)))
        a.minutes, a.length = float(bare_number(text, "分钟", "分")), None
    else:
        default = str(a.length or 5000)
        text = ask_text("目标字数（1000～20000，默认 5000）：", default,
                        checker(lambda t: {"length": bare_number(t, "字")}, ("length",)))
        a.length, a.minutes = int(bare_number(text, "字")), None


# ── the config text and the draft it renders to ───────────────────────────────────────────────────────

def scalar(value: Any) -> str:
    """A YAML scalar or flow collection on one line, quoted only where YAML needs it."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def module_name(module: Module, theme: str, catalog: Catalog) -> str:
    """The theme's title for the module where it names it unambiguously (friendlier to read), else the id."""
    title = module.title_for(theme)
    return title if catalog.find_module(title) is module else module.id


# Example values in the config's comments, in the words of the speech's own level.
EXAMPLE_UNITS = {
    "市": ("市发展改革委通报了评价情况", "市发展改革委", "市委督查室"),
    "县": ("县发展改革局通报了评价情况", "县发展改革局", "县委督查室"),
    "区": ("区发展改革局通报了评价情况", "区发展改革局", "区委督查室"),
    "镇": ("镇党政办通报了各村（社区）工作情况", "镇经济发展办公室", "镇纪委"),
    "部门": ("办公室通报了全系统工作情况", "局办公室", "局机关纪委"),
}


def comment_examples(a: Answers, catalog: Catalog) -> dict[str, str]:
    agenda, lead, supervisor = EXAMPLE_UNITS.get(a.level, EXAMPLE_UNITS["县"])
    try:
        unit = {"unit": a.unit} if a.level == "部门" else {}
        words = level_words(Locality(name=a.place, level=a.level, **unit), catalog.levels).own
        place = f"{a.place} → {'、'.join(dict.fromkeys((words['name'], words['whole'], words['our'])))}"
    except (DrafterError, ValidationError):
        place = "临川 → 临川县、全县、我县"
    return {"agenda": agenda, "lead": lead, "supervisor": supervisor, "place": place}


def config_text(a: Answers, catalog: Catalog) -> str:
    """The YAML `drafter render` reads, with a Chinese comment on every key."""
    lines: list[tuple[str, str]] = []
    example = comment_examples(a, catalog)

    def put(text: str, comment: str = "") -> None:
        lines.append((text, comment))

    put("meeting:")
    put(f"  name: {scalar(a.meeting)}", "会议名称（必填）：标题为“在……上的讲话”")
    put(f"  date: {a.day}", "会议日期：也决定“十五五”等时代表述")
    if a.agenda:
        put("  agenda:", "会前议程：写进开场“刚才……”一句")
        for item in a.agenda:
            put(f"    - {scalar(item)}")
    else:
        put(f"  # agenda: [{example['agenda']}]", "可选：会前议程")
    whole = {"市": "全省", "镇": "全县"}.get(a.level, "全市")
    if a.superior_meeting:
        put(f"  superior_meeting: {scalar(a.superior_meeting)}", "要传达贯彻的上级会议")
    else:
        put(f"  # superior_meeting: {whole}{a.theme}工作会议", "可选：要传达贯彻的上级会议")
    put("speaker:")
    put(f"  title: {scalar(a.title)}", "讲话人职务（必填）")
    if a.speaker:
        put(f"  name: {scalar(a.speaker)}", "讲话人姓名：印在标题下，连同日期")
    else:
        put("  # name: 张某某", "可选：讲话人姓名，印在标题下")
    put("locality:")
    put(f"  name: {scalar(a.place)}", f"地名：{example['place']}")
    put(f"  level: {a.level}", "层级：市 | 县 | 区 | 镇 | 部门")
    if a.level == "部门":
        put(f"  unit: {scalar(a.unit)}", "本单位全称：我局、局党组、全系统")
    put(f"theme: {scalar(a.theme)}", f"主题：{'、'.join(catalog.themes)}")
    if a.targets:
        put("targets:", "目标任务：每项都写进讲话稿；value 只写数字")
        for target in a.targets:
            put(f"  - {scalar(target)}")
    else:
        put("# targets: [{name: 新签约项目, value: 30, unit: 个}]", "可选：目标任务")
    if a.figures:
        put("figures:", "运行数据：分析会开场先讲；growth 同比增减（%），rank 位次")
        for figure in a.figures:
            put(f"  - {scalar(figure)}")
    elif analysis_meeting(a, catalog):
        put("# figures: [{name: 地区生产总值, value: 128.6, unit: 亿元, growth: 5.8, rank: 3}]", "可选：运行数据，分析会开场先讲")
    departments = {k: v for k, v in (("lead", a.lead), ("supervisor", a.supervisor)) if v}
    if departments:
        put(f"departments: {scalar(departments)}", "牵头、督查单位，写进“狠抓落实”")
    else:
        put(f"# departments: {{lead: {example['lead']}, supervisor: {example['supervisor']}}}",
            "可选：牵头、督查单位，写进“狠抓落实”")
    put("# 各部分讲哪些模块，按顺序成文（写模块名称或 id；[] 表示不讲这一部分）；")
    put("# 可选模块用 drafter modules --section awareness 查看（priorities、implementation 同理）")
    put("sections:")
    for key in SECTIONS:
        names = [module_name(catalog.modules[m], a.theme, catalog) for m in a.sections.get(key, [])]
        put(f"  {key}: {scalar(names)}", SECTION_NAMES[key])
    if a.minutes is not None:
        put(f"minutes: {a.minutes:g}", "讲话时长（分钟，每分钟约 200 字）；也可改写为 length: 字数")
    else:
        put(f"length: {a.length or 5000}", "目标字数（±15%）；也可改写为 minutes: 分钟数")
    put(f"seed: {a.seed}", "措辞变体：同一数字生成同一篇稿子，换个数字换一套措辞")
    if catalog.user_dir is not None:
        put(f"templates_dir: {scalar(str(catalog.user_dir.resolve()))}", "本单位模板文件夹：本单位自己的主题和模块")
    column = min(max(get_cwidth(text) for text, _ in lines) + 2, 36)
    body = "\n".join(pad(text, column) + f"# {comment}" if comment else text for text, comment in lines)
    header = ("# 讲话稿配置：由 drafter new 生成。以 # 开头的是说明，不影响生成；改完后用\n"
              "#   drafter render 本文件 --force\n"
              "# 重新生成讲话稿（--force 表示覆盖已有的 .docx）。\n")
    return header + body + "\n"


def load_text(text: str, path: Path, catalog: Catalog) -> app.Loaded:
    """The config text read back exactly as `drafter render` reads the file it is written to."""
    data, node = parse(text, str(path))
    source = ConfigSource(path=path, config=Config.model_validate(data), node=node)
    return app.Loaded(source, catalog, prepare(source, catalog))


def show_outline(data: dict[str, Any]) -> None:
    columns = width() - 1
    count = data["announced_count"]
    deviation = (data["chars"] - data["target"]) / data["target"] * 100
    print(clip(f"—— 提纲预览：{data['title']}", columns))
    print(clip(f"宣布{cn_count(count)}点意见，实有 {len(data['sections'])} 部分；约 {data['chars']} 字、"
               f"{data['minutes']:g} 分钟（目标 {data['target']} 字，{deviation:+.0f}%）", columns))
    for section in data["sections"]:
        print(clip(f"{section['heading']}（{section['chars']} 字）", columns))
        for point in section["points"]:
            print(clip(f"    {point['heading']}", columns))


# ── the whole conversation ────────────────────────────────────────────────────────────────────────────

def check_config_path(path: Path) -> str | None:
    if path.suffix.lower() not in (".yaml", ".yml"):
        return f"{path}: 配置文件应以 .yaml 结尾"
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), Path("."))
    if not folder.is_dir():
        return f"{path}: “{folder}”是文件，不是文件夹，请换一个位置"
    if path.is_dir():
        return f"{path}: 这是一个文件夹，请给出文件名，如 {path / '讲话稿.yaml'}"
    if not path.parent.is_dir():  # a new folder: created once the clerk agrees (choose_paths); the name is checked
        return name_problem(path)
    try:  # a device, a FIFO or a name too long: say so now, not after every question was answered
        check_target(path, force=True)
    except OutputError as exc:
        return str(exc)
    return None


def safe_name(name: str) -> str:
    return safe_file_name(name)


def choose_paths(config_path: Path, draft_name: str) -> tuple[Path, Path, bool]:
    """Where to write; an existing file is overwritten only when the clerk says so, else saved elsewhere
    (the draft then takes the config's name when the meeting's name is taken there); a folder that does not
    exist yet is created once the clerk agrees."""
    draft = config_path.parent / draft_name
    existing = [p for p in (config_path, draft) if os.path.lexists(p)]
    if existing and ask_yes_no(f"{'、'.join(str(p) for p in existing)} 已存在，覆盖吗？", default=False):
        return config_path, draft, True
    if existing:
        def check(text: str) -> bool | str:
            path = Path(text.strip())
            taken = next((p for p in (path, draft_beside(path, draft_name)) if p.exists()), None)
            return check_config_path(path) or (f"{taken} 已存在，请换一个名字或文件夹" if taken else True)

        config_path = Path(ask_text("另存为（配置文件路径，讲话稿放在它旁边）：",
                                    str(free_name(config_path, draft_name)), check))
        draft = draft_beside(config_path, draft_name)
    folder = config_path.parent
    if not folder.is_dir():
        if not ask_yes_no(f"文件夹“{folder}”还没有，现在创建吗？", default=True):
            raise OutputError(f"{config_path}: 文件夹“{folder}”不存在，没有写入任何文件")
        folder.mkdir(parents=True, exist_ok=True)
    return config_path, draft, False


def draft_beside(config_path: Path, draft_name: str) -> Path:
    """The draft's path for a config: the meeting's name, or the config's own name when that is taken."""
    named = config_path.parent / draft_name
    return named if not named.exists() else config_path.with_suffix(".docx")


def free_name(config_path: Path, draft_name: str) -> Path:
    """The first of 名称-2.yaml, 名称-3.yaml … whose config and draft are both free."""
    for n in range(2, 1000):
        path = config_path.with_stem(f"{config_path.stem}-{n}")
        if not path.exists() and not draft_beside(path, draft_name).exists():
            return path
    return config_path


def run_new(output: Path | None = None, templates: Path | None = None) -> list[Path]:
    """Ask, preview, and write the config and the .docx; returns their paths ([] when the clerk gives up).
    With `templates`, the unit's own themes and modules are offered too, and the config names the folder."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise DrafterError(NO_TERMINAL)
    if output is not None and (problem := check_config_path(output)):
        raise OutputError(problem)
    if templates is not None and (problem := folder_problem(templates)):
        raise OutputError(f"--templates {problem}")
    # The catalog takes a moment to load: do it while the clerk types the meeting name.
    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(app.templates_catalog, templates)
        return converse(output, loading)


def converse(output: Path | None, loading: Future[Catalog]) -> list[Path]:
    answers = read_last()
    last_choice = (answers.theme, answers.level, answers.sections)
    answers.sections = {}
    print("起草新讲话稿：回答几个问题（回车确认，默认值可直接改），就生成配置和 Word 稿。")
    print("Ctrl-C 随时退出，不留下任何文件。")
    ask_meeting(answers, loading)
    catalog = loading.result()
    preset = last_choice[2] if last_choice[:2] == (answers.theme, answers.level) and last_choice[2] else None
    if preset:
        print("  （模块已按上次的选择勾选）")
    ask_modules(answers, catalog, preset)
    ask_facts(answers, catalog)
    while True:
        config_path = output or Path(f"{safe_name(answers.meeting)[:60]}.yaml")  # names are capped at 255 bytes
        text = config_text(answers, catalog)
        loaded = load_text(text, config_path, catalog)
        speech = compose_speech(loaded.request, loaded.catalog)
        show_outline(app.outline_of(speech, catalog, loaded.config.target_chars(app.PACE), loaded.request.theme.name))
        action = ask_select("下一步：", [
            questionary.Choice("生成：写出配置文件和 Word 讲话稿", "write"),
            questionary.Choice("返回修改模块选择", "modules"),
            questionary.Choice("修改目标任务、运行数据、议程或篇幅" if analysis_meeting(answers, catalog)
                               else "修改目标任务、议程或篇幅", "facts"),
            questionary.Choice("换一套措辞（模块不变）", "reseed"),
            questionary.Choice("放弃，不写任何文件", "quit"),
        ], "write")
        if action == "write":
            break
        if action == "quit":
            return []
        if action == "modules":
            ask_modules(answers, catalog, answers.sections)
        elif action == "facts":
            ask_facts(answers, catalog)
        else:
            answers.seed += 1
    config_path, draft_path, force = choose_paths(config_path, app.default_output(loaded, "docx").name)
    save_last(answers)  # first: if writing fails (a full disk), the next run still offers these answers
    write_both(config_path, text.encode("utf-8"), draft_path,
               render_bytes(speech, "docx", page_numbers=loaded.config.page_numbers), force=force)
    return [config_path, draft_path]


def write_both(config_path: Path, config: bytes, draft_path: Path, draft: bytes, *, force: bool) -> None:
    """Both or neither, each atomically: if the draft cannot be written, the config it was to replace stays."""
    write_files([(config_path, config), (draft_path, draft)], force=force)
