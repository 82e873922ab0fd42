"""Markdown and plain-text layouts of a Speech (same model as the .docx, no content decisions)."""

from __future__ import annotations

from drafter.model import Speech

INDENT = "\u3000\u3000"  # two full-width spaces: the first-line indent of a Chinese paragraph


def _note(speech: Speech) -> list[str]:
    """The clerk's note (where the text comes from) above the title; the reader passes over it as page junk."""
    from drafter.patterns import reading

    return [f"{reading()['draft_note']}{speech.note}", ""] if speech.note else []


def render_markdown(speech: Speech) -> str:
    lines: list[str] = [f"> {line}" if line else line for line in _note(speech)]
    for block in speech.blocks():
        if block.role == "title":
            lines.append(f"# {block.text}")
        elif block.role in ("speaker", "date"):
            lines.append(block.text)
        elif block.role == "heading1":
            lines.append(f"## {block.text}")
        else:
            lines.append("".join(f"**{r.text}**" if r.kind in ("heading", "lead") else r.text
                                 for r in block.runs))
        lines.append("")
    return "\n".join(lines)


def render_text(speech: Speech) -> str:
    lines: list[str] = _note(speech)
    for block in speech.blocks():
        if block.role in ("title", "speaker", "date", "salutation"):
            lines.append(block.text)
            if block.role == "date":
                lines.append("")
        else:
            lines.append(INDENT + block.text)
    return "\n".join(lines) + "\n"
