"""The speech document model: what compose produces, what the writers lay out, what check and mine read back.

A speech read from a file (drafter.reader) fills the same model; each paragraph then keeps `number`, its
paragraph number in the source file (counted from 1 over non-empty paragraphs, as check reports them)."""

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
    number: int | None = None  # paragraph number in the file it was read from
    note: str = ""  # a word for the clerk, not for the listener (an invented case to replace): a Word comment

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @classmethod
    def plain(cls, text: str, origin: str = "", number: int | None = None) -> "Paragraph":
        return cls([Run(text)], origin, number)


@dataclass
class Point:
    """A second-level point （一）…: its heading runs into the first paragraph."""

    marker: str
    heading: str
    paragraphs: list[Paragraph]
    module_id: str | None = None
    number: int | None = None  # read from a file: the paragraph its marker stands in
    confidence: float = 0.0    # read from a file: how closely it matches module_id

    def heading_paragraph(self) -> Paragraph:
        first = self.paragraphs[0] if self.paragraphs else Paragraph([])
        return Paragraph([Run(f"{self.marker}{self.heading}。", "heading"), *first.runs], note=first.note)


@dataclass
class Section:
    """A main section 一、…, with its one-paragraph lead and its points."""

    marker: str
    heading: str
    category: str = "other"  # awareness | priorities | implementation | other
    lead: list[Paragraph] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    number: int | None = None  # read from a file: the paragraph of its heading (or where it begins)
    confidence: float = 0.0    # read from a file: the share of the votes its category won


@dataclass(frozen=True)
class Block:
    """One paragraph as a writer lays it out. role: title | speaker | date | salutation | heading1 | body."""

    role: str
    runs: tuple[Run, ...]
    outline_level: int | None = None
    note: str = ""  # the paragraph's note for the clerk (drafter.model.Paragraph.note)

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
    source: str = ""  # read from a file: its path
    numbers: dict[str, int] = field(default_factory=dict)  # read from a file: title/speaker/date/salutation → paragraph
    note: str = ""  # a note to the clerk, never read aloud: where the text comes from (an archive theme's notice)

    @property
    def speaker_role(self) -> str:
        """The speaker's office: from the speaker line (县长　王某 → 县长), else from a title that names it
        (县委书记在……会议上的讲话 → 县委书记)."""
        if self.speaker_line:
            return self.speaker_line.replace("\u3000", " ").split()[0]
        head, found, _ = self.title.partition("在")
        return head if found and 1 < len(head) <= 12 else ""

    @property
    def speaker_name(self) -> str:
        parts = self.speaker_line.replace("\u3000", " ").split()
        return parts[1] if len(parts) > 1 else ""

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the body in reading order (opening, leads, points, closing)."""
        out = list(self.opening)
        for section in self.sections:
            out += section.lead
            for point in section.points:
                out += point.paragraphs
        return out + list(self.closing)

    @property
    def start(self) -> int | None:
        """The first paragraph number of a speech read from a file."""
        found = [*self.numbers.values(), *(p.number for p in self.paragraphs() if p.number),
                 *(s.number for s in self.sections if s.number)]
        return min(found) if found else None

    def blocks(self) -> list[Block]:
        """The speech flattened into paragraphs in reading order."""
        out = [Block("title", (Run(self.title),))]
        if self.speaker_line:
            out.append(Block("speaker", (Run(self.speaker_line),)))
        if self.date_line:
            out.append(Block("date", (Run(self.date_line),)))
        if self.salutation:
            out.append(Block("salutation", (Run(self.salutation),)))
        out += [Block("body", tuple(p.runs), note=p.note) for p in self.opening]
        for section in self.sections:
            out.append(Block("heading1", (Run(f"{section.marker}{section.heading}"),), outline_level=1))
            out += [Block("body", tuple(p.runs), note=p.note) for p in section.lead]
            for point in section.points:
                first = point.heading_paragraph()
                out.append(Block("body", tuple(first.runs), outline_level=2, note=first.note))
                out += [Block("body", tuple(p.runs), note=p.note) for p in point.paragraphs[1:]]
        out += [Block("body", tuple(p.runs), note=p.note) for p in self.closing]
        return out

    def body_text(self) -> str:
        """Everything a listener hears: salutation to closing, without title and speaker lines."""
        roles = {"salutation", "heading1", "body"}
        return "\n".join(block.text for block in self.blocks() if block.role in roles)


@dataclass(frozen=True)
class Finding:
    """What `check` (and compose's self-repair) reports about a draft: a rule id, the paragraph (numbered from
    1 over non-empty paragraphs), a quote and a message a clerk understands."""

    rule: str
    paragraph: int
    quote: str
    message: str
