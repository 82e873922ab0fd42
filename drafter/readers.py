"""Read any speech draft (.docx, .md, .txt — drafter's or anyone's) into paragraphs, and paragraphs into the
Speech model, for `check` and `mine`. Every read is bounded: file size, a .docx's unpacked size (a zip bomb
is refused from its directory, before anything is unpacked), no XML entity declarations, paragraph length
and count."""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

from drafter.config.yamlsafe import decode
from drafter.errors import DrafterError, os_reason

MAX_BYTES = 20_000_000        # a text file of speeches: an archive of a few hundred is a few MB
MAX_DOCX_BYTES = 50_000_000   # a .docx as stored (pictures make them big)
MAX_UNZIPPED = 100_000_000    # all of a .docx's parts, unpacked
MAX_XML = 30_000_000          # one XML part, unpacked: a long speech's document.xml is well under 1 MB
MAX_PARTS = 2_000
MAX_PARAGRAPH = 100_000       # characters in one paragraph (a whole speech on one line is ~20,000)
MAX_PARAGRAPHS = 50_000      # an archive of 200 speeches has about 16,000
MAX_CHECK_CHARS = 100_000  # one speech for `check`: the longest real ones are a third of this
_MD_MARKUP = re.compile(r"^\s{0,3}#{1,6}\s*|\*\*|__|^\s*>\s?|<[^>]+>")
MESSAGES = {
    "missing": "{path}: 找不到这个文件",
    "folder": "{path}: 这是一个文件夹，不是讲话稿文件（可读 .docx、.md、.txt）",
    "special": "{path}: 不是普通文件（设备或管道），请给出讲话稿文件",
    "unreadable": "{path}: 无法读取（{reason}）",
    "big": "{path}: 文件过大（{size:.1f} MB），上限为 {limit} MB",
    "kind": "{path}: 不支持的文件类型“{suffix}”，可读 .docx、.md、.txt",
    "not_docx": "{path}: 不是可读的 Word 文档（.docx）",
    "unzipped": "{path}: Word 文档解压后过大（超过 {limit} MB），疑为损坏或恶意文件，拒绝读取",
    "entity": "{path}: Word 文档含 XML 实体声明（<!DOCTYPE/<!ENTITY），正常的 .docx 没有，拒绝读取",
    "paragraph": "{path}: 第 {n} 段过长（{size} 字），一段的上限为 {limit} 字；请检查文件是否缺少换行",
    "paragraphs": "{path}: 段落过多（超过 {limit} 段），请只给出讲话稿本身",
}


class ReadError(DrafterError):
    """The draft cannot be read (missing, not a document, unknown encoding, too big)."""


def check_file_kind(path: Path) -> None:
    """A readable regular file, or the reason it is not (missing, a folder, a device or a pipe)."""
    _stat(path)


def _stat(path: Path):
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ReadError(MESSAGES["missing"].format(path=path)) from None
    except OSError as exc:
        raise ReadError(MESSAGES["unreadable"].format(path=path, reason=os_reason(exc))) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(MESSAGES["folder"].format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(MESSAGES["special"].format(path=path))
    return info


def read_paragraphs(path: str | Path) -> list[str]:
    """The non-empty paragraphs of a document, in order, trimmed (the unit check reports locations in)."""
    path = Path(path)
    info = _stat(path)
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".md", ".markdown", ".txt", ".text", ""):
        raise ReadError(MESSAGES["kind"].format(path=path, suffix=suffix))
    limit = MAX_DOCX_BYTES if suffix == ".docx" else MAX_BYTES
    if info.st_size > limit:
        raise ReadError(MESSAGES["big"].format(path=path, size=info.st_size / 1_000_000, limit=limit // 1_000_000))
    if suffix == ".docx":
        lines = _docx_paragraphs(path)
    elif suffix in (".md", ".markdown"):
        lines = [_MD_MARKUP.sub("", line) for line in _text(path).splitlines()]
    else:
        lines = _text(path).splitlines()
    out = []
    for line in lines:
        text = line.strip().strip("\u3000").strip()
        if not text:
            continue
        if len(text) > MAX_PARAGRAPH:
            raise ReadError(MESSAGES["paragraph"].format(path=path, n=len(out) + 1, size=len(text), limit=MAX_PARAGRAPH))
        out.append(text)
        if len(out) > MAX_PARAGRAPHS:
            raise ReadError(MESSAGES["paragraphs"].format(path=path, limit=MAX_PARAGRAPHS))
    return out


def _text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(MESSAGES["unreadable"].format(path=path, reason=os_reason(exc))) from None
    if len(raw) > MAX_BYTES:
        raise ReadError(MESSAGES["big"].format(path=path, size=len(raw) / 1_000_000, limit=MAX_BYTES // 1_000_000))
    try:
        return decode(raw, str(path), "讲话稿（.txt/.md）")
    except DrafterError as exc:
        raise ReadError(str(exc)) from None


def check_docx(path: Path, error: type[DrafterError] = ReadError, not_docx: str | None = None) -> None:
    """Refuse a .docx that is no zip, unpacks too big (by its directory, before unpacking anything) or
    declares XML entities; python-docx then parses only what passed."""
    not_docx = not_docx or MESSAGES["not_docx"].format(path=path)
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNZIPPED:
                raise error(MESSAGES["unzipped"].format(path=path, limit=MAX_UNZIPPED // 1_000_000))
            for part in parts:
                if not part.filename.endswith((".xml", ".rels")):
                    continue
                if part.file_size > MAX_XML:
                    raise error(MESSAGES["unzipped"].format(path=path, limit=MAX_XML // 1_000_000))
                with package.open(part) as stream:  # reads stop at the declared size, so a lying entry fails
                    tail = b""
                    while chunk := stream.read(1 << 20):
                        window = tail + chunk
                        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                            raise error(MESSAGES["entity"].format(path=path))
                        tail = chunk[-16:]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, RuntimeError):
        raise error(not_docx) from None
    except OSError as exc:
        raise error(MESSAGES["unreadable"].format(path=path, reason=os_reason(exc))) from None


def docx_comments(path: Path) -> str:
    """A .docx's document-properties comments (where drafter notes that a draft's text comes from an
    archive); "" when unreadable: check reads the body through read_paragraphs, which reports the problem."""
    from docx import Document

    try:
        check_docx(path)
        return Document(str(path)).core_properties.comments or ""
    except Exception:  # noqa: BLE001 — a note is optional; the body read reports a broken file
        return ""


def _docx_paragraphs(path: Path) -> list[str]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    check_docx(path)
    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):  # lxml's XMLSyntaxError
        raise ReadError(MESSAGES["not_docx"].format(path=path)) from None
    out = []
    for paragraph in document.paragraphs:
        # a title broken into lines with <w:br/> is one paragraph
        out.append(paragraph.text.replace("\n", ""))
    return out
