"""The pages of `drafter serve`: draft (form → outline, text, .docx, YAML), check and mine. Each handler reads
the form, calls the same drafter functions as the CLI and renders a Jinja page or an htmx fragment."""

from __future__ import annotations

import io
import secrets
import shutil
import tempfile
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter import app as drafter_app
from drafter.catalog import SECTION_NAMES, Catalog, load_catalog
from drafter.compose import compose_speech
from drafter.errors import DrafterError
from drafter.text import cn_count
from drafter.web import form as forms
from drafter.web.guard import MAX_BODY, LocalOnly, too_large

MAX_FILES = 20
MAX_FILE = 10 * 1024 * 1024
DRAFT_SUFFIXES = (".docx", ".md", ".txt")
MINE_SUFFIXES = (".docx", ".txt")
CONFIG_SUFFIXES = (".yaml", ".yml")
RULE_NAMES = {"placeholder": "占位符", "numbering": "序号", "count": "宣布数", "level": "层级称谓",
              "punctuation": "标点", "doubled-punctuation": "重复标点", "repeated-sentence": "重复句子",
              "repeated-phrase": "重复套语", "overlap": "查重", "length": "篇幅"}


class UploadRefused(Exception):
    """An upload the page will not read; the message says why, in Chinese."""

    status = 400


class State:
    """The server's memory: the 本单位模板 folder in use and the module packages mine made (until exit)."""

    def __init__(self, templates: Path | None) -> None:
        self.templates = templates
        self.catalog_cache: tuple[Path | None, Catalog] | None = None
        self.packages: OrderedDict[str, bytes] = OrderedDict()
        self.unpacked: Path | None = None  # mined modules in use: a temporary folder removed by close()

    def unpack_folder(self) -> Path:
        if self.unpacked is None:
            self.unpacked = Path(tempfile.mkdtemp(prefix="drafter-serve-"))
        folder = self.unpacked / secrets.token_hex(4)
        folder.mkdir()
        return folder

    def close(self) -> None:
        if self.unpacked is not None:
            shutil.rmtree(self.unpacked, ignore_errors=True)
            self.unpacked = None

    def catalog(self) -> Catalog:
        if self.catalog_cache is None or self.catalog_cache[0] != self.templates:
            self.catalog_cache = (self.templates, load_catalog(self.templates))
        return self.catalog_cache[1]

    def keep_package(self, data: bytes) -> str:
        token = secrets.token_urlsafe(16)
        self.packages[token] = data
        while len(self.packages) > 5:
            self.packages.popitem(last=False)
        return token


def environment() -> Environment:
    env = Environment(loader=PackageLoader("drafter.web", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(levels=forms.LEVEL_CHOICES, section_names=SECTION_NAMES, rule_names=RULE_NAMES,
                       field_labels=forms.LABELS)
    env.filters["cn_count"] = cn_count
    return env


def create_app(port: int, templates: Path | None = None) -> Any:
    """The ASGI app, guarded so that it answers only http://127.0.0.1:port/ (and localhost:port)."""
    env = environment()
    state = State(templates)

    def page(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("templates_folder", state.templates)
        return HTMLResponse(env.get_template(name).render(request=request, **context), status_code=status)

    def draft_context(form: forms.Form, catalog: Catalog, **extra: Any) -> dict[str, Any]:
        try:
            lists = forms.checklists(form, catalog)
        except DrafterError as exc:
            lists, form.errors["modules"] = [], str(exc)
        return {"form": form, "checklists": lists, "themes": list(catalog.themes), **forms.figures_asked(form, catalog),
                **extra}

    def draft_page(request: Request, form: forms.Form, status: int = 200, **extra: Any) -> HTMLResponse:
        return page("draft.html", request, status, tab="draft", **draft_context(form, state.catalog(), **extra))

    def fragment(name: str, request: Request, headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(request=request, **context), headers=headers)

    def errors_fragment(request: Request, form: forms.Form, catalog: Catalog) -> HTMLResponse:
        """Validation failed on an htmx call: redraw the form with the messages, and say so on the right."""
        return fragment("_form_errors.html", request, {"HX-Retarget": "#draft", "HX-Reswap": "outerHTML"},
                        **draft_context(form, catalog))

    async def posted(request: Request) -> tuple[forms.Form, Catalog]:
        """The form; a meeting name typed but not yet read (the clerk went straight to a button) is read now."""
        catalog = state.catalog()
        form = forms.read_form(await read(request), catalog)
        if form.values["meeting"] != form.values["guessed_for"]:
            forms.apply_guess(form, catalog)
        return form, catalog

    def compose(form: forms.Form, catalog: Catalog):
        a, loaded = forms.validate(form, catalog)
        if loaded is None:
            return None
        try:
            return a, loaded, compose_speech(loaded.request, catalog)
        except DrafterError as exc:
            form.errors["modules"] = str(exc)
            return None

    def outline_of(loaded, speech, catalog) -> dict[str, Any]:
        return drafter_app.outline_of(speech, catalog, loaded.config.target_chars(drafter_app.PACE),
                                      loaded.request.theme.name)

    # ── draft ──────────────────────────────────────────────────────────────────────────────────────────

    async def home(request: Request) -> HTMLResponse:
        return draft_page(request, forms.blank(state.catalog()))

    async def home_post(request: Request) -> HTMLResponse:  # Enter in a field without scripts: the outline
        form, catalog = await posted(request)
        done = compose(form, catalog)
        outline = outline_of(done[1], done[2], catalog) if done else None
        return draft_page(request, form, 200 if done else 400, outline=outline)

    async def refresh(request: Request) -> HTMLResponse:
        form, catalog = await posted(request)
        if request.headers.get("hx-trigger-name") == "level":
            forms.follow_title(form)
        return fragment("_form.html", request, **draft_context(form, catalog))

    async def outline(request: Request) -> HTMLResponse:
        form, catalog = await posted(request)
        done = compose(form, catalog)
        if done is None and (request.headers.get("hx-trigger-name") or "").startswith("sections."):
            # a tick while the form is still being filled in: say what is missing, do not paint it red yet
            return fragment("_pending.html", request, form=form)
        if done is None:
            return errors_fragment(request, form, catalog)
        return fragment("_outline.html", request, outline=outline_of(done[1], done[2], catalog), seed=done[0].seed)

    async def reseed(request: Request) -> HTMLResponse:
        form, catalog = await posted(request)
        form.values["seed"] = str(int(form.values["seed"]) + 1 if form.values["seed"].lstrip("-").isdigit() else 2)
        done = compose(form, catalog)
        if done is None:
            return errors_fragment(request, form, catalog)
        view = request.query_params.get("view")
        if view == "text":
            return fragment("_text.html", request, speech=done[2], seed=done[0].seed, oob_seed=True)
        return fragment("_outline.html", request, outline=outline_of(done[1], done[2], catalog), seed=done[0].seed,
                        oob_seed=True)

    async def text(request: Request) -> HTMLResponse:
        form, catalog = await posted(request)
        done = compose(form, catalog)
        if done is None:
            return errors_fragment(request, form, catalog)
        return fragment("_text.html", request, speech=done[2], seed=done[0].seed)

    async def docx(request: Request) -> Response:
        form, catalog = await posted(request)
        done = compose(form, catalog)
        if done is None:
            return draft_page(request, form, 400)
        _, loaded, speech = done
        from drafter.writers import render_bytes

        data = render_bytes(speech, "docx", page_numbers=loaded.config.page_numbers)
        return download(data, drafter_app.default_output(loaded, "docx").name,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    async def yaml_file(request: Request) -> Response:
        form, catalog = await posted(request)
        done = compose(form, catalog)
        if done is None:
            return draft_page(request, form, 400)
        a, loaded, _ = done
        name = drafter_app.default_output(loaded, "yaml").name
        return download(forms.web_config_text(a, catalog).encode("utf-8"), name, "application/x-yaml; charset=utf-8")

    async def upload_config(request: Request) -> HTMLResponse:
        catalog = state.catalog()
        try:
            data = await read(request)
            with tempfile.TemporaryDirectory(prefix="drafter-") as folder:
                saved = save_uploads(data, "config", Path(folder), CONFIG_SUFFIXES, "配置文件", limit=1)
                path, shown = saved[0]
                try:
                    loaded = drafter_app.load(path, state.templates)
                except DrafterError as exc:
                    raise UploadRefused(str(exc).replace(str(path), shown)) from None
        except UploadRefused as exc:
            return draft_page(request, forms.blank(catalog), exc.status, upload_error=str(exc))
        form = forms.from_config(loaded, catalog)
        return draft_page(request, form, notice=f"已按“{shown}”填好表单，可以预览提纲或直接生成讲话稿。")

    # ── check ──────────────────────────────────────────────────────────────────────────────────────────

    async def check_page(request: Request) -> HTMLResponse:
        return page("check.html", request, tab="check", pasted="")

    async def check_post(request: Request) -> HTMLResponse:
        from drafter.readers import read_paragraphs

        pasted = ""
        try:
            data = await read(request)
            pasted = str(data.get("text") or "")
            with tempfile.TemporaryDirectory(prefix="drafter-") as folder:
                saved = save_uploads(data, "draft", Path(folder), DRAFT_SUFFIXES, "讲话稿", limit=1, required=False)
                if saved:
                    path, shown = saved[0]
                elif pasted.strip():
                    path, shown = Path(folder) / "讲话稿.txt", "粘贴的讲话稿"
                    path.write_text(pasted, encoding="utf-8")
                else:
                    raise UploadRefused("请把讲话稿粘贴到“讲话稿”框里，或选择一个 .docx/.md/.txt 文件")
                try:
                    report = drafter_app.check(path, corpus=None)
                    paragraphs = read_paragraphs(path)
                except DrafterError as exc:
                    raise UploadRefused(str(exc).replace(str(path), shown)) from None
        except UploadRefused as exc:
            return page("check.html", request, exc.status, tab="check", pasted=pasted, error=str(exc))
        flagged = {f.paragraph for f in report.findings}
        return page("check.html", request, tab="check", pasted=pasted if not saved else "", report=report,
                    shown=shown, paragraphs=paragraphs, flagged=flagged)

    # ── mine and the unit's own templates ─────────────────────────────────────────────────────────────

    async def mine_page(request: Request) -> HTMLResponse:
        return page("mine.html", request, tab="mine", themes=list(state.catalog().themes))

    async def mine_post(request: Request) -> HTMLResponse:
        themes = list(state.catalog().themes)
        try:
            data = await read(request)
            theme = str(data.get("theme") or "") or None
            locality = str(data.get("locality") or "").strip() or None
            own_theme = str(data.get("theme_name") or "").strip() or None  # the archive as a theme of its own
            with tempfile.TemporaryDirectory(prefix="drafter-") as folder:
                saved = save_uploads(data, "speeches", Path(folder), MINE_SUFFIXES, "讲话稿", limit=MAX_FILES)
                names = {str(path): shown for path, shown in saved}
                emit = Path(folder) / "本单位模板"
                paths = [p for p, _ in saved]
                try:
                    if own_theme:
                        report = drafter_app.mine(paths, locality=locality, emit_theme=(own_theme, emit))
                    else:
                        report = drafter_app.mine(paths, emit=emit, theme=theme, locality=locality)
                except DrafterError as exc:
                    message = str(exc).replace(f"--emit-theme {own_theme}: ", f"主题名称“{own_theme}”：")
                    for path, shown in names.items():
                        message = message.replace(path, shown)
                    raise UploadRefused(message) from None
                package = zip_folder(emit)
        except UploadRefused as exc:
            return page("mine.html", request, exc.status, tab="mine", themes=themes, error=str(exc))
        for speech in report["speeches"]:
            speech["source"] = names.get(speech["source"], speech["source"])
        own = report.get("emitted_theme")
        count = len(own["modules"]) if own else len(report.get("emitted", []))
        token = state.keep_package(package) if count else None
        return page("mine.html", request, tab="mine", themes=themes, report=report, token=token, emitted=count,
                    own_theme=own)

    async def mine_zip(request: Request) -> Response:
        data = state.packages.get(request.path_params["token"])
        if data is None:
            return page("mine.html", request, 404, tab="mine", themes=list(state.catalog().themes),
                        error="这个模块包已过期（服务重启或已分析了更多讲话稿），请重新分析")
        return download(data, "本单位模板.zip", "application/zip")

    async def set_templates(request: Request) -> HTMLResponse:
        themes = list(state.catalog().themes)
        data = await read(request)
        action = str(data.get("action") or "")
        previous = state.templates
        if action == "clear":
            state.templates = None
            return page("mine.html", request, tab="mine", themes=list(state.catalog().themes),
                        notice="已停用本单位模板，起草页只用随附的模块。")
        if action == "use":
            package = state.packages.get(str(data.get("token") or ""))
            if package is None:
                return page("mine.html", request, 404, tab="mine", themes=themes,
                            error="这个模块包已过期，请重新分析")
            folder = state.unpack_folder()
            with zipfile.ZipFile(io.BytesIO(package)) as archive:
                for name in archive.namelist():  # we wrote it: .yaml files, flat or under themes/ and modules/
                    parts = Path(name).parts
                    if name.endswith(".yaml") and ".." not in parts and not Path(name).is_absolute():
                        (folder / name).parent.mkdir(parents=True, exist_ok=True)
                        (folder / name).write_bytes(archive.read(name))
            state.templates = folder
        else:
            text = str(data.get("folder") or "").strip().strip('"')
            folder = Path(text).expanduser() if text else None
            if folder is None or not folder.is_dir():
                return page("mine.html", request, 400, tab="mine", themes=themes,
                            templates_error=f"模板文件夹“{text}”不存在，请填写解压后的文件夹路径" if text
                            else "请填写本单位模板文件夹的路径")
            state.templates = folder.resolve()
        try:
            catalog = state.catalog()
        except DrafterError as exc:
            state.templates = previous
            return page("mine.html", request, 400, tab="mine", themes=themes, templates_error=str(exc))
        shown = "刚才分析出的模块和主题" if action == "use" else str(state.templates)
        return page("mine.html", request, tab="mine", themes=list(catalog.themes),
                    notice=f"起草页已使用本单位模板（{shown}），共 {len(catalog.modules)} 个模块可选。")

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/", closing(home_post), methods=["POST"]),
        Route("/draft/form", closing(refresh), methods=["POST"]),
        Route("/draft/outline", closing(outline), methods=["POST"]),
        Route("/draft/reseed", closing(reseed), methods=["POST"]),
        Route("/draft/text", closing(text), methods=["POST"]),
        Route("/draft/docx", closing(docx), methods=["POST"]),
        Route("/draft/yaml", closing(yaml_file), methods=["POST"]),
        Route("/draft/upload", closing(upload_config), methods=["POST"]),
        Route("/check", check_page, methods=["GET"]),
        Route("/check", closing(check_post), methods=["POST"]),
        Route("/mine", mine_page, methods=["GET"]),
        Route("/mine", closing(mine_post), methods=["POST"]),
        Route("/mine/zip/{token}", mine_zip, methods=["GET"]),
        Route("/templates", closing(set_templates), methods=["POST"]),
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("drafter.web", "static")]), name="static"),
    ]

    async def not_found(request: Request, exc: HTTPException) -> Response:
        messages = {404: "没有这个页面", 405: "不支持这种请求方式"}
        return page("message.html", request, exc.status_code, tab="",
                    message=messages.get(exc.status_code, exc.detail))

    async def refused(request: Request, exc: UploadRefused) -> Response:
        return page("message.html", request, exc.status, tab="", message=str(exc).rstrip("。"))

    starlette = Starlette(routes=routes, exception_handlers={HTTPException: not_found, UploadRefused: refused})
    starlette.state.drafter = state
    guarded = LocalOnly(starlette, port)
    guarded.state = state  # type: ignore[attr-defined]
    return guarded


def closing(handler):
    """The handler, then the uploaded files' spooled temporary files closed (whatever the handler did)."""

    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        finally:
            form = getattr(request.state, "form", None)
            if form is not None:
                await form.close()

    return run


class TooLarge(UploadRefused):
    status = 413


async def read(request: Request) -> FormData:
    """The posted form, with the body size, the file count and field sizes capped."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise TooLarge(too_large(MAX_BODY))
    request._body = bytes(body)  # starlette parses the form from the body once read
    try:
        request.state.form = await request.form(max_files=MAX_FILES, max_fields=400, max_part_size=2 * 1024 * 1024)
        return request.state.form
    except HTTPException as exc:
        if "files" in str(exc.detail).lower():
            raise UploadRefused(f"一次最多上传 {MAX_FILES} 个文件") from None
        raise UploadRefused("提交的内容无法读取（某一项过长或格式不对），请检查后重试") from None


def save_uploads(data: FormData, field: str, folder: Path, suffixes: tuple[str, ...], what: str, *,
                 limit: int, required: bool = True) -> list[tuple[Path, str]]:
    """Uploaded files written into `folder` under names of our own; only the suffix of the user's name is
    kept, and only from `suffixes`. Returns (path, the name the user knows it by)."""
    files = [f for f in data.getlist(field) if isinstance(f, UploadFile) and f.filename]
    if not files and required:
        raise UploadRefused(f"请选择{what}文件（{'、'.join(suffixes)}）")
    if len(files) > limit:
        raise UploadRefused(f"一次最多上传 {limit} 个文件，收到 {len(files)} 个")
    saved = []
    for index, upload in enumerate(files, 1):
        shown = Path(upload.filename.replace("\\", "/")).name[:80]
        suffix = Path(shown).suffix.lower()
        if suffix not in suffixes:
            raise UploadRefused(f"“{shown}”：不支持的文件类型，{what}应为 {'、'.join(suffixes)} 文件")
        content = upload.file.read(MAX_FILE + 1)
        if len(content) > MAX_FILE:
            raise UploadRefused(f"“{shown}”太大（单个文件上限 {MAX_FILE // (1024 * 1024)} MB）")
        path = folder / f"{field}{index}{suffix}"
        path.write_bytes(content)
        saved.append((path, shown))
    return saved


def zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:  # a theme: themes/, modules/<name>/
            archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def download(data: bytes, name: str, media_type: str) -> Response:
    """An attachment named in Chinese (RFC 5987 filename*), with an ASCII fallback for old browsers."""
    suffix = Path(name).suffix
    disposition = f"attachment; filename=\"drafter{suffix}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition,
                                                          "Cache-Control": "no-store"})
