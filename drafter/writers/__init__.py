"""Writers lay out a Speech as .docx, Markdown or plain text and write it atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from drafter.errors import OutputError
from drafter.model import Speech
from drafter.writers.docx import render_docx
from drafter.writers.text import render_markdown, render_text

FORMATS = ("docx", "md", "txt")


def render_bytes(speech: Speech, fmt: str, *, reference: Path | None = None,
                 page_numbers: str = "outside") -> bytes:
    if fmt == "docx":
        return render_docx(speech, reference=reference, page_numbers=page_numbers)
    if fmt == "md":
        return render_markdown(speech).encode("utf-8")
    if fmt == "txt":
        return render_text(speech).encode("utf-8")
    raise OutputError(f"不支持的格式“{fmt}”，应为 {'/'.join(FORMATS)} 之一")


def check_target(path: Path, *, force: bool) -> None:
    """Refuse before any work is done: a missing folder, or an existing file without --force."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: 输出文件夹“{folder}”不存在，请先创建或换一个位置")
    if path.is_dir():
        raise OutputError(f"{path}: 这是一个文件夹，请给出文件名，如 {path / '讲话稿.docx'}")
    if path.exists() and not force:
        raise OutputError(f"{path}: 文件已存在；如需覆盖请加 --force")


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    """Write to a temporary file beside the target, then move it into place: no half-written drafts."""
    check_target(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a draft is an ordinary document
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
