"""drafter benchmark: issue 13's targets, each measured and judged against its goal in one run (cold render
against the import floor, the corpus index and check, mine, the test suite), then drafts per second in one
process, how alike two seeds read, and check against corpora of growing size.

Usage: python bench/bench.py [--drafts 100] [--cold 7] [--corpus-mb 1 10] [--mine 25 200] [--no-suite]
Prints Markdown tables (paste them into the README with the machine line). Times are CPU seconds (user +
system, of the child process for the cold runs) unless marked wall; the test suite is wall time."""

from __future__ import annotations

import argparse
import compileall
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


FLOOR = "import docx, jinja2, yaml, click"  # the libraries a render cannot do without


def _child_cpu(args: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one fresh Python process."""
    child = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"bench: {' '.join(args)} failed")
    return usage.ru_utime + usage.ru_stime


def cold_render(times: int) -> tuple[float, float, float]:
    """Median CPU seconds of the import floor and of `drafter render` of the 县 example to .docx, each in a fresh
    process (alternating, so load on the machine falls on both alike), and of a first render with an empty
    cache (after an install or an edit of the templates). drafter's bytecode is compiled first, as
    `pip install` does."""
    compileall.compile_dir(str(ROOT / "drafter"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        render = ["-m", "drafter", "render", str(COUNTY), "-o", f"{tmp}/d.docx", "--force"]
        first = _child_cpu(render, {**env, "XDG_CACHE_HOME": f"{tmp}/first"})
        env["XDG_CACHE_HOME"] = f"{tmp}/cache"
        _child_cpu(render, env)  # fills the cache, as any earlier run on the machine has
        floors, renders = [], []
        for _ in range(times):
            floors.append(_child_cpu(["-c", FLOOR], env))
            renders.append(_child_cpu(render, env))
    return statistics.median(floors), statistics.median(renders), first


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


def check_timing(sizes: list[float]) -> list[tuple[float, float, float, float, float]]:
    """(corpus MB, index build seconds, its CPU seconds, check seconds, its CPU seconds) for a 10,000-character
    draft against each corpus."""
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
            start, cpu = time.perf_counter(), time.process_time()
            check_paragraphs(paragraphs, source="bench", catalog=catalog, index=CorpusIndex(corpus))
            rows.append((size, build, build_cpu, time.perf_counter() - start, time.process_time() - cpu))
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


def suite_time() -> float:
    """Wall seconds of the README's test command (two workers, each test file whole in one)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile",
                           "-p", "no:cacheprovider"], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
        raise SystemExit("bench: the test suite failed")
    return seconds


def verdict(value: float, goal: float) -> str:
    return "✓" if value <= goal else "✗"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--cold", type=int, default=7)
    parser.add_argument("--corpus-mb", type=float, nargs="*", default=[1, 10])
    parser.add_argument("--mine", type=int, nargs="*", default=[25, 200])
    parser.add_argument("--no-suite", action="store_true", help="do not time the test suite")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}, load {load:.1f} at start\n")
    floor, render, first = cold_render(args.cold)
    checks = check_timing(sorted({*args.corpus_mb, 10}))
    mines = mine_timing(sorted({*args.mine, 200}))
    suite = None if args.no_suite else suite_time()
    ten = next(row for row in checks if row[0] == 10)
    two_hundred = next(row for row in mines if row[0] == 200)
    print("| target | measured | goal | verdict |")
    print("|---|---|---|---|")
    print(f"| cold `drafter render` of the 县 example to .docx ÷ import floor (`{FLOOR}`), median of {args.cold} | "
          f"{render:.2f} s ÷ {floor:.2f} s = {render / floor:.2f}× | ≤ 2× (aim 1.5×) | {verdict(render / floor, 2)} |")
    print(f"| first render with an empty cache ÷ import floor | {first:.2f} s ÷ {floor:.2f} s = {first / floor:.2f}× "
          f"| (not a target) | |")
    print(f"| index build of a 10 MB corpus | {ten[2]:.2f} s (wall {ten[1]:.2f} s) | < 3 s | {verdict(ten[2], 3)} |")
    print(f"| check of a 10,000-character draft against it (index ready) | {ten[4]:.2f} s (wall {ten[3]:.2f} s) "
          f"| < 0.3 s | {verdict(ten[4], 0.3)} |")
    print(f"| `mine` of 200 speeches | {two_hundred[2]:.1f} s (wall {two_hundred[1]:.1f} s) | < 10 s | "
          f"{verdict(two_hundred[2], 10)} |")
    if suite is not None:
        print(f"| test suite, `python -m pytest -q -n 2 --dist loadfile` (wall) | {suite:.0f} s | < 60 s | {verdict(suite, 60)} |")
    compose_rate, full_rate = warm_rate(args.drafts)
    print("\n| measure | value |")
    print("|---|---|")
    print(f"| drafts per second, one process, {args.drafts} seeds: compose only | {compose_rate:.1f} |")
    print(f"| drafts per second, one process, {args.drafts} seeds: compose + .docx | {full_rate:.1f} |")
    for config in sorted((ROOT / "examples").glob("*.yaml")):
        mean, worst = seed_overlap(config)
        print(f"| 6-gram overlap of two seeds, {config.name} (mean / max of 10 pairs) | "
              f"{mean:.0%} / {worst:.0%} |")
    print("\n| corpus | index build (first check), CPU / wall | check of a 10,000-character draft (index ready), "
          "CPU / wall |")
    print("|---|---|---|")
    for size, build, build_cpu, check, check_cpu in checks:
        print(f"| {size:g} MB | {build_cpu:.2f} s / {build:.2f} s | {check_cpu:.2f} s / {check:.2f} s |")
    print("\n| `mine` of rendered drafts (one process) | CPU / wall | CPU per speech |")
    print("|---|---|---|")
    for count, seconds, cpu in mines:
        print(f"| {count} speeches | {cpu:.1f} s / {seconds:.1f} s | {cpu / count * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
