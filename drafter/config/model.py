"""The typed config (PRODUCT.md §3). pydantic checks shapes and types; catalog-dependent checks
(theme, modules) happen in drafter.config.loader once the catalog is known."""

import hashlib
import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

LEVELS = ("市", "县", "区", "镇", "部门")
SUPERIOR_LEVELS = ("省", "市", "县", "区")
# What a tired clerk may type for a level, and what they meant.
LEVEL_ALIASES = {"局": "部门", "委": "部门", "办": "部门", "系统": "部门", "单位": "部门", "乡": "镇",
                 "街道": "镇", "县级市": "市", "地级市": "市", "州": "市", "旗": "县", "乡镇": "镇"}

_CN_DATE = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*$")


def _to_date(value: object) -> object:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _CN_DATE.match(value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
        raise PydanticCustomError("cn_date", "应为日期（如 2026-03-16 或 2026年3月16日），收到 {found}",
                                  {"found": f"“{value}”"})
    raise PydanticCustomError("cn_date", "应为日期（如 2026-03-16），收到 {found}", {"found": repr(value)})


def _to_number(value: object) -> object:
    if isinstance(value, bool):
        raise PydanticCustomError("cn_number", "应为数字，收到 {found}", {"found": str(value)})
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        cleaned = value.strip().replace(",", "").replace("，", "")
        try:
            return float(cleaned)
        except ValueError:
            pass
        raise PydanticCustomError("cn_number", "应为数字（如 30 或 8.5；单位写在 unit 里），收到 {found}",
                                  {"found": f"“{value}”"})
    raise PydanticCustomError("cn_number", "应为数字，收到 {found}", {"found": repr(value)})


def _to_text(value: object) -> object:
    """Names may be typed as numbers by YAML (e.g. a unit called 2025); keep them as text, trimmed."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _to_level(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        if value in LEVELS:
            return value
        hint = LEVEL_ALIASES.get(value)
        extra = f"；是否想写“{hint}”？" if hint else ""
        raise PydanticCustomError("cn_level", "应为 市/县/区/镇/部门 之一，收到 {found}" + extra,
                                  {"found": f"“{value}”"})
    raise PydanticCustomError("cn_level", "应为 市/县/区/镇/部门 之一，收到 {found}", {"found": repr(value)})


Text = Annotated[str, BeforeValidator(_to_text), Field(min_length=1, max_length=200)]
OptionalText = Annotated[str | None, BeforeValidator(_to_text), Field(default=None, max_length=200)]
Number = Annotated[float, BeforeValidator(_to_number)]
Day = Annotated[date, BeforeValidator(_to_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meeting(_Strict):
    name: Text
    date: Day = Field(default_factory=date.today)
    agenda: list[Text] = []
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
            raise PydanticCustomError(
                "cn_unit", "level 为“部门”时必须写明 unit（本单位名称，如“县商务局”）", {}
            )
        if self.superior is not None and self.superior not in SUPERIOR_LEVELS:
            raise PydanticCustomError(
                "cn_superior", "superior 应为 省/市/县/区 之一，收到 {found}", {"found": f"“{self.superior}”"}
            )
        return self


class Target(_Strict):
    name: Text
    value: Number
    unit: Annotated[str, BeforeValidator(_to_text)] = ""


class Figure(_Strict):
    """A figure of the period an analysis meeting reviews (规上工业增加值增长 6.5 %, 上半年)."""

    name: Text
    value: Number
    unit: Annotated[str, BeforeValidator(_to_text)] = ""
    period: OptionalText = None  # omitted: the period the meeting name says (上半年工业经济运行分析会)


class Departments(_Strict):
    lead: OptionalText = None
    supervisor: OptionalText = None
    members: list[Text] = []


class Sections(_Strict):
    awareness: list[Text] | None = None
    priorities: list[Text] | None = None
    implementation: list[Text] | None = None


class Config(_Strict):
    meeting: Meeting
    speaker: Speaker
    locality: Locality
    theme: Text
    targets: list[Target] = []
    figures: list[Figure] = []  # optional: the period's figures an 分析会 opens with
    departments: Departments = Departments()
    sections: Sections = Sections()
    length: Annotated[int | None, Field(ge=1000, le=20000)] = None
    minutes: Annotated[float | None, Field(ge=5, le=100)] = None
    seed: int | None = None  # None: derived from the meeting, place, date and speaker (see draft_seed)
    templates_dir: OptionalText = None
    page_numbers: Literal["outside", "center"] = "outside"

    @model_validator(mode="after")
    def _one_length(self) -> "Config":
        if self.length is not None and self.minutes is not None:
            raise PydanticCustomError("cn_length", "length 与 minutes 只能写一个（字数或分钟数）", {})
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
