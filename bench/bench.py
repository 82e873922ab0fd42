"""drafter benchmark: cold CLI render, drafts per second in one process, how alike two seeds read, and
`check` of a 10,000-character draft against generated corpora of growing size.

Usage: python bench/bench.py [--drafts 100] [--cold 5] [--corpus-mb 1 3 10] [--mine 25 200]
Prints Markdown tables (paste them into the README with the machine line)."""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "examples" / "county-business.yaml"


def cold_render(times: int) -> float:
    """Median wall time of `drafter render` in a fresh process (import + load + compose + write .docx)."""
    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(times):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "drafter", "render", str(COUNTY), "-o", f"{tmp}/d.docx",
                            "--force"], check=True, capture_output=True)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def warm_rate(drafts: int) -> tuple[float, float]:
    """Drafts per second composing only, and composing + laying out the .docx, seeds 1..drafts."""
    from drafter import app
    from drafter.compose import compose_speech
    from drafter.writers import render_bytes

    loaded = app.load(COUNTY)
    compose_speech(loaded.request, loaded.catalog, seed=0)  # warm caches
    start = time.perf_counter()
    speeches = [compose_speech(loaded.request, loaded.catalog, seed=s) for s in range(1, drafts + 1)]
    compose_time = time.perf_counter() - start
    start = time.perf_counter()
    for speech in speeches:
        render_bytes(speech, "docx")
    docx_time = time.perf_counter() - start
    return drafts / compose_time, drafts / (compose_time + docx_time)


def ngrams(text: str, n: int = 6) -> set[str]:
    text = "".join(ch for ch in text if not ch.isspace())
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def seed_overlap(config: Path, pairs: int = 10) -> tuple[float, float]:
    """Mean and max share of character 6-grams that two drafts of one config (seeds s, s+1) have in common."""
    from drafter import app
    from drafter.compose import compose_speech

    loaded = app.load(config)
    shares = []
    for seed in range(1, pairs + 1):
        a = ngrams(compose_speech(loaded.request, loaded.catalog, seed=seed).body_text())
        b = ngrams(compose_speech(loaded.request, loaded.catalog, seed=seed + 100).body_text())
        shares.append(len(a & b) / min(len(a), len(b)))
    return statistics.mean(shares), max(shares)


def generated_corpus(folder: Path, megabytes: float) -> None:
    """An archive of speech-like files: paragraphs of the module library reshuffled, about 15 KB a file."""
    import random

    from drafter.catalog import load_catalog

    catalog = load_catalog()
    pool = [b for m in catalog.modules.values() for v in m.bodies for b in v.blocks if isinstance(b, str)]
    pool += [p.text for p in catalog.phrases]
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    written, n = 0, 0
    while written < megabytes * 1_000_000:
        paragraphs = rng.sample(pool, 30)
        text = "\n".join(p.replace("{{", "").replace("}}", "") + rng.choice("甲乙丙丁戊己庚辛") * rng.randint(1, 3)
                         for p in paragraphs)
        path = folder / f"speech-{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        n += 1


def check_timing(sizes: list[float]) -> list[tuple[float, float, float, float]]:
    """(corpus MB, index build seconds, its CPU seconds, check seconds) for a 10,000-character draft against
    each corpus."""
    from drafter import app
    from drafter.catalog import load_catalog
    from drafter.check import check_paragraphs
    from drafter.compose import compose_speech
    from drafter.overlap import CorpusIndex

    loaded = app.load(COUNTY)
    long_request = dataclasses.replace(loaded.request, config=loaded.config.model_copy(update={"length": 10000}))
    speech = compose_speech(long_request, loaded.catalog)
    paragraphs = [b.text for b in speech.blocks()]
    catalog = load_catalog()
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            generated_corpus(corpus, size)
            start, cpu = time.perf_counter(), time.process_time()
            CorpusIndex(corpus)
            build, build_cpu = time.perf_counter() - start, time.process_time() - cpu
            start = time.perf_counter()
            check_paragraphs(paragraphs, source="bench", catalog=catalog, index=CorpusIndex(corpus))
            rows.append((size, build, build_cpu, time.perf_counter() - start))
    return rows


def mine_timing(counts: list[int]) -> list[tuple[int, float, float]]:
    """(speeches, seconds) for `mine` of that many rendered drafts (seeds 1..N of the examples, as .txt files)
    in one process: reading, structure, classification and the recurring phrases across all of them."""
    from drafter import app
    from drafter.compose import compose_speech
    from drafter.writers import render_bytes

    configs = sorted((ROOT / "examples").glob("*.yaml"))
    loaded = [app.load(c) for c in configs]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n in range(max(counts)):
            one = loaded[n % len(loaded)]
            path = Path(tmp) / f"d{n:04d}.txt"
            path.write_bytes(render_bytes(compose_speech(one.request, one.catalog, seed=n + 1), "txt"))
            paths.append(path)
        app.mine(paths[:1])  # warm the catalog and the module profiles
        for count in counts:
            start, cpu = time.perf_counter(), time.process_time()
            app.mine(paths[:count])
            rows.append((count, time.perf_counter() - start, time.process_time() - cpu))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--corpus-mb", type=float, nargs="*", default=[1, 3, 10])
    parser.add_argument("--mine", type=int, nargs="*", default=[25, 200])
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| cold `drafter render` of the 县 example to .docx (median of {args.cold}) | "
          f"{cold_render(args.cold):.2f} s |")
    compose_rate, full_rate = warm_rate(args.drafts)
    print(f"| drafts per second, one process, {args.drafts} seeds: compose only | {compose_rate:.1f} |")
    print(f"| drafts per second, one process, {args.drafts} seeds: compose + .docx | {full_rate:.1f} |")
    for config in sorted((ROOT / "examples").glob("*.yaml")):
        mean, worst = seed_overlap(config)
        print(f"| 6-gram overlap of two seeds, {config.name} (mean / max of 10 pairs) | "
              f"{mean:.0%} / {worst:.0%} |")
    if args.corpus_mb:
        print("\n| corpus | index build (first check), wall / CPU | check of a 10,000-character draft (index ready) |")
        print("|---|---|---|")
        for size, build, build_cpu, check in check_timing(args.corpus_mb):
            print(f"| {size:g} MB | {build:.1f} s / {build_cpu:.1f} s | {check:.2f} s |")
    if args.mine:
        print("\n| `mine` of rendered drafts (one process) | wall / CPU | CPU per speech |")
        print("|---|---|---|")
        for count, seconds, cpu in mine_timing(args.mine):
            print(f"| {count} speeches | {seconds:.1f} s / {cpu:.1f} s | {cpu / count * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
