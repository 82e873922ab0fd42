"""The one reader: check and mine read a file the same way (speeches, sections, paragraph numbers), raw web
text is read without its page junk, the genre vocabulary is data, and the fast paths of mine and the corpus
index give exactly what the plain algorithms give."""

from __future__ import annotations

import json
import math
import random
import re
import zlib
from pathlib import Path

import pytest
import yaml

from drafter import check, patterns
from drafter.catalog import data_folder, load_catalog
from drafter.mine import _bigrams, _profiles, recurring_phrases
from drafter.overlap import MIN_RUN, CorpusIndex, K, W, fingerprints, normalise, winnow
from drafter.reader import parse_document, read_document
from drafter.readers import read_paragraphs
from drafter.text import fullwidth_punctuation
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(Path(str(data_folder("seeds"))).glob("*.txt"))
RAW = Path("/work/shared/seeds")
RAW_SEEDS = sorted(RAW.glob("*.txt")) if RAW.is_dir() else []


def _agree(run, path: Path) -> list[dict]:
    """mine's report of a file, checked against the paragraphs check numbers and the document check reads."""
    mined = json.loads(run("mine", path, "--json").stdout)["speeches"]
    paragraphs = read_paragraphs(path)
    document = check.read_document(path)  # what check_file analyses
    assert [s["paragraph"] for s in mined] == [s.start for s in document.speeches]
    assert [[sec["paragraph"] for sec in s["sections"]] for s in mined] == \
        [[sec.number for sec in s.sections] for s in document.speeches]
    for speech in mined:
        for section in speech["sections"]:
            text = fullwidth_punctuation(paragraphs[section["paragraph"] - 1])
            assert section["heading"] in text, (section["paragraph"], section["heading"], text[:60])
            for point in section["points"]:
                text = fullwidth_punctuation(paragraphs[point["paragraph"] - 1])
                assert point["marker"] in text and point["text"] in text, (point, text[:80])
    return mined


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_check_and_mine_agree_on_every_seed(run, path):
    mined = _agree(run, path)
    assert sum(len(s["sections"]) for s in mined) >= 2


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_check_and_mine_agree_on_every_rendered_example(run, tmp_path, path):
    draft = tmp_path / "d.docx"
    assert run("render", path, "-o", draft).exit_code == 0
    outline = json.loads(run("outline", path, "--json").stdout)
    [speech] = _agree(run, draft)
    paragraphs = read_paragraphs(draft)
    assert speech["paragraph"] == 1 and paragraphs[0] == outline["title"] == speech["title"]
    assert speech["speaker"] == outline["speaker"] and speech["date"] == outline["date"]
    # each section heading stands in its own paragraph, as the writer laid it out
    assert [paragraphs[s["paragraph"] - 1] for s in speech["sections"]] == [s["heading"] for s in outline["sections"]]


@pytest.mark.skipif(not RAW_SEEDS, reason="the original scraped seeds are not on this machine")
def test_mine_reads_the_seeds_as_scraped(run):
    mined = json.loads(run("mine", *RAW_SEEDS, "--json").stdout)["speeches"]
    # eight speeches and the fragment that closes file 000; the share notice of 002 is no speech
    assert len(mined) == 9
    assert [Path(s["source"]).name[:3] for s in mined] == ["000"] * 5 + ["001", "002", "003", "004"]
    assert [s["title"] for s in mined[5:]] == ["全市软环境建设推进会讲话稿", "在五月份“一把手工程”例会上的讲话",
                                               "在工业经济服务月活动动员大会上的讲话",
                                               "在2022年重特大项目攻坚暨优化营商环境大会上的领导发言"]
    assert [s["speaker"] for s in mined[6:8]] == ["县委书记", "市委书记"]
    assert [len(s["sections"]) for s in mined[5:]] == [3, 2, 5, 3]
    cleaned = json.loads(run("mine", *SEEDS, "--json").stdout)["speeches"]
    assert [[sec["heading"] for sec in s["sections"]] for s in mined] == \
        [[sec["heading"] for sec in s["sections"]] for s in cleaned]
    document = read_document(RAW / "002_d46ce27a478ee431.txt")
    assert len(document.paragraphs) in document.junk  # the last line: 《…》由互联网用户分享整理。文章地址:http…


def test_share_notice_and_download_prompts_are_junk_for_check_too(run, tmp_path):
    draft = tmp_path / "web.txt"
    draft.write_text("同志们:\n今天召开会议,研究部署工作。\n免费阅读已结束,点击下载阅读编辑剩下 ...\n"
                     "《讲话》由互联网用户分享整理。文章地址:http://example.com/1.html", encoding="utf-8")
    report = json.loads(run("check", draft, "--json", "--ignore", "overlap").stdout)
    assert {f["paragraph"] for f in report["findings"]} == {1, 2}  # the two lines of the speech, not the page
    document = parse_document(read_paragraphs(draft))
    assert document.junk == {3, 4} and len(document.speeches) == 1


def test_mine_validates_every_path_before_reading_any(run, tmp_path):
    missing = tmp_path / "缺失.txt"
    result = run("mine", *SEEDS, missing, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"{missing}: 找不到这个文件"
    odd = tmp_path / "a.pdf"
    odd.write_bytes(b"%PDF")
    result = run("mine", SEEDS[0], odd)
    assert result.exit_code == 2 and result.stderr.strip() == f"{odd}: 不支持的文件类型“.pdf”，可读 .docx、.md、.txt"


def test_genre_vocabulary_is_data_not_code():
    spec = patterns.reading()
    words = [*spec["junk"]["short"], *spec["junk"]["anywhere"], *spec["title"]["meetings"],
             *spec["announced"]["units"], *spec["placeholders"]["words"], *spec["formulae"],
             *(w for words in spec["categories"].values() for w in words)]
    words = [w for w in words if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)]
    assert len(words) > 60
    rules = patterns.lexicon("rules.yaml")
    words += [w for key in ("agenda", "consistency", "timing", "role") for value in rules[key].values()
              if isinstance(value, list) for w in value if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)]
    for name in ("check.py", "mine.py", "reader.py", "patterns.py", "overlap.py", "repetition.py", "semantic.py"):
        code = (ROOT / "drafter" / name).read_text(encoding="utf-8")
        code = re.sub(r"#.*|\"\"\"[\s\S]*?\"\"\"", "", code)     # comments and docstrings
        code = re.sub(r'(?<![rR])f"[^"\n]*"|"[^"\n]*(?:[：，。（）“]|[\u4e00-\u9fff]{8})[^"\n]*"', "", code)  # messages
        assert [w for w in words if w in code] == [], name
    assert yaml.safe_load((ROOT / "templates/lexicon/reading.yaml").read_text(encoding="utf-8")) == spec


# -- the fast paths give what the plain algorithms give --------------------------------------------------------

def _plain_fingerprints(text: str) -> list[tuple[int, int]]:
    """Winnowing as first written: the minimum of every window by a key function, rightmost on a tie."""
    grams = [(zlib.crc32(re.sub("[\U00010000-\U0010ffff]", "\ufffd", text[i:i + K]).encode("utf-16-le")), i)
             for i in range(len(text) - K + 1)
             if "|" not in text[i:i + K]]
    chosen: dict[int, int] = {}
    for start in range(max(1, len(grams) - W + 1)):
        window = grams[start:start + W]
        if window:
            h, pos = min(window, key=lambda g: (g[0], -g[1]))
            chosen[pos] = h
    return [(h, pos) for pos, h in sorted(chosen.items())]


def test_fingerprints_are_those_of_the_plain_winnowing():
    samples = [normalise("\n".join(read_paragraphs(p))) for p in SEEDS]
    samples += ["", "短句", "一二三四五六七八九十一二三", "甲" * 40, "一二三四五六七八九十一二三四|五六七八九十" * 5,
                samples[0][:K + W - 1], samples[1][:K + W]]
    rng = random.Random(13)
    for alphabet in ("甲乙", "甲乙丙", "一二三四五六七八九十"):  # few distinct k-grams: ties everywhere
        text = "".join(rng.choice(alphabet) for _ in range(600))
        samples += [text, "|".join(text[i:i + rng.randint(3, 40)] for i in range(0, 600, 30))]
    samples.append("".join(rng.choice("甲乙丙丁戊己庚辛") for _ in range(10_000)))  # one segment, hashed in chunks
    samples.append("".join(rng.choice("甲乙𠀀𪚥丙丁") for _ in range(5_000)))  # beyond the BMP, in chunks too
    samples.append("甲乙丙丁戊己庚辛壬癸子丑寅卯" * 3 + "|𠀀" + "甲乙丙丁戊己庚辛壬癸子丑寅卯" * 3)
    for text in samples:
        assert fingerprints(text) == _plain_fingerprints(text)
        assert winnow(text) == ([h for h, _ in _plain_fingerprints(text)], [p for _, p in _plain_fingerprints(text)])
    assert len(fingerprints(samples[0])) > 1000


def _plain_recurring(speeches, lengths=range(4, 11), top=30):
    """recurring_phrases written plainly: grams inside one clause (one character longer than reported), the
    pieces of a longer word left out by their neighbours, every shared phrase compared with every other."""
    spec = patterns.reading()["phrases"]
    seen: dict[str, set[int]] = {}
    clauses: list[str] = []
    for index, speech in enumerate(speeches):
        parts = [p.text for p in speech.opening]
        parts += [t for s in speech.sections for t in (s.heading, *(p.text for p in s.lead))]
        parts += [t for s in speech.sections for pt in s.points for t in (pt.heading, *(p.text for p in pt.paragraphs))]
        text = "|".join(parts + [p.text for p in speech.closing])
        for clause in re.findall(r"[\u4e00-\u9fff]+", text):
            clauses.append(clause)
            for n in range(lengths.start, lengths.stop + 1):
                for i in range(len(clause) - n + 1):
                    gram = clause[i:i + n]
                    if gram[0] not in spec["not_first"] and gram[-1] not in spec["not_last"]:
                        seen.setdefault(gram, set()).add(index)
    shared = {g: len(ids) for g, ids in seen.items() if len(ids) >= 2}
    distinct = set(clauses)  # the neighbours are sets: a clause said twice adds none
    left: dict[str, set[str]] = {}
    right: dict[str, set[str]] = {}
    for c in distinct:  # every place a shared gram occurs in a clause, with the characters either side
        for n in range(lengths.start, lengths.stop + 1):
            for i in range(len(c) - n + 1):
                if (g := c[i:i + n]) in shared:
                    left.setdefault(g, set()).add(c[i - 1] if i else "^")
                    right.setdefault(g, set()).add(c[i + n] if i + n < len(c) else "$")
    def varied(g):
        return (len(left[g]) > 1 or left[g] == {"^"}) and (len(right[g]) > 1 or right[g] == {"$"})
    shared = {g: c for g, c in shared.items() if varied(g)}
    longer: dict[int, list[str]] = {}
    for o in shared:
        longer.setdefault(len(o), []).append(o)
    maximal = [g for g in shared if len(g) < lengths.stop and not any(
        g in o and shared[o] >= shared[g] for o in longer.get(len(g) + 1, []))]
    maximal.sort(key=lambda g: (-shared[g] * len(g), g))
    return [{"phrase": g, "speeches": shared[g]} for g in maximal[:top]]


def test_recurring_phrases_are_those_of_the_plain_comparison():
    speeches = [s for p in SEEDS for s in read_document(p).speeches][:5]  # the plain version is quadratic
    fast = recurring_phrases(speeches, top=500)
    assert len(fast) > 30
    assert fast == _plain_recurring(speeches, top=500)


def test_point_classification_is_that_of_the_plain_cosine():
    """The packed bigram sums and the C-level maximum pick what a plain cosine over every profile picks, score,
    module and section alike (ties to the greater id)."""
    profiles = _profiles(load_catalog())
    rows = {}
    for gram, postings in profiles.index.items():
        for row, count in postings:
            rows.setdefault(row, {})[gram] = count

    def plain(text: str) -> tuple[float, str, str]:
        vector = _bigrams(text)
        if not vector:  # no Chinese to compare
            return (0.0, *profiles.fallback)
        norm = math.sqrt(sum(v * v for v in vector.values()))
        scored = [(sum(c * rows[r].get(g, 0) for g, c in vector.items()) / (norm * profiles.norms[r]), *profiles.labels[r])
                  for r in rows]
        return max((s for s in scored if s[0] > 0), default=(0.0, *profiles.fallback))

    texts = [b.text for p in SEEDS[:3] for s in read_document(p).speeches for sec in s.sections
             for pt in sec.points for b in pt.paragraphs][:16]  # the plain cosine visits every profile
    texts += ["", "abc", "工作工作工作", "发展" * 50, "坚持以人民为中心的发展思想"]
    assert len(texts) > 20
    for text in texts:
        assert profiles.best(_bigrams(text)) == plain(text), text[:20]
    assert profiles.best(_bigrams("发展" * 50)) == profiles._best_sparse(_bigrams("发展" * 50))


def _plain_runs(index: CorpusIndex, draft: str, min_run: int = MIN_RUN) -> list[tuple[str, str, int]]:
    """shared_runs as first written: every hit extended a character at a time, the runs found so far looked
    over again after each fingerprint."""
    text = normalise(draft)
    best: dict[int, tuple[str, str, int]] = {}
    covered_until = -1
    for h, start in fingerprints(text):
        for file_id, pos in index.db.execute("select file, pos from prints where hash = ?", (h,)).fetchall():
            name, source = index.db.execute("select name, text from files where id = ?", (file_id,)).fetchone()
            if source[pos:pos + K] != text[start:start + K]:
                continue
            a, b = start, pos
            while a > 0 and b > 0 and text[a - 1] == source[b - 1] and text[a - 1] != "|":
                a, b = a - 1, b - 1
            end, send = start + K, pos + K
            while end < len(text) and send < len(source) and text[end] == source[send] and text[end] != "|":
                end, send = end + 1, send + 1
            if end - a >= min_run and end > covered_until and (a not in best or end - a > len(best[a][0])):
                best[a] = (text[a:end], name, a)
        covered_until = max([covered_until, *(p + len(t) for t, _, p in best.values())])
    kept: list[tuple[str, str, int]] = []
    for run in sorted(best.values(), key=lambda r: (-len(r[0]), r[2])):
        if not any(k[2] <= run[2] and run[2] + len(run[0]) <= k[2] + len(k[0]) for k in kept):
            kept.append(run)
    return kept


def test_shared_runs_are_those_of_the_plain_extension(tmp_path):
    paragraphs = [p for path in SEEDS for p in read_paragraphs(path) if len(p) > 40]
    rng = random.Random(5)
    for n in range(12):  # the same paragraphs in many files, cut and joined differently, some at a formula
        chosen = rng.sample(paragraphs, 8)
        text = "\n".join(p[rng.randint(0, 20):] + rng.choice(["", patterns.formulae()[0], "甲乙"]) for p in chosen)
        (tmp_path / f"s{n}.txt").write_text(text, encoding="utf-8")
    index = CorpusIndex(tmp_path, tmp_path / "index.sqlite")
    assert "|" in index.db.execute("select group_concat(text) from files").fetchone()[0]  # formulae cut out
    for _ in range(6):
        draft = "".join(p[rng.randint(0, 30):rng.randint(40, 400)] + rng.choice(["。新写的一句话", patterns.formulae()[1]])
                        for p in rng.sample(paragraphs, 20))
        runs = [(r.text, r.source, r.position) for r in index.shared_runs(draft)]
        assert runs == _plain_runs(index, draft)
    assert len(runs) > 5
