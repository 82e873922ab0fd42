"""Read any speech draft (.docx, .md, .txt — drafter's or anyone's) into paragraphs, and paragraphs into the
Speech model, for `check` and `mine`."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from drafter.config.yamlsafe import decode
from drafter.errors import DrafterError

MAX_BYTES = 50_000_000
_MD_MARKUP = re.compile(r"^\s{0,3}#{1,6}\s*|\*\*|__|^\s*>\s?|<[^>]+>")


class ReadError(DrafterError):
    """The draft cannot be read (missing, not a document, unknown encoding)."""


def read_paragraphs(path: str | Path) -> list[str]:
    """The non-empty paragraphs of a document, in order, trimmed (the unit check reports locations in)."""
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: 找不到这个文件")
    if path.stat().st_size > MAX_BYTES:
        raise ReadError(f"{path}: 文件过大（上限 50 MB）")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        lines = _docx_paragraphs(path)
    elif suffix in (".md", ".markdown"):
        lines = [_MD_MARKUP.sub("", line) for line in _text(path).splitlines()]
    elif suffix in (".txt", ".text", ""):
        lines = _text(path).splitlines()
    else:
        raise ReadError(f"{path}: 不支持的文件类型“{suffix}”，可读 .docx、.md、.txt")
    return [line.strip().strip("\u3000").strip() for line in lines if line.strip().strip("\u3000")]


def _text(path: Path) -> str:
    try:
        return decode(path.read_bytes(), str(path))
    except DrafterError as exc:
        raise ReadError(str(exc)) from None


def _docx_paragraphs(path: Path) -> list[str]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ReadError(f"{path}: 不是可读的 Word 文档（.docx）") from None
    out = []
    for paragraph in document.paragraphs:
        # a title broken into lines with <w:br/> is one paragraph
        out.append(paragraph.text.replace("\n", ""))
    return out
