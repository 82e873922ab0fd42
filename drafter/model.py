"""The speech document model: what compose produces, what the writers lay out, what check and mine read back."""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look. kind: plain | heading (a run-in （一） heading, 楷体) | lead (bold)."""

    text: str
    kind: str = "plain"


@dataclass
class Paragraph:
    runs: list[Run]
    origin: str = ""  # which piece of a plan wrote it (body, extra:N, lead, opening, closing): for compose's repairs

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @classmethod
    def plain(cls, text: str, origin: str = "") -> "Paragraph":
        return cls([Run(text)], origin)


@dataclass
class Point:
    """A second-level point （一）…: its heading runs into the first paragraph."""

    marker: str
    heading: str
    paragraphs: list[Paragraph]
    module_id: str | None = None

    def heading_paragraph(self) -> Paragraph:
        first = self.paragraphs[0].runs if self.paragraphs else []
        return Paragraph([Run(f"{self.marker}{self.heading}。", "heading"), *first])


@dataclass
class Section:
    """A main section 一、…, with its one-paragraph lead and its points."""

    marker: str
    heading: str
    category: str  # awareness | priorities | implementation | other
    lead: list[Paragraph] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """One paragraph as a writer lays it out. role: title | speaker | date | salutation | heading1 | body."""

    role: str
    runs: tuple[Run, ...]
    outline_level: int | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Speech:
    title: str
    speaker_line: str = ""
    date_line: str = ""
    salutation: str = "同志们："
    opening: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    announced_count: int | None = None
    author: str = ""
    date: datetime.date | None = None

    def blocks(self) -> list[Block]:
        """The speech flattened into paragraphs in reading order."""
        out = [Block("title", (Run(self.title),))]
        if self.speaker_line:
            out.append(Block("speaker", (Run(self.speaker_line),)))
        if self.date_line:
            out.append(Block("date", (Run(self.date_line),)))
        if self.salutation:
            out.append(Block("salutation", (Run(self.salutation),)))
        out += [Block("body", tuple(p.runs)) for p in self.opening]
        for section in self.sections:
            out.append(Block("heading1", (Run(f"{section.marker}{section.heading}"),), outline_level=1))
            out += [Block("body", tuple(p.runs)) for p in section.lead]
            for point in section.points:
                out.append(Block("body", tuple(point.heading_paragraph().runs), outline_level=2))
                out += [Block("body", tuple(p.runs)) for p in point.paragraphs[1:]]
        out += [Block("body", tuple(p.runs)) for p in self.closing]
        return out

    def body_text(self) -> str:
        """Everything a listener hears: salutation to closing, without title and speaker lines."""
        roles = {"salutation", "heading1", "body"}
        return "\n".join(block.text for block in self.blocks() if block.role in roles)
