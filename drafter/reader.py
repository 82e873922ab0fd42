"""The one reader: any draft (.docx, .md, .txt — drafter's, a unit's archive, raw web text; one file may hold
several speeches) read into the Speech model, each paragraph keeping its paragraph number in the file.

read → strip page junk → split into speeches → title, speaker and date lines, salutation → opening,
announced count, sections (headings), points, closing. `check` and `mine` both read through here."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter import patterns
from drafter.model import Paragraph, Point, Section, Speech
from drafter.numbering import parse_marker
from drafter.text import fullwidth_punctuation, parse_cn_number

Line = tuple[int, str]  # (paragraph number in the file, text)


@dataclass
class Document:
    source: str
    paragraphs: list[str]  # every non-empty paragraph as read: paragraph n is paragraphs[n - 1]
    speeches: list[Speech]
    junk: frozenset[int] = field(default_factory=frozenset)  # paragraph numbers of page junk
    note: str = ""  # drafter's note to the clerk (起草说明：本稿文字取自本单位讲话稿档案…), if the draft has one


def read_document(path: str | Path) -> Document:
    from drafter.readers import read_paragraphs

    return parse_document(read_paragraphs(path), str(path))


def parse_document(paragraphs: list[str], source: str = "") -> Document:
    lines = _unfuse([(n, fullwidth_punctuation(text)) for n, text in enumerate(paragraphs, 1)])
    junk = frozenset(n for n, text in lines if patterns.is_junk(text.strip()))
    parts = _split([(n, text) for n, text in lines if n not in junk])
    speeches = [_speech(source, part) for part in parts]
    mark = patterns.reading()["draft_note"]
    note = next((text for n, text in lines if n in junk and text.strip().startswith(mark)), "")
    return Document(source=source, paragraphs=list(paragraphs), speeches=speeches, junk=junk, note=note)


def announced_count(texts: list[str]) -> int | None:
    """The count an opening announces (下面，我讲三点意见 → 3), the last one if several; None if none."""
    found = None
    for text in texts:
        for m in patterns.announced().finditer(text):
            found = parse_cn_number(m.group(1))
    return found


def run_in_markers(text: str) -> list[tuple[str, int, int, int]]:
    """(style, number, start, end) of the run-in markers 一是/一要/第一， at sentence starts in a paragraph."""
    out = []
    for m in patterns.RUN_IN.finditer(text):
        if m.group(1):
            style, number = ("shi" if m.group(2) == "是" else "yao"), parse_cn_number(m.group(1))
        else:
            style, number = "di", parse_cn_number(m.group(3))
        if number:
            out.append((style, number, m.start(), m.end()))
    return out


# -- splitting ------------------------------------------------------------------------------------------------

def _unfuse(lines: list[Line]) -> list[Line]:
    """Split long paragraphs where a scraped page glued a numbered heading into the running text."""
    out = []
    for n, text in lines:
        if len(text) > 300:
            out += [(n, part) for part in patterns.FUSED_HEADING.split(text) if part]
        else:
            out.append((n, text))
    return out


@dataclass
class _Part:
    title: Line | None = None
    heads: list[Line] = field(default_factory=list)  # speaker and date lines under the title
    salutation: Line | None = None
    body: list[Line] = field(default_factory=list)


def _split(lines: list[Line]) -> list[_Part]:
    """Each speech of a file; titles fused to the salutation (…讲话稿篇二同志们：) are taken off, and a fragment
    after a closing is a speech of its own."""
    salutation_re, closing_re, title_re = patterns.salutation(), patterns.closing(), patterns.title()
    parts: list[_Part] = []
    part = _Part()
    after_closing = False
    last_section = 0
    for n, raw in lines:
        text = raw.strip()
        if not text:
            continue
        salutation = salutation_re.search(text[:80])
        marker = parse_marker(text)
        chinese = marker is not None and marker.style == "chinese"
        continues = chinese and marker.number == last_section + 1
        starts = salutation is not None or (after_closing and not closing_re.match(text) and not continues)
        if chinese:
            last_section = marker.number
        if salutation is not None and part.body and all(len(t) < 30 and "。" not in t for _, t in part.body):
            part.heads, part.body = part.heads + part.body, []  # the speaker and date lines under a title
        if starts and part.body:
            parts.append(part)
            part = _Part()
            last_section = marker.number if chinese else 0
        if salutation is not None:
            head = text[:salutation.start()]
            titles = title_re.findall(head)
            if titles:
                part.title = (n, titles[-1])
            elif head and not part.title:
                part.title = (n, patterns.part_mark().sub("", head))
            part.salutation = (n, salutation.group())
            text = text[salutation.end():].strip()
        elif not part.body and len(text) < 80 and ((found := title_re.findall(text))
                                                   or patterns.first_line_title().match(text)):
            part.title = (n, found[-1] if found else text)
            prefix = text[:text.rfind(found[-1])].strip() if found else ""
            if 1 < len(prefix) <= 12 and not re.search(r"[【】\[\]《》]", prefix):
                part.heads = [(n, prefix)]  # 县委书记在……会议上的讲话: the speaker named before the title
            continue
        if text:
            part.body.append((n, text))
        after_closing = bool(closing_re.match(text))
    if part.body:
        parts.append(part)
    return parts


# -- structure ------------------------------------------------------------------------------------------------

def heading_of(text: str, marker_len: int) -> tuple[str, str]:
    """(heading, body) of a numbered paragraph: a heading on its own line, or run into its paragraph."""
    body = text[marker_len:]
    stop = re.search(r"[。！？]", body)
    if stop and stop.start() <= 60:
        return body[:stop.start()], body[stop.end():].strip()
    if len(body) <= 40:
        return body.rstrip("，,；;：:"), ""
    cut = re.search(r"[，,；;]", body)
    if cut and cut.start() <= 30:  # a heading fused into its paragraph: keep its first clause
        return body[:cut.start()], body[cut.end():]
    return body[:30], body[30:]


def _closing_start(body: list[Line]) -> int:
    """Where the closing begins: the last 同志们， paragraph, or a 总之， among the last two (an earlier 总之 sums
    up a section)."""
    starts = patterns.closing_salutation()
    for i in range(len(body) - 1, -1, -1):
        if body[i][1].startswith(starts):
            return i
    for i in range(len(body) - 1, max(-1, len(body) - 3), -1):
        if patterns.closing().match(body[i][1]):
            return i
    return len(body)


def _speech(source: str, part: _Part) -> Speech:
    speaker_line = date_line = ""
    numbers: dict[str, int] = {}
    for n, text in part.heads:
        if not date_line and patterns.DATE_LINE.match(text):
            date_line, numbers["date"] = text, n
        elif not speaker_line:
            speaker_line, numbers["speaker"] = text, n
    if part.title:
        numbers["title"] = part.title[0]
    if part.salutation:
        numbers["salutation"] = part.salutation[0]
    speech = _structure(part.body)
    speech.title = part.title[1] if part.title else ""
    speech.speaker_line, speech.date_line = speaker_line, date_line
    speech.salutation = part.salutation[1] if part.salutation else ""
    speech.source, speech.numbers = source, numbers
    if m := patterns.DATE_LINE.match(date_line):
        try:
            speech.date = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            speech.date = None
    return speech


def _para(line: Line) -> Paragraph:
    return Paragraph.plain(line[1], number=line[0])


def _structure(body: list[Line]) -> Speech:
    opening: list[Paragraph] = []
    sections: list[Section] = []
    end = _closing_start(body)
    closing = [_para(line) for line in body[end:]]
    queue = list(body[:end])
    while queue:
        n, text = queue.pop(0)
        marker = parse_marker(text)
        if marker and marker.style == "chinese":
            heading, rest = heading_of(text, len(marker.text))
            sections.append(Section(marker=marker.text.strip(), heading=heading, number=n))
            if rest:
                queue.insert(0, (n, rest))  # what follows a run-in heading is read like any paragraph
            continue
        if marker and marker.style == "paren_chinese":
            if not sections or (sections[-1].points and marker.number == 1
                                and sections[-1].points[0].marker.startswith(("（", "("))):
                sections.append(Section(marker="", heading="", number=n))  # the section's heading was lost
            heading, rest = heading_of(text, len(marker.text))
            sections[-1].points.append(Point(marker=f"（{marker.text.strip('（）() ')}）", heading=heading,
                                             paragraphs=[_para((n, rest))] if rest else [], number=n))
            continue
        if not sections:
            opening.append(_para((n, text)))
            continue
        section = sections[-1]
        if section.points and section.points[0].marker.startswith("（"):
            section.points[-1].paragraphs.append(_para((n, text)))
            continue
        found = run_in_markers(text)
        if not section.points and not found and marker is None:
            section.lead.append(_para((n, text)))
            continue
        if found and found[0][1] == 1 and section.points and section.heading == "" and _ended(section):
            section = Section(marker="", heading="", number=n)  # a new list after prose: a lost heading
            sections.append(section)
        if found:
            if found[0][2] > 1:
                section.lead.append(_para((n, text[:found[0][2]])))
            for k, (_, _, start, stop_marker) in enumerate(found):
                stop = found[k + 1][2] if k + 1 < len(found) else len(text)
                lead, rest = heading_of(text[start:stop].strip(), stop_marker - start)
                section.points.append(Point(marker=text[start:stop_marker].strip("，, 。；"), heading=lead,
                                            paragraphs=[_para((n, rest))], number=n))
        elif section.points and not (section.heading == "" and len(text) > 40 and _ended(section)):
            section.points[-1].paragraphs.append(_para((n, text)))
        elif section.points:  # prose after a list: a lost heading
            sections.append(Section(marker="", heading="", lead=[_para((n, text))], number=n))
        else:
            section.lead.append(_para((n, text)))
    if not sections and len(opening) > 2:  # every heading lost: the opening ends at its announcement
        texts = [p.text for p in opening]
        cut = next((i for i, t in enumerate(texts)
                    if patterns.announced().search(t) or patterns.opening_end().search(t)), 0) + 1
        rest = [(p.number or 0, p.text) for p in opening[cut:]]
        first = rest[0][0] if rest else (opening[-1].number or 0)
        speech = _structure([(first, "一、"), *rest])
        speech.sections[0].heading = speech.sections[0].marker = ""
        speech.opening, speech.closing = opening[:cut], closing
        speech.announced_count = announced_count(texts[:cut])
        return speech
    return Speech(title="", opening=opening, sections=sections, closing=closing,
                  announced_count=announced_count([p.text for p in opening]))


def _ended(section: Section) -> bool:
    """Whether the section's last point already has a body (so new prose starts something new)."""
    return bool(section.points and "".join(p.text for p in section.points[-1].paragraphs).strip())
