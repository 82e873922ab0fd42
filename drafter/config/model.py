"""The typed config (PRODUCT.md §3), the one declaration of its keys: drafter.schema checks shapes and types;
catalog-dependent checks (theme, modules) happen in drafter.config.loader once the catalog is known. A new
key is one annotated line here (with a Chinese name in KEY_NAMES when a clerk may meet it in a message)."""

import hashlib
import math
import re
from datetime import date, datetime
from typing import Annotated, Literal

from drafter.schema import BeforeValidator, Field, Invalid, Model, model_validator

LEVELS = ("市", "县", "区", "镇", "部门")
SUPERIOR_LEVELS = ("省", "市", "县", "区")
# What a tired clerk may type for a level, and what they meant.
LEVEL_ALIASES = {"局": "部门", "委": "部门", "办": "部门", "系统": "部门", "单位": "部门", "乡": "镇",
                 "街道": "镇", "县级市": "市", "地级市": "市", "州": "市", "旗": "县", "乡镇": "镇"}

_CN_DATE = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*$")
FIRST_YEAR, LAST_YEAR = 1949, 2100  # the years a speech of the People's Republic can be dated (and numbered) in
MAX_NUMBER = 10**12  # a target beyond a trillion is a typing slip, not a plan
MAX_SEED = 999_999_999  # nine digits: the web form's seed field and a file name (讲话稿-123.docx) hold it
MAX_AGENDA, MAX_TARGETS, MAX_MEMBERS, MAX_MODULES = 30, 50, 50, 20  # real lists are a handful each
# Characters that break a printed line or a Word file: controls (tab, newline and NUL among them) and
# Unicode's other invisible format characters that only mislead (bidi overrides reorder what Word shows; a
# zero-width space, soft hyphen or BOM inside a name makes 临川 and 临\u200b川 two different places).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff]")


def _in_range(day: date, found: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Invalid("cn_date", "年份应在 {first}–{last} 之间，收到 {found}",
                                  {"first": FIRST_YEAR, "last": LAST_YEAR, "found": found})
    return day


def _to_date(value: object) -> object:
    if isinstance(value, datetime):
        return _in_range(value.date(), f"“{value.date().isoformat()}”")
    if isinstance(value, date):
        return _in_range(value, f"“{value.isoformat()}”")
    if isinstance(value, str):
        m = _CN_DATE.match(value)
        if m:
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise Invalid("cn_date", "没有这一天：{found}（月份应为 1–12，日不超过当月天数）",
                                          {"found": f"“{value.strip()}”"}) from None
            return _in_range(day, f"“{value.strip()}”")
        raise Invalid("cn_date", "应为日期（如 2026-03-16 或 2026年3月16日），收到 {found}",
                                  {"found": f"“{value}”"})
    raise Invalid("cn_date", "应为日期（如 2026-03-16），收到 {found}", {"found": repr(value)})


to_date = _to_date  # `check --date` reads a date as the config does


def _finite(number: float, found: str) -> float:
    if math.isnan(number) or math.isinf(number):
        raise Invalid("cn_number", "应为数字，收到 {found}", {"found": found})
    if abs(number) > MAX_NUMBER:
        raise Invalid("cn_number", "数值过大（绝对值上限 1 万亿），收到 {found}", {"found": found})
    return number


def _to_number(value: object) -> object:
    if isinstance(value, bool):
        raise Invalid("cn_number", "应为数字，收到 {found}", {"found": str(value)})
    if isinstance(value, int | float):
        if isinstance(value, int) and abs(value) > MAX_NUMBER:  # float() of a huge int would overflow
            raise Invalid("cn_number", "数值过大（绝对值上限 1 万亿），收到 {found}", {"found": str(value)[:20]})
        _finite(float(value), str(value))
        return value
    if isinstance(value, str):
        cleaned = value.strip().replace(",", "").replace("，", "")
        try:
            number = float(cleaned)
        except ValueError:
            pass
        else:
            return _finite(number, f"“{value}”")
        raise Invalid("cn_number", "应为数字（如 30 或 8.5；单位写在 unit 里），收到 {found}",
                                  {"found": f"“{value}”"})
    raise Invalid("cn_number", "应为数字，收到 {found}", {"found": repr(value)})


def _to_text(value: object) -> object:
    """Names may be typed as numbers by YAML (e.g. a unit called 2025); keep them as text, trimmed."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        if bad := _CONTROL.search(value):
            raise Invalid("cn_control", "含有不可见的控制字符 {char}（第 {at} 个字符处），请删去后重写这一项",
                                      {"char": f"U+{ord(bad.group()):04X}", "at": bad.start() + 1})
        return value
    return value


def _blank_is_none(value: object) -> object:
    """An optional key left blank (`lead:`) or emptied (`""`) is simply not given."""
    value = _to_text(value)
    return None if value == "" else value


def _to_level(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        if value in LEVELS:
            return value
        hint = LEVEL_ALIASES.get(value)
        extra = f"；是否想写“{hint}”？" if hint else ""
        raise Invalid("cn_level", "应为 市/县/区/镇/部门 之一，收到 {found}" + extra,
                                  {"found": f"“{value}”"})
    raise Invalid("cn_level", "应为 市/县/区/镇/部门 之一，收到 {found}", {"found": repr(value)})


Text = Annotated[str, BeforeValidator(_to_text), Field(min_length=1, max_length=200)]
OptionalText = Annotated[Annotated[str, Field(max_length=200)] | None, BeforeValidator(_blank_is_none)]
Number = Annotated[float, BeforeValidator(_to_number)]
Day = Annotated[date, BeforeValidator(_to_date)]


class _Strict(Model):
    """Unknown keys refused, values frozen."""

    @model_validator(mode="before")
    @classmethod
    def _blank_keys_are_not_given(cls, data: object) -> object:
        """`date:`, `targets:` or `title:` left blank: an optional key takes its default, a required one is
        missing (never "收到空值" or a None in the draft)."""
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


class Meeting(_Strict):
    name: Text
    date: Day = Field(default_factory=date.today)
    agenda: Annotated[list[Text], Field(max_length=MAX_AGENDA)] = []
    superior_meeting: OptionalText = None


class Speaker(_Strict):
    title: Text
    name: OptionalText = None


class Locality(_Strict):
    name: Text
    level: Annotated[str, BeforeValidator(_to_level)]
    unit: OptionalText = None
    superior: OptionalText = None

    @model_validator(mode="after")
    def _unit_for_department(self) -> "Locality":
        if self.level == "部门" and not self.unit:
            raise Invalid(
                "cn_unit", "level 为“部门”时必须写明 unit（本单位名称，如“县商务局”）", {}
            )
        if self.superior is not None and self.superior not in SUPERIOR_LEVELS:
            raise Invalid(
                "cn_superior", "应为 省/市/县/区 之一，收到 {found}", {"found": f"“{self.superior}”"}
            )
        return self


class Target(_Strict):
    name: Text
    value: Number
    unit: Annotated[str, BeforeValidator(_to_text)] = ""


def _to_growth(value: object) -> object:
    """A growth rate in per cent: 5.8, -2.1, or typed as “5.8%”; anything else is refused in Chinese."""
    if isinstance(value, str):
        value = value.strip().removesuffix("%").removesuffix("％")
    try:
        number = float(_to_number(value))
    except Invalid:
        raise Invalid("cn_growth", "应为同比增减的百分数（如 5.8 或 -2.1，不写 %），收到 {found}",
                      {"found": _shown(value)}) from None
    if not -100 <= number <= 1000:
        raise Invalid("cn_growth", "增速应在 -100 到 1000 之间（百分数，如 5.8），收到 {found}",
                      {"found": _shown(value)})
    return number


def _to_rank(value: object) -> object:
    """A rank among the level's peers (居全市第 3 位): a whole number from 1."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 999:
        raise Invalid("cn_rank", "应为位次（正整数，如 3 表示第3位），收到 {found}", {"found": _shown(value)})
    return value


def _to_seed(value: object) -> object:
    """A variant number from 0 to MAX_SEED; a whole number beyond it is refused as such (not silently used)."""
    if isinstance(value, bool) or (isinstance(value, int) and not 0 <= value <= MAX_SEED):
        shown = str(value).lower() if len(str(value)) <= 20 else f"{str(value)[:20]}…（{len(str(value))} 位）"
        raise Invalid("cn_seed", "应为 0 到 {max} 之间的整数（换一个数字换一套措辞），收到 {found}",
                      {"max": MAX_SEED, "found": shown})
    return value


def _shown(value: object) -> str:
    return f"“{value}”" if isinstance(value, str) else str(value)


class Figure(_Strict):
    """A figure of the period an analysis meeting reviews: 地区生产总值 128.6 亿元, growth 5.8 (%), rank 3 (居全市
    第3位); or a rate alone (规上工业增加值增长 6.2 %)."""

    name: Text
    value: Number
    unit: Annotated[str, BeforeValidator(_to_text)] = ""
    growth: Annotated[float | None, BeforeValidator(lambda v: None if v is None else _to_growth(v))] = None
    rank: Annotated[int | None, BeforeValidator(lambda v: None if v is None else _to_rank(v))] = None
    period: OptionalText = None  # omitted: the period the meeting name says (上半年工业经济运行分析会)


class Departments(_Strict):
    lead: OptionalText = None
    supervisor: OptionalText = None
    members: Annotated[list[Text], Field(max_length=MAX_MEMBERS)] = []


ModuleList = Annotated[list[Text], Field(max_length=MAX_MODULES)]


class Sections(_Strict):
    awareness: ModuleList | None = None
    priorities: ModuleList | None = None
    implementation: ModuleList | None = None


class Config(_Strict):
    meeting: Meeting
    speaker: Speaker
    locality: Locality
    theme: Text
    targets: Annotated[list[Target], Field(max_length=MAX_TARGETS)] = []
    figures: Annotated[list[Figure], Field(max_length=MAX_TARGETS)] = []  # optional: the figures an 分析会 opens with
    departments: Departments = Departments()
    sections: Sections = Sections()
    length: Annotated[int | None, Field(ge=1000, le=20000)] = None
    minutes: Annotated[float | None, Field(ge=5, le=100, allow_inf_nan=False)] = None
    seed: Annotated[int | None, BeforeValidator(_to_seed)] = None  # None: derived from the meeting, place, date and speaker (see draft_seed)
    templates_dir: OptionalText = None
    page_numbers: Literal["outside", "center"] = "outside"

    @model_validator(mode="after")
    def _one_length(self) -> "Config":
        if self.length is not None and self.minutes is not None:
            raise Invalid("cn_length", "length 与 minutes 只能写一个（字数或分钟数）", {})
        return self

    def draft_seed(self) -> int:
        """The seed of this draft: the config's own, or one derived from what makes the meeting this meeting,
        so two units (or two speakers) drafting the same kind of meeting never get the same text."""
        if self.seed is not None:
            return self.seed
        key = "|".join([self.meeting.name, self.meeting.date.isoformat(), self.locality.name, self.locality.level,
                        self.locality.unit or "", self.speaker.title, self.speaker.name or "", self.theme])
        return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big") % 1_000_000

    def target_chars(self, pace: int = 200) -> int:
        """The length to aim for: length, or minutes × pace, or the genre's usual 5,000."""
        if self.length is not None:
            return self.length
        if self.minutes is not None:
            return round(self.minutes * pace)
        return 5000


# Chinese names of keys, for messages a clerk understands.
KEY_NAMES = {
    "meeting": "会议信息", "meeting.name": "会议名称", "meeting.date": "会议日期", "meeting.agenda": "会议议程",
    "meeting.superior_meeting": "上级会议", "speaker": "讲话人", "speaker.title": "讲话人职务",
    "speaker.name": "讲话人姓名", "locality": "地方信息", "locality.name": "地名", "locality.level": "层级",
    "locality.unit": "单位名称", "theme": "主题", "targets": "目标任务", "figures": "运行数据", "length": "字数", "minutes": "分钟数",
}
