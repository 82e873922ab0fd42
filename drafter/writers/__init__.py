"""Writers lay out a Speech as .docx, Markdown or plain text and write it atomically."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import OutputError
from drafter.model import Speech
from drafter.writers.docx import render_docx
from drafter.writers.files import check_target, write_atomic, write_files
from drafter.writers.text import render_markdown, render_text

FORMATS = ("docx", "md", "txt")
__all__ = ["FORMATS", "check_target", "render_bytes", "write_atomic", "write_files"]


def render_bytes(speech: Speech, fmt: str, *, reference: Path | None = None,
                 page_numbers: str = "outside") -> bytes:
    if fmt == "docx":
        return render_docx(speech, reference=reference, page_numbers=page_numbers)
    if fmt == "md":
        return render_markdown(speech).encode("utf-8")
    if fmt == "txt":
        return render_text(speech).encode("utf-8")
    raise OutputError(f"不支持的格式“{fmt}”，应为 {'/'.join(FORMATS)} 之一")
