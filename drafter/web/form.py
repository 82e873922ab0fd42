"""The draft form of `drafter serve` ↔ drafter new's Answers: read the posted fields, validate them with the
config model (the same messages the CLI prints), build the module checklists, and fill the form from a YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from drafter import app
from drafter.catalog import SECTION_NAMES, SECTIONS, Catalog
from drafter.compose import scratch_builder
from drafter.compose.plan import choose_modules
from drafter.config.loader import describe_error, dotted
from drafter.config.model import LEVELS, Config, Figure, Meeting, Target
from drafter.errors import DrafterError
from drafter.interactive import (
    LEVEL_TITLES,
    Answers,
    analysis_meeting,
    available,
    bare_number,
    config_text,
    default_request,
    figure_dict,
    guess_level,
    guess_place,
    guess_theme,
    load_text,
    peers,
    sample_heading,
    target_dict,
    unit_checker,
)
from drafter.schema import ValidationError

# Which form field shows the error of which config key.
FIELD_OF = {
    "meeting.name": "meeting", "meeting.date": "day", "meeting.agenda": "agenda",
    "meeting.superior_meeting": "superior_meeting", "speaker.title": "title", "speaker.name": "speaker",
    "locality.name": "place", "locality.level": "level", "locality.unit": "unit", "locality": "unit",
    "theme": "theme", "targets": "targets", "figures": "figures", "departments.lead": "lead", "departments.supervisor": "supervisor",
    "length": "size", "minutes": "size", "sections": "modules", "seed": "modules",
}
LABELS = {"meeting": "会议名称", "day": "会议日期", "agenda": "议程", "superior_meeting": "上级会议", "title": "讲话人职务",
          "speaker": "讲话人姓名", "place": "地名", "level": "层级", "unit": "单位", "theme": "主题", "targets": "目标任务", "figures": "运行数据",
          "lead": "牵头单位", "supervisor": "督查单位", "size": "篇幅", "modules": "要讲的内容"}
FIGURE_COLUMNS = {"name": "名称", "value": "数值", "unit": "单位", "growth": "同比增减", "rank": "位次"}
LOCATED = re.compile(r"^.*?:\d*:? ?([a-z_]+(?:[.\[][a-z_0-9\]]*)*): (.*)$")


@dataclass
class Form:
    """What the page shows in the draft form: the raw values as typed, and an error per field."""

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.values.get(name, "")


def blank(catalog: Catalog) -> Form:
    """A first-time clerk's form: today's date, a 县, the first theme, 5000 characters."""
    return Form({"meeting": "", "day": date.today().isoformat(), "title": "", "speaker": "", "place": "",
                 "level": "县", "unit": "", "superior_meeting": "", "agenda": "", "theme": next(iter(catalog.themes)),
                 "targets": [], "figures": [], "lead": "", "supervisor": "", "size_kind": "length", "size": "5000", "seed": "1",
                 "modules_for": "", "guessed_for": "", "sections": None})


def read_form(data: Any, catalog: Catalog) -> Form:
    """The posted form (a starlette FormData) as plain values; the module ticks per section in page order."""
    values = {name: str(data.get(name) or "").strip() for name in (
        "meeting", "day", "title", "speaker", "place", "level", "unit", "superior_meeting", "agenda", "theme",
        "lead", "supervisor", "size_kind", "size", "seed", "modules_for", "guessed_for")}
    names, numbers, units = (data.getlist(k) for k in ("target_name", "target_value", "target_unit"))
    values["targets"] = [{"name": str(n).strip(), "value": str(v).strip(), "unit": str(u).strip()}
                         for n, v, u in zip(names, numbers, units, strict=False)]
    columns = [data.getlist(f"figure_{key}") for key in FIGURE_COLUMNS]
    values["figures"] = [{key: str(cell).strip() for key, cell in zip(FIGURE_COLUMNS, row, strict=True)}
                         for row in zip(*columns, strict=False)]
    values["sections"] = ({key: [str(m) for m in data.getlist(f"sections.{key}")] for key in SECTIONS}
                          if values["modules_for"] else None)
    if values["level"] not in LEVELS:
        values["level"] = "县"
    if catalog.find_theme(values["theme"]) is None:
        values["theme"] = next(iter(catalog.themes))
    return Form(values)


def apply_guess(form: Form, catalog: Catalog) -> None:
    """As `drafter new` does: the level, theme and place read from the meeting name, when it gives them away."""
    meeting = form.values["meeting"]
    form.values["guessed_for"] = meeting
    level, theme = guess_level(meeting), guess_theme(meeting, catalog)
    if level:
        form.values["level"] = level
    follow_title(form)
    if theme:
        form.values["theme"] = theme
    if not form.values["place"]:
        form.values["place"] = guess_place(meeting)


def follow_title(form: Form) -> None:
    """drafter new's default speaker for the level (县委书记, 镇党委书记, 局长), until the clerk types another."""
    if not form.values["title"] or form.values["title"] in app.SAMPLE_TITLES.values():
        form.values["title"] = app.SAMPLE_TITLES[form.values["level"]]


def answers(form: Form, catalog: Catalog) -> Answers:
    """The form as drafter new's Answers, unvalidated (values as typed; seed a number)."""
    v = form.values
    seed = int(v["seed"]) if re.fullmatch(r"\d{1,9}", v["seed"] or "") else 1
    by_minutes = v["size_kind"] == "minutes"
    a = Answers(meeting=v["meeting"], day=v["day"] or date.today().isoformat(), level=v["level"], place=v["place"],
                unit=v["unit"] if v["level"] == "部门" else "", title=v["title"], speaker=v["speaker"],
                theme=catalog.find_theme(v["theme"]).name, targets=[t for t in v["targets"] if any(t.values())],
                figures=[{k: c for k, c in f.items() if c or k in ("name", "value")} for f in v["figures"] if any(f.values())],
                agenda=[line.strip() for line in v["agenda"].splitlines() if line.strip()], seed=seed,
                superior_meeting=v["superior_meeting"], lead=v["lead"], supervisor=v["supervisor"])
    size = bare_number(v["size"], "分钟", "分") if by_minutes else bare_number(v["size"], "字")
    if size:
        setattr(a, "minutes" if by_minutes else "length", size)  # validated below, converted once valid
    a.sections = dict(v["sections"]) if v["sections"] is not None else {}
    return a


def field_errors(a: Answers, catalog: Catalog) -> dict[str, str]:
    """Each refused value's message beside its field, in the config model's own words (as the CLI says them)."""
    errors: dict[str, str] = {}
    try:
        Config.model_validate(a.config_data(with_sections=False))
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"]
                        if not (isinstance(p, str) and (p.startswith("function-") or p in ("list[str]", "str", "none"))))
            key = dotted(loc)
            name = FIELD_OF.get(re.sub(r"\[\d+\].*$", "", key), FIELD_OF.get(key.split(".")[0], "meeting"))
            message = describe_error(err)
            if name in ("targets", "figures") and len(loc) > 1:
                message = f"第 {loc[1] + 1} 行{FIGURE_COLUMNS.get(str(loc[-1]), '')}：{message}"
                message = message.replace("单位写在 unit 里", "单位写在后面一格")
            if name == "agenda":
                message = f"第 {loc[-1] + 1} 项：{message}" if isinstance(loc[-1], int) else message
            errors.setdefault(name, message)
    if a.level == "部门" and "place" not in errors:  # drafter new's words for the unit: what to type
        verdict = unit_checker(a, catalog)(a.unit)
        if verdict is not True:
            errors["unit"] = verdict
    if "title" not in errors and catalog.roles is not None:  # the same check `drafter render` makes
        mismatch = catalog.roles.mismatch(a.title, a.level)
        if mismatch:
            errors["title"] = mismatch
    return errors


def validate(form: Form, catalog: Catalog) -> tuple[Answers | None, app.Loaded | None]:
    """Answers and the config they load to (read back from config_text, as `drafter render` reads it), or
    None with form.errors filled."""
    checklists(form, catalog)  # the ticks as the page shows them (the default set after a theme or level change)
    a = answers(form, catalog)
    form.errors = field_errors(a, catalog)
    if form.errors:
        return None, None
    a.day = Meeting(name="会", date=a.day).date.isoformat()
    a.targets = [target_dict(Target.model_validate(t)) for t in a.targets]
    a.figures = [figure_dict(Figure.model_validate(f)) for f in a.figures]
    if a.length is not None:
        a.length = int(a.length)
    if a.minutes is not None:
        a.minutes = float(a.minutes)
    try:
        loaded = load_text(config_text(a, catalog), Path(f"{a.meeting}.yaml"), catalog)
    except DrafterError as exc:
        for line in str(exc).splitlines():
            match = LOCATED.match(line)
            key, message = (match[1], match[2]) if match else ("sections", line)
            form.errors.setdefault(FIELD_OF.get(key.split("[")[0], FIELD_OF.get(key.split(".")[0], "modules")), message)
        return None, None
    return a, loaded


def preview_answers(a: Answers, catalog: Catalog) -> Answers:
    """A copy good enough to list modules with while the clerk is still typing: refused values are swapped
    for sample ones (the checklist depends only on theme, level, speaker and whether targets are given)."""
    sample = {"meeting": "会议", "day": date.today().isoformat(), "place": "临川",
              "title": app.SAMPLE_TITLES[a.level], "unit": "县商务局", "speaker": "", "targets": [], "figures": [],
              "agenda": [], "length": None, "minutes": None, "superior_meeting": "", "lead": "", "supervisor": ""}
    good = replace(a, sections={})
    for name, fallback in sample.items():
        trial = replace(good, **{name: getattr(a, name)})
        try:
            Config.model_validate(trial.config_data(with_sections=False))
        except ValidationError:
            setattr(good, name, fallback)
    if good.level == "部门" and unit_checker(good, catalog)(good.unit) is not True:
        good.unit = "县商务局"
    if catalog.roles is not None and catalog.roles.mismatch(good.title, good.level):
        good.title = app.SAMPLE_TITLES[good.level]
    return good


def checklists(form: Form, catalog: Catalog) -> list[dict[str, Any]]:
    """Per section: the modules a clerk may tick (the recommended pool first), each with its description,
    a sample heading and whether it is ticked. The theme's default set is ticked until the clerk ticks."""
    a = answers(form, catalog)
    good = preview_answers(a, catalog)
    request = default_request(good, catalog)
    built_for = f"{request.theme.name}|{good.level}"
    user = form.values["sections"] if form.values["modules_for"] == built_for else None
    builder = scratch_builder(request, catalog)
    defaults, _ = choose_modules(request, good.seed, builder.fitting)
    out = []
    for key in SECTIONS:
        pool = available(request, catalog, key)
        ticked = user.get(key, []) if user is not None else [m.id for m in defaults.get(key, [])]
        # the ticked modules first, in the order they will be spoken; the others after them
        modules = [m for t in ticked for m in pool if m.id == t] + [m for m in pool if m.id not in ticked]
        out.append({"key": key, "name": SECTION_NAMES[key], "modules": [
            {"id": m.id, "title": m.title_for(request.theme.name), "description": m.description_for(request.theme.name),
             "sample": sample_heading(builder, m, key, good.seed), "ticked": m.id in ticked} for m in modules]})
    form.values["modules_for"] = built_for
    form.values["sections"] = {c["key"]: [m["id"] for m in c["modules"] if m["ticked"]] for c in out}
    return out


def from_config(loaded: app.Loaded, catalog: Catalog) -> Form:
    """The form filled from an uploaded config (the modules it names, or the theme's default set)."""
    config = loaded.config
    seed = config.draft_seed()
    if all(loaded.request.explicit.values()):
        sections = {key: [m.id for m in loaded.request.modules.get(key, [])] for key in SECTIONS}
    else:
        chosen, _ = choose_modules(loaded.request, seed, scratch_builder(loaded.request, catalog).fitting)
        sections = {key: [m.id for m in chosen.get(key, [])] for key in SECTIONS}
    by_minutes = config.minutes is not None
    size = f"{config.minutes:g}" if by_minutes else str(config.target_chars(app.PACE))
    return Form({
        "meeting": config.meeting.name, "day": config.meeting.date.isoformat(), "title": config.speaker.title,
        "speaker": config.speaker.name or "", "place": config.locality.name, "level": config.locality.level,
        "unit": config.locality.unit or "", "superior_meeting": config.meeting.superior_meeting or "",
        "agenda": "\n".join(config.meeting.agenda), "theme": loaded.request.theme.name,
        "targets": [{k: str(v) for k, v in target_dict(t).items()} for t in config.targets],
        "figures": [{k: str(figure_dict(f).get(k, "")) for k in FIGURE_COLUMNS} for f in config.figures],
        "lead": config.departments.lead or "", "supervisor": config.departments.supervisor or "",
        "size_kind": "minutes" if by_minutes else "length", "size": size, "seed": str(seed),
        "modules_for": f"{loaded.request.theme.name}|{config.locality.level}", "guessed_for": config.meeting.name,
        "sections": sections})


def web_config_text(a: Answers, catalog: Catalog) -> str:
    """The commented YAML `drafter new` writes, saying where it came from."""
    return config_text(a, catalog).replace("由 drafter new 生成", "由 drafter serve 网页生成", 1)


LEVEL_CHOICES = [(level, LEVEL_TITLES[level]) for level in LEVELS]


def figures_asked(form: Form, catalog: Catalog) -> dict[str, Any]:
    """Whether the form offers the period's figures (an 分析会, or figures already given), and where they rank."""
    a = answers(form, catalog)
    return {"show_figures": bool(a.figures) or analysis_meeting(a, catalog), "peers": peers(a, catalog) or "上级"}
