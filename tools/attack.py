"""Attack drafter as a hostile user and a tired clerk would (issue 13): every case runs in a fresh folder
under a 10 s timeout and a 1 GB memory limit and is judged by its exit code, its one Chinese line and what
it left on disk. Prints a table of case / exit / first line / seconds / verdict.

    .venv/bin/python tools/attack.py            # every case
    .venv/bin/python tools/attack.py -k docx    # the cases whose name contains "docx"
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # this checkout: its tests' fixtures build the cases
ROOT = Path(os.environ.get("ATTACK_ROOT") or HERE)  # the drafter under attack
sys.path.insert(0, str(HERE))
from tests.conftest import MINIMAL, MODULE, SPEECH  # noqa: E402 — the fixtures the tests use, one copy

SECONDS = 10
MEMORY = 2**30  # address space, the whole process
DRAFTER = [sys.executable, "-m", "drafter"]
# root reads a chmod-000 file; without these two capabilities it is refused as a clerk's account is
UNPRIVILEGED = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


@dataclass
class Case:
    name: str
    kind: int  # the class: 1 files lost, 2 internal errors, 3 hangs/memory, 4 values, 5 messages
    setup: Callable[[Path], list[str]]  # writes the inputs into the folder, returns drafter's arguments
    exit: int = 2
    line: str | None = None  # the exact first line of stderr ({d} is the case's folder)
    after: Callable[[Path], str | None] | None = None  # what must hold on disk afterwards: None, or the defect
    env: dict[str, str] = field(default_factory=dict)
    as_nobody: bool = False  # run without root's power to read and write any file
    wrap: list[str] = field(default_factory=list)  # a command that runs drafter (unshare for a tiny disk)
    custom: Callable[[Path], tuple[int, str, str]] | None = None  # runs itself: (exit, stdout, stderr)


def limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    os.setsid()


def drafter(folder: Path, args: list[str], env: dict[str, str] | None = None, *, nobody: bool = False,
            wrap: list[str] | None = None, timeout: float = SECONDS, stdin: bytes | None = None
            ) -> tuple[int, str, str]:
    environ = {**os.environ, "HOME": str(folder / "home"), "XDG_CACHE_HOME": str(folder / "cache"),
               "XDG_CONFIG_HOME": str(folder / "cfg"), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8",
               **(env or {})}
    try:
        done = subprocess.run([*(UNPRIVILEGED if nobody else []), *(wrap or []), *DRAFTER, *args], cwd=folder, env=environ, capture_output=True,
                              timeout=timeout, preexec_fn=limits, input=stdin)
    except subprocess.TimeoutExpired as exc:
        return -9, (exc.stdout or b"").decode(errors="replace"), f"TIMEOUT after {timeout} s"
    return done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")


# ── inputs ─────────────────────────────────────────────────────────────────────────────────────────────

def config(folder: Path, text: str = MINIMAL, name: str = "c.yaml") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def with_config(text: str, *extra: str, command: str = "render", out: str = "out.txt"):
    def setup(d: Path) -> list[str]:
        config(d, text)
        return [command, "c.yaml", *(["-o", out] if command == "render" else []), *extra]

    return setup


_DOCX: dict[str, bytes] = {}


def a_docx(folder: Path, name: str = "draft.docx") -> Path:
    if "docx" not in _DOCX:
        with tempfile.TemporaryDirectory() as tmp:
            config(Path(tmp))
            code, _, err = drafter(Path(tmp), ["render", "c.yaml", "-o", "d.docx"])
            assert code == 0, err
            _DOCX["docx"] = (Path(tmp) / "d.docx").read_bytes()
    path = folder / name
    path.write_bytes(_DOCX["docx"])
    return path


def repack(folder: Path, name: str, part: str, data: bytes | Callable[[zipfile.ZipFile], None]) -> Path:
    source = a_docx(folder, "source.docx")
    target = folder / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.namelist():
            if item != part:
                new.writestr(item, old.read(item))
        if callable(data):
            data(new)
        else:
            new.writestr(part, data)
    source.unlink()
    return target


def bomb_docx(folder: Path, name: str = "bomb.docx", size: int = 1_000_000_000) -> Path:
    """A docx whose document.xml unpacks to `size` bytes (about 1 MB stored)."""
    key = f"bomb{size}"
    if key not in _DOCX:
        def write(new: zipfile.ZipFile) -> None:
            info = zipfile.ZipInfo("word/document.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with new.open(info, "w", force_zip64=True) as part:
                chunk = b"<w:t>" + b"a" * (2**20 - 11) + b"</w:t>\n"
                for _ in range(size // len(chunk)):
                    part.write(chunk)

        _DOCX[key] = repack(folder, name, "word/document.xml", write).read_bytes()
    (folder / name).write_bytes(_DOCX[key])
    return folder / name


def laughs_docx(folder: Path, name: str = "entity.docx") -> Path:
    xml = zipfile.ZipFile(a_docx(folder, "x.docx")).read("word/document.xml")
    (folder / "x.docx").unlink()
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
                                                     for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    bomb = f'<?xml version="1.0"?><!DOCTYPE d [{entities}]>'.encode() + xml.split(b"?>", 1)[1].replace(
        b"<w:t>", b"<w:t>&i;", 1)
    return repack(folder, name, "word/document.xml", bomb)


def module_folder(folder: Path, body: str | bytes, name: str = "m.yaml") -> Path:
    mods = folder / "mods"
    mods.mkdir(exist_ok=True)
    (mods / name).write_bytes(body if isinstance(body, bytes) else MODULE.format(body=body).encode())
    return mods


def with_module(body: str | bytes, command: str = "render"):
    def setup(d: Path) -> list[str]:
        module_folder(d, body)
        config(d, MINIMAL + "sections:\n  priorities: [user_module]\n")
        if command == "modules":
            return ["modules", "--templates", "mods", "show", "user_module"]
        return [command, "c.yaml", *(["-o", "out.txt"] if command == "render" else []), "--templates", "mods"]

    return setup


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def text_file(name: str, content: Callable[[], bytes], command: str = "check"):
    def setup(d: Path) -> list[str]:
        (d / name).write_bytes(content())
        return [command, name]

    return setup


# ── checks of what is left on disk ─────────────────────────────────────────────────────────────────────

def unchanged(*names: str):
    """The files named keep the bytes they had before the run (recorded by `keep`)."""
    def after(d: Path) -> str | None:
        for name in names:
            path = d / name
            recorded = d / ".kept" / hashlib.sha1(name.encode()).hexdigest()
            if not recorded.exists():
                return f"{name}: nothing recorded"
            if not path.exists() or path.read_bytes() != recorded.read_bytes():
                return f"{name} changed or gone"
        return None

    return after


def keep(d: Path, *names: str) -> None:
    (d / ".kept").mkdir(exist_ok=True)
    for name in names:
        (d / ".kept" / hashlib.sha1(name.encode()).hexdigest()).write_bytes((d / name).read_bytes())


def no_hidden(d: Path) -> str | None:
    left = [str(p.relative_to(d)) for p in d.rglob(".*") if p.name not in (".kept",) and ".kept" not in p.parts
            and "cache" not in p.parts and "home" not in p.parts]
    return f"left behind: {left}" if left else None


def absent(*names: str):
    def after(d: Path) -> str | None:
        there = [n for n in names if os.path.lexists(d / n)]
        return f"written: {there}" if there else None

    return after


def both(*checks):
    def after(d: Path) -> str | None:
        return next((problem for check in checks if (problem := check(d))), None)

    return after


# ── cases that run more than one command ───────────────────────────────────────────────────────────────

def parallel_renders(d: Path) -> tuple[int, str, str]:
    config(d)
    environ = {**os.environ, "HOME": str(d / "home"), "XDG_CACHE_HOME": str(d / "cache"), "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([*DRAFTER, "render", "c.yaml", "-o", "race.docx", "--seed", str(n)], cwd=d,
                             env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limits)
            for n in range(10)]
    results = [(p.wait(timeout=60), p.stderr.read().decode()) for p in runs]
    winners = sum(code == 0 for code, _ in results)
    losers = {err.strip() for code, err in results if code != 0}
    files = sorted(p.name for p in d.iterdir() if p.name not in ("home", "cache", "cfg"))
    if winners != 1 or files != ["c.yaml", "race.docx"] or len(losers) != 1:
        return 1, "", f"winners {winners}, files {files}, messages {losers}"
    return 2, "", losers.pop()


def killed_midway(d: Path) -> tuple[int, str, str]:
    config(d)
    environ = {**os.environ, "HOME": str(d / "home"), "XDG_CACHE_HOME": str(d / "cache"), "PYTHONPATH": str(ROOT)}
    for delay in (1.5, 2.5, 3.5):
        child = subprocess.Popen([*DRAFTER, "render", "c.yaml", "-o", "k.docx", "--variants", "20", "--force"],
                                 cwd=d, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
    code, out, err = drafter(d, ["render", "c.yaml", "-o", "k.docx", "--force"])
    return code, out, err


def two_checks_fresh_corpus(d: Path) -> tuple[int, str, str]:
    corpus = d / "corpus"
    corpus.mkdir()
    for i in range(200):
        (corpus / f"{i}.txt").write_text(f"第{i}篇：" + "各项工作稳步推进，成效明显，群众满意度不断提升。" * 200,
                                         encoding="utf-8")
    draft = a_docx(d)
    environ = {**os.environ, "HOME": str(d / "home"), "XDG_CACHE_HOME": str(d / "cache"), "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([*DRAFTER, "check", str(draft), "--corpus", "corpus"], cwd=d, env=environ,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limits)
            for _ in range(2)]
    results = [(p.wait(timeout=60), p.stderr.read().decode()) for p in runs]
    bad = [(c, e) for c, e in results if c not in (0, 1) or e.strip()]
    return (1, "", f"{bad}") if bad else (0, "", "")


def mine_then_render(d: Path) -> tuple[int, str, str]:
    (d / "old.txt").write_text(SPEECH, encoding="utf-8")
    code, out, err = drafter(d, ["mine", "old.txt", "--emit-modules", "mm"])
    if code:
        return code, out, err
    ids = sorted(p.stem for p in (d / "mm").glob("*.yaml"))
    sections = {s: [i for i in ids if i.startswith(s)] for s in ("awareness", "priorities", "implementation")}
    config(d, MINIMAL.replace("营商环境\n", "作风建设\n").replace("优化营商环境", "作风建设") + "sections:\n" +
           "".join(f"  {s}: [{', '.join(v)}]\n" for s, v in sections.items()))
    code, out, err = drafter(d, ["render", "c.yaml", "--templates", "mm", "-o", "new.txt"])
    if code:
        return code, out, err
    text = (d / "new.txt").read_text(encoding="utf-8")
    if "{{ 7+7 }}" not in text or "{% for i in range(1000000000) %}" not in text or "{{ lipsum(100000) }}" not in text:
        return 1, "", "template syntax from the speech was not kept as text"
    return 0, out, err


def tiny_disk(size: str, script: str) -> Callable[[Path], tuple[int, str, str]]:
    """Run `script` (sh, in the case folder) with ./disk a tmpfs of `size`, in a private mount namespace."""
    def run(d: Path) -> tuple[int, str, str]:
        (d / "disk").mkdir()
        config(d)
        body = f"mount -t tmpfs -o size={size} tmpfs disk && cp c.yaml disk/ && ( {script} ); echo rc=$? >&2"
        environ = {**os.environ, "HOME": str(d / "home"), "XDG_CACHE_HOME": str(d / "cache"),
                   "PYTHONPATH": str(ROOT), "DRAFTER": " ".join(DRAFTER)}
        done = subprocess.run(["unshare", "--mount", "sh", "-c", body], cwd=d, env=environ, capture_output=True,
                              timeout=60)
        err = done.stderr.decode()
        rc = int(re.findall(r"rc=(\d+)", err)[-1])
        err = re.sub(r"\n?rc=\d+\n?", "", err)
        return rc, done.stdout.decode(), err

    return run


def full_disk_variants(d: Path) -> tuple[int, str, str]:
    code, out, err = tiny_disk("150k", 'cd disk && $DRAFTER render c.yaml -o v.docx --variants 8 --seed 1; rc=$?; '
                                       'ls -A > ../left.txt; exit $rc')(d)
    left = (d / "left.txt").read_text().split()
    if left != ["c.yaml"]:
        return 1, out, f"left on the full disk: {left}; {err}"
    return code, out, err


def full_disk_render_keeps_old(d: Path) -> tuple[int, str, str]:
    """An existing draft replaced with --force on a disk too small for the new one stays as it was."""
    code, out, err = tiny_disk("64k", 'cd disk && printf old > d.docx && head -c 40000 /dev/zero > pad && '
                                      '$DRAFTER render c.yaml -o d.docx --force; rc=$?; '
                                      'cat d.docx > ../d.txt; ls -A > ../left.txt; exit $rc')(d)
    if (d / "d.txt").read_text() != "old" or sorted((d / "left.txt").read_text().split()) != ["c.yaml", "d.docx", "pad"]:
        return 1, out, f"old draft lost or temp left: {(d / 'left.txt').read_text().split()}; {err}"
    return code, out, err


def new_session(*, day: str = "2026-03-16", draft_folder: bool = False, long_name: bool = False,
                year_check: bool = False) -> Callable[[Path], tuple[int, str, str]]:
    """`drafter new` through a pseudo-terminal with a clerk's answers (tests/test_new.py's Clerk)."""
    def run(d: Path) -> tuple[int, str, str]:
        from tests.test_new import CTRL_U, DRAFT, MEETING, Clerk

        meeting = MEETING
        if draft_folder:
            (d / "c.yaml").write_text("# 我的配置\n", encoding="utf-8")
            (d / DRAFT).mkdir()
        args = ["-o", "c.yaml"] if draft_folder else []
        clerk = Clerk(d, *args, env={"PYTHONPATH": str(ROOT)})
        clerk.child.timeout = 3 * SECONDS  # a pseudo-terminal session on a loaded machine: prompts, not drafter, wait
        try:
            if year_check:
                clerk.answer("会议名称（", MEETING)
                clerk.answer("会议日期（", CTRL_U + day)
                clerk.expect("  ✗ ")
                clerk.child.expect("\r\n")
                line = "✗ " + clerk.child.before.strip()
                clerk.child.sendcontrol("c")
                clerk.child.expect(pexpect_eof())
                return 2, "", line
            if long_name:
                meeting = "全县" + "优化营商环境" * 30 + "工作会议"  # 186 characters: 558 bytes
                clerk.answer("会议名称（", meeting)
                clerk.answer("会议日期（", CTRL_U + day)
                clerk.expect("讲话的层级")
                clerk.answer("部门（本局、本系统的会议）")
                clerk.answer("地名（", "临川")
                clerk.answer("讲话人职务（", "")
                clerk.answer("讲话人姓名（", "张明远")
                clerk.answer("讲话主题")
            else:
                clerk.basics(day=day)
            clerk.sections("", "", "")
            clerk.facts()
            clerk.preview()
            if draft_folder:
                clerk.expect("已存在，覆盖吗？")
                clerk.menu("否", choose="\x1b[A")
            code = clerk.finish()
        except AssertionError as exc:
            clerk.child.close(force=True)
            return -9, "", f"TIMEOUT/unexpected: {str(exc)[:300]}"
        lines = [ln.strip() for ln in clerk.child.before.splitlines() if ln.strip()] if clerk.child.before else []
        last = next((ln for ln in reversed(clerk.output.splitlines()) if ln.strip()), "")
        if draft_folder and (d / "c.yaml").read_text(encoding="utf-8") != "# 我的配置\n":
            return 1, "", f"config overwritten; {last}"
        files = sorted(p.name for p in d.iterdir() if p.name not in ("home", "cache", "cfg"))
        if files != ["c.yaml", DRAFT] and not long_name:
            return 1, "", f"files: {files}"
        return code, "", lines[-1] if lines else last

    return run


def pexpect_eof():
    import pexpect

    return pexpect.EOF


SERVE = """
import sys, re, io
from html import unescape
from starlette.testclient import TestClient
from drafter.web.pages import create_app
web = create_app(8731)
c = TestClient(web, base_url="http://127.0.0.1:8731", raise_server_exceptions=False)
path, field, name, data = sys.argv[1], sys.argv[2], sys.argv[3], open(sys.argv[4], "rb").read()
r = c.post(path, headers={"Origin": "http://127.0.0.1:8731"}, files={field: (name, data, "application/octet-stream")})
text = unescape(re.sub(r"\\s+", " ", re.sub(r"<[^>]+>", " ", r.text)))
found = re.search(r'class="(?:error|upload-error|error-summary)[^"]*"[^>]*>(.*?)</', r.text, re.S)
print(r.status_code, file=sys.stderr)
print(unescape(found[1]).strip() if found else ("内部错误" if r.status_code >= 500 else text[:200]), file=sys.stderr)
web.state.close()
"""


def upload(path: str, field_name: str, name: str, make: Callable[[Path], Path], status: int = 400, expect: str = ""):
    def run(d: Path) -> tuple[int, str, str]:
        data = make(d)
        environ = {**os.environ, "HOME": str(d / "home"), "XDG_CACHE_HOME": str(d / "cache"), "PYTHONPATH": str(ROOT)}
        try:
            done = subprocess.run([sys.executable, "-c", SERVE, path, field_name, name, str(data)], cwd=d, env=environ,
                                  capture_output=True, timeout=SECONDS, preexec_fn=limits)
        except subprocess.TimeoutExpired:
            return -9, "", "TIMEOUT"
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        if done.returncode or len(lines) < 2:
            return 1, "", " | ".join(lines[-3:])
        got = int(lines[0])
        message = lines[1]
        ok = got == status and expect in message and "内部错误" not in message and "Traceback" not in message
        return (2 if ok else 1), "", f"HTTP {got}: {message}"

    return run


def write_bytes(name: str, data: bytes | Callable[[], bytes]):
    def make(d: Path) -> Path:
        path = d / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


# ── the cases ──────────────────────────────────────────────────────────────────────────────────────────

def c1() -> list[Case]:
    def existing(d: Path) -> list[str]:
        config(d)
        (d / "out.docx").write_bytes(b"the clerk's edited draft")
        keep(d, "out.docx")
        return ["render", "c.yaml", "-o", "out.docx"]

    def dev_null(d: Path) -> list[str]:
        config(d)
        return ["render", "c.yaml", "-o", "/dev/null", "--force"]

    def fifo(d: Path) -> list[str]:
        config(d)
        os.mkfifo(d / "f.docx")
        return ["render", "c.yaml", "-o", "f.docx", "--force"]

    def dangling(d: Path) -> list[str]:
        config(d)
        (d / "out.docx").symlink_to(d / "nowhere.docx")
        return ["render", "c.yaml", "-o", "out.docx"]

    def link_to_file(d: Path) -> list[str]:
        config(d)
        (d / "real.docx").write_bytes(b"real")
        keep(d, "real.docx")
        (d / "out.docx").symlink_to("real.docx")
        return ["render", "c.yaml", "-o", "out.docx"]

    def folder_out(d: Path) -> list[str]:
        config(d)
        (d / "d.docx").mkdir()
        return ["render", "c.yaml", "-o", "d.docx", "--force"]

    def config_as_out(d: Path) -> list[str]:
        config(d)
        keep(d, "c.yaml")
        return ["render", "c.yaml", "-o", "c.yaml"]

    def config_as_out_forced(d: Path) -> list[str]:
        config(d)
        keep(d, "c.yaml")
        return ["render", "c.yaml", "-o", "c.yaml", "--force", "--format", "txt"]

    def emit_edited(d: Path) -> list[str]:
        (d / "old.txt").write_text(SPEECH, encoding="utf-8")
        assert drafter(d, ["mine", "old.txt", "--emit-modules", "mm"])[0] == 0
        edited = sorted((d / "mm").glob("*.yaml"))[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "# 改过\n", encoding="utf-8")
        keep(d, f"mm/{edited.name}")
        return ["mine", "old.txt", "--emit-modules", "mm"]

    def emit_onto_file(d: Path) -> list[str]:
        (d / "old.txt").write_text(SPEECH, encoding="utf-8")
        (d / "mm").write_text("mine")
        keep(d, "mm")
        return ["mine", "old.txt", "--emit-modules", "mm", "--force"]

    def emit_under_file(d: Path) -> list[str]:
        (d / "old.txt").write_text(SPEECH, encoding="utf-8")
        return ["mine", "old.txt", "--emit-modules", "old.txt/mm"]

    def emit_read_only(d: Path) -> list[str]:
        (d / "old.txt").write_text(SPEECH, encoding="utf-8")
        (d / "ro").mkdir()
        (d / "ro").chmod(0o555)
        return ["mine", "old.txt", "--emit-modules", "ro/mm"]

    def emit_fifo(d: Path) -> list[str]:
        (d / "old.txt").write_text(SPEECH, encoding="utf-8")
        (d / "mm").mkdir()
        os.mkfifo(d / "mm" / "awareness_1.yaml")
        return ["mine", "old.txt", "--emit-modules", "mm", "--force"]

    def emit_into_locked(flag: str) -> Callable[[Path], list[str]]:
        def setup(d: Path) -> list[str]:
            (d / "old.txt").write_text(SPEECH, encoding="utf-8")
            (d / "locked").mkdir()
            (d / "locked").chmod(0)
            return ["mine", "old.txt", *(["--emit-theme", "本县档案"] if flag == "theme" else ["--emit-modules"]),
                    "locked/mm"]

        return setup

    def theme_read_only(d: Path) -> list[str]:
        (d / "old.txt").write_text(SPEECH, encoding="utf-8")
        (d / "ro").mkdir()
        (d / "ro").chmod(0o555)
        return ["mine", "old.txt", "--emit-theme", "本县档案", "ro"]

    def read_only_folder(d: Path) -> list[str]:
        config(d)
        (d / "ro").mkdir()
        (d / "ro").chmod(0o555)
        return ["render", "c.yaml", "-o", "ro/d.docx"]

    def variants_existing(d: Path) -> list[str]:
        config(d)
        (d / "v-3.docx").write_bytes(b"mine")
        keep(d, "v-3.docx")
        return ["render", "c.yaml", "-o", "v.docx", "--variants", "4", "--seed", "1"]

    def reference_as_out(d: Path) -> list[str]:
        a_docx(d, "ref.docx")
        config(d)
        keep(d, "ref.docx")
        return ["render", "c.yaml", "-o", "ref.docx", "--reference-doc", "ref.docx", "--force"]

    def default_out_existing(d: Path) -> list[str]:
        config(d)
        (d / "全县优化营商环境工作会议.docx").write_bytes(b"mine")
        keep(d, "全县优化营商环境工作会议.docx")
        return ["render", "c.yaml"]

    d = "{d}"
    return [
        Case("existing draft, no --force", 1, existing, line=f"{d}/out.docx: 文件已存在；如需覆盖请加 --force",
             after=unchanged("out.docx")),
        Case("--force onto /dev/null", 1, dev_null,
             line="/dev/null: 不是普通文件（设备、管道或其他特殊文件），不能写入或覆盖，--force 也不行；请换一个文件名",
             after=lambda d: None if stat.S_ISCHR(os.stat("/dev/null").st_mode) else "/dev/null replaced"),
        Case("--force onto a FIFO", 1, fifo,
             line="f.docx: 不是普通文件（设备、管道或其他特殊文件），不能写入或覆盖，--force 也不行；请换一个文件名",
             after=lambda d: None if stat.S_ISFIFO(os.lstat(d / "f.docx").st_mode) else "FIFO replaced"),
        Case("--force onto a folder", 1, folder_out, line="d.docx: 这是一个文件夹，请给出文件名，如 d.docx/讲话稿.docx",
             after=lambda d: None if (d / "d.docx").is_dir() else "folder replaced"),
        Case("dangling symlink at -o", 1, dangling, line="out.docx: 已存在同名的符号链接；如需替换请加 --force",
             after=lambda d: None if (d / "out.docx").is_symlink() else "link replaced"),
        Case("symlink to a file at -o", 1, link_to_file, line="out.docx: 已存在同名的符号链接；如需替换请加 --force",
             after=unchanged("real.docx")),
        Case("-o is the config itself", 1, config_as_out, line="c.yaml: 这是配置文件本身，不能用讲话稿覆盖它；请换一个输出文件名",
             after=unchanged("c.yaml")),
        Case("-o is the config itself, --force", 1, config_as_out_forced,
             line="c.yaml: 这是配置文件本身，不能用讲话稿覆盖它；请换一个输出文件名", after=unchanged("c.yaml")),
        Case("-o is the reference doc, --force", 1, reference_as_out,
             line="ref.docx: 这是参考样式文档（--reference-doc）本身，不能用讲话稿覆盖它；请换一个输出文件名",
             after=unchanged("ref.docx")),
        Case("default output exists", 1, default_out_existing,
             line=f"{d}/全县优化营商环境工作会议.docx: 文件已存在；如需覆盖请加 --force",
             after=unchanged("全县优化营商环境工作会议.docx")),
        Case("one of the variants exists", 1, variants_existing, line="v-3.docx: 文件已存在；如需覆盖请加 --force",
             after=both(unchanged("v-3.docx"), absent("v-1.docx", "v-2.docx", "v-4.docx"))),
        Case("ten parallel renders, one name", 1, lambda d: [], custom=parallel_renders,
             line="race.docx: 文件已存在；如需覆盖请加 --force"),
        Case("kill -9 midway, then render again", 1, lambda d: [], custom=killed_midway, exit=0, after=no_hidden),
        Case("full disk midway through --variants", 1, lambda d: [], custom=full_disk_variants,
             line="v-{n}.docx: 磁盘空间不足，没有写入（原有文件未改动）"),
        Case("full disk replacing a draft with --force", 1, lambda d: [], custom=full_disk_render_keeps_old,
             line="d.docx: 磁盘空间不足，没有写入（原有文件未改动）"),
        Case("read-only output folder", 1, read_only_folder, as_nobody=True,
             line="ro/d.docx: 没有写入权限（文件夹“ro”只读或无权限），没有写入；请换一个位置", after=no_hidden),
        Case("mine --emit-modules over edited files", 1, emit_edited,
             line="mm: 模块文件已存在（awareness_1.yaml、priorities_1.yaml、implementation_1.yaml），可能已经改过；"
                  "如需覆盖请加 --force，或换一个空文件夹", after=lambda d: unchanged(
                      f"mm/{sorted((d / 'mm').glob('*.yaml'))[0].name}")(d)),
        Case("mine --emit-modules onto a file", 1, emit_onto_file, line="mm: 不是文件夹，请给出放模块文件的文件夹（--emit-modules）",
             after=unchanged("mm")),
        Case("mine --emit-modules under a file", 1, emit_under_file,
             line="old.txt/mm: 无法创建模块文件夹（路径中有一段不是文件夹）", after=unchanged()),
        Case("mine --emit-modules in a read-only folder", 1, emit_read_only, as_nobody=True,
             line="ro/mm: 无法创建模块文件夹（没有权限）"),
        Case("mine --emit-modules under a locked folder", 1, emit_into_locked("modules"), as_nobody=True,
             line="locked/mm: 无法使用这个文件夹（没有权限）", after=absent("locked/mm")),
        Case("mine --emit-theme under a locked folder", 1, emit_into_locked("theme"), as_nobody=True,
             line="locked/mm: 无法使用这个文件夹（没有权限）", after=absent("locked/mm")),
        Case("mine --emit-theme into a read-only folder", 1, theme_read_only, as_nobody=True,
             line="ro/themes: 无法创建主题文件夹（没有权限），没有写入", after=absent("ro/themes", "ro/modules")),
        Case("mine --emit-modules --force onto a FIFO", 1, emit_fifo,
             line="mm/awareness_1.yaml: 不是普通文件（设备、管道或其他特殊文件），不能写入或覆盖，--force 也不行；请换一个文件名"),
        Case("mine keeps {{ }} and {% %} as text", 1, lambda d: [], custom=mine_then_render, exit=0),
        Case("new: draft name is a folder, config kept", 1, lambda d: [], custom=new_session(draft_folder=True),
             line="全县优化营商环境工作会议.docx: 这是一个文件夹，请给出文件名，如 全县优化营商环境工作会议.docx/讲话稿.docx"),
    ]


def c2() -> list[Case]:
    def blank(text: str) -> Case:
        return Case(f"blank optional: {text.strip().splitlines()[-1]}", 2, with_config(text), exit=0)

    def date(value: str, message: str) -> Case:
        return Case(f"date {value}", 2, with_config(MINIMAL.replace("2026-03-16", value)),
                    line=f"c.yaml:3: meeting.date: {message}")

    def templates_dir(value: str, message: str, exit: int = 2) -> Case:
        def setup(d: Path) -> list[str]:
            (d / "loop").symlink_to(d / "loop")
            return with_config(MINIMAL + f"templates_dir: {value}\n")(d)

        return Case(f"templates_dir: {value}", 2, setup, line=f"c.yaml:10: templates_dir: {message}", exit=exit)

    def corpus_with(make: Callable[[Path], Path], label: str, line: str | None = None) -> Case:
        exit = 2 if line else 0  # a bad file is named; a special one is passed over
        def setup(d: Path) -> list[str]:
            (d / "corpus").mkdir()
            (d / "corpus" / "ok.txt").write_text("各项工作稳步推进，成效明显。\n", encoding="utf-8")
            make(d / "corpus")
            a_docx(d)
            return ["check", "draft.docx", "--corpus", "corpus"]

        return Case(f"corpus holds {label}", 2, setup, exit=exit, line=line)

    def reference(make: Callable[[Path], Path], label: str, message: str) -> Case:
        def setup(d: Path) -> list[str]:
            config(d)
            ref = make(d)
            return ["render", "c.yaml", "-o", "x.docx", "--reference-doc", ref.name]

        return Case(f"--reference-doc {label}", 2, setup, line=message, after=absent("x.docx"))

    def index(label: str, prepare: Callable[[Path], None], *, nobody: bool = False, env=None) -> Case:
        def setup(d: Path) -> list[str]:
            (d / "corpus").mkdir()
            (d / "corpus" / "old.txt").write_text("我们要坚持把企业满意作为衡量工作成效的根本标准。\n" * 3, encoding="utf-8")
            a_docx(d)
            prepare(d)
            return ["check", "draft.docx", "--corpus", "corpus"]

        return Case(f"corpus index: {label}", 2, setup, exit=0, as_nobody=nobody, env=env or {})

    def rebuilt(d: Path) -> str | None:
        spoiled = [p for p in (d / "cache" / "drafter").glob("*.sqlite") if not p.read_bytes().startswith(b"SQLite")]
        return f"not rebuilt: {[p.name for p in spoiled]}" if spoiled else None

    def cache_index(label: str, prepare: Callable[[Path], None], env=None, after=None) -> Case:
        def setup(d: Path) -> list[str]:
            a_docx(d)
            prepare(d)
            return ["check", "draft.docx"]

        return Case(f"cache index: {label}", 2, setup, exit=0, env=env or {}, after=after)

    def garbage_cache(d: Path) -> None:
        folder = d / "cache" / "drafter"
        folder.mkdir(parents=True)
        a_docx(d, "warm.docx")  # a first check builds the seeds' index in the cache; then it is spoiled
        drafter(d, ["check", "warm.docx"])
        spoiled = list(folder.glob("*.sqlite"))
        if not spoiled:
            raise RuntimeError("no index in the cache to spoil")
        for path in spoiled:
            path.write_bytes(b"garbage" * 1000)

    def garbage_every_cache(d: Path) -> None:
        garbage_cache(d)

    def foreign_index(d: Path) -> None:
        import sqlite3

        db = sqlite3.connect(d / "corpus" / ".drafter-index.sqlite")
        db.execute("create table files (a, b)")
        db.commit()
        db.close()

    def corrupt_index(d: Path) -> None:
        (d / "corpus" / ".drafter-index.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)

    def read_only_index(d: Path) -> None:
        (d / "corpus" / ".drafter-index.sqlite").write_bytes(b"")
        (d / "corpus" / ".drafter-index.sqlite").chmod(0o444)
        (d / "corpus").chmod(0o555)

    def index_is_folder(d: Path) -> None:
        (d / "corpus" / ".drafter-index.sqlite").mkdir()

    def unwritable_home(d: Path) -> None:
        (d / "home").mkdir()
        (d / "home").chmod(0o555)

    def make_loop(d: Path) -> None:
        (d / "loop").symlink_to(d / "loop")

    d = "{d}"
    cases = [
        blank("meeting:\n  name: 全县优化营商环境工作会议\n  superior_meeting:\n" + MINIMAL.split("\n", 2)[2]),
        blank(MINIMAL + "departments:\n  lead:\n"),
        blank(MINIMAL + "templates_dir: null\n"),
        blank(MINIMAL + "targets:\n"),
        blank(MINIMAL + "sections:\n"),
        blank(MINIMAL + "seed:\n"),
        blank(MINIMAL.replace("  date: 2026-03-16\n", "  date:\n")),
        blank(MINIMAL + "sections:\n  awareness:\n"),
        blank(MINIMAL.replace("speaker:\n  title: 县委书记", "speaker:\n  title: 县委书记\n  name:")),
        Case("blank required: speaker.title", 2, with_config(MINIMAL.replace("title: 县委书记", "title:")),
             line="c.yaml:5: speaker.title: 缺少必填项（讲话人职务）"),
        Case("departments: a list", 2, with_config(MINIMAL + "departments: [a, b]\n"),
             line="c.yaml:10: departments: 应为键值映射（key: value），收到列表"),
        Case("targets: a mapping", 2, with_config(MINIMAL + "targets: {a: 1}\n"),
             line="c.yaml:10: targets: 应为列表（每行以“- ”开头），收到键值映射"),
        Case("target without value", 2, with_config(MINIMAL + "targets:\n  - {name: 项目}\n"),
             line="c.yaml:11: targets[0].value: 缺少必填项"),
        Case("target value a list", 2, with_config(MINIMAL + "targets:\n  - {name: 项目, value: [1]}\n"),
             line="c.yaml:11: targets[0].value: 应为数字，收到 [1]"),
        date("2026-02-30", "没有这一天：“2026-02-30”（月份应为 1–12，日不超过当月天数）"),
        date("2026-13-01", "没有这一天：“2026-13-01”（月份应为 1–12，日不超过当月天数）"),
        date("1900-03-01", "年份应在 1949–2100 之间，收到 “1900-03-01”"),
        date("2600-03-01", "年份应在 1949–2100 之间，收到 “2600-03-01”"),
        date("99999-01-01", "应为日期（如 2026-03-16 或 2026年3月16日），收到 “99999-01-01”"),
        date("2026-03-16T25:00:00", "应为日期（如 2026-03-16 或 2026年3月16日），收到 “2026-03-16T25:00:00”"),
        date("0", "应为日期（如 2026-03-16），收到 0"),
        Case("new: year 1900", 2, lambda d: [], custom=new_session(day="1900-03-01", year_check=True),
             line="✗ 年份应在 1949–2100 之间，收到 “1900-03-01”"),
        Case("new: year 2600", 2, lambda d: [], custom=new_session(day="2600-03-01", year_check=True),
             line="✗ 年份应在 1949–2100 之间，收到 “2600-03-01”"),
        Case("new: over-long meeting name", 2, lambda d: [], custom=new_session(long_name=True), exit=0),
        Case("deep nesting [ × 100000", 2, with_config(MINIMAL + "targets: " + "[" * 100_000 + "]" * 100_000 + "\n"),
             line="c.yaml:10: 嵌套层数过深（超过 30 层），请检查缩进和括号"),
        Case("deep nesting {a: × 5000", 2, with_config(MINIMAL + "x: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"),
             line="c.yaml:10: 嵌套层数过深（超过 30 层），请检查缩进和括号"),
        Case("deep nesting by indentation", 2, with_config(MINIMAL + "".join(" " * i + f"k{i}:\n" for i in range(200))),
             line="c.yaml:40: 嵌套层数过深（超过 30 层），请检查缩进和括号"),
        Case("NUL in a value", 2, with_config(MINIMAL.replace("name: 临川", 'name: "临\\0川"')),
             line="c.yaml:7: locality.name: 含有不可见的控制字符 U+0000（第 2 个字符处），请删去后重写这一项"),
        Case("raw NUL byte in the file", 2, with_config(MINIMAL.replace("临川", "临\x00川")),
             line="c.yaml: 不是文本文件（含二进制内容），请提供 UTF-8 编码的 YAML 配置"),
        Case("ESC in the meeting name", 2, with_config(MINIMAL.replace("name: 全县优化营商环境工作会议", 'name: "\\e[2J全县优化营商环境工作会议"')),
             line="c.yaml:2: meeting.name: 含有不可见的控制字符 U+001B（第 1 个字符处），请删去后重写这一项"),
        Case("bidi override in a name", 2, with_config(MINIMAL.replace("name: 临川", 'name: "临\\u202e川"')),
             line="c.yaml:7: locality.name: 含有不可见的控制字符 U+202E（第 2 个字符处），请删去后重写这一项"),
        Case("over-long meeting name", 2, with_config(MINIMAL.replace("全县优化", "全县" + "优化" * 3000), command="render",
                                                      out=""), line="c.yaml:2: meeting.name: 太长（上限 200 字）"),
        Case("meeting name long for a file name", 2, lambda d: [
            str(config(d, MINIMAL.replace("全县优化营商环境工作会议", "全县" + "优化营商环境" * 15 + "工作会议")).name) and "render",
            "c.yaml"], exit=0),
        Case("-o name too long", 2, with_config(MINIMAL, out="长" * 90 + ".docx"),
             line="长" * 90 + ".docx: 文件名太长（275 字节），此处上限为 235 字节；请换一个短一些的名字"),
        Case("include in a template", 2, with_module("\"{% include 'c.yaml' %}\""),
             line="mods/m.yaml: 模板里不能用 include/import/extends（每个模块自成一体，不引用别的模板）"),
        Case("extends in a template", 2, with_module("\"{% extends '/etc/passwd' %}\""),
             line="mods/m.yaml: 模板里不能用 include/import/extends（每个模块自成一体，不引用别的模板）"),
        Case("import in modules show", 2, with_module("\"{% from 'x' import y %}\"", command="modules"),
             line="mods/m.yaml: 模板里不能用 include/import/extends（每个模块自成一体，不引用别的模板）"),
        Case("huge range in a template", 2, with_module("\"{{ range(10**12)|list }}\""),
             line="mods/m.yaml: 模板里的数值过大（1000000000000），重复或循环的次数最多 1000000"),
        Case("recursive macro", 2, with_module("\"{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}\""),
             line="mods/m.yaml: 模板里的宏或循环递归过深"),
        Case("template attribute escape", 2, with_module("\"{{ ''.__class__.__mro__[1].__subclasses__() }}\""),
             line="mods/m.yaml: 模板访问了不允许的属性或函数（__class__），模块里只用占位、循环和判断"),
        Case("template syntax error", 2, with_module("\"{% for %}\""), line="mods/m.yaml: 模板写法有误：{{ }} 或 {% %} 里缺少内容"),
        Case("template unknown tag", 2, with_module("\"{% include_raw x %}\""),
             line="mods/m.yaml: 模板写法有误：不认识的标签“include_raw”（能用的有 if、for、set、macro）"),
        Case("template 1/0", 2, with_module("\"{{ 1/0 }}\""), line="mods/m.yaml: 模板运行出错：除以零（ZeroDivisionError）"),
        Case("template undefined in outline", 2, with_module("\"{{ nothing.here }}\"", command="outline"),
             line="mods/m.yaml: 模板用了不存在的占位：“nothing”"),
        templates_dir("loop", "“loop”：模板文件夹的路径里有循环的符号链接，请给出真实的文件夹（相对于配置文件所在的文件夹）"),
        Case("templates_dir: /proc", 2, with_config(MINIMAL + "templates_dir: /proc\n"),
             line="c.yaml:10: templates_dir: “/proc”：模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹"),
        templates_dir("/proc/self/fd/0", "“/proc/self/fd/0”：这是一个文件，不是模板文件夹（应给出放模块 .yaml 文件的文件夹）"),
        templates_dir("[a]", "应为文字，收到列表"),
        templates_dir("''", "", exit=0),
        reference(lambda d: bomb_docx(d, "ref.docx"), "zip bomb",
                  "ref.docx: Word 文档解压后过大（超过 100 MB），疑为损坏或恶意文件，拒绝读取"),
        reference(lambda d: laughs_docx(d, "ref.docx"), "entity bomb",
                  "ref.docx: Word 文档含 XML 实体声明（<!DOCTYPE/<!ENTITY），正常的 .docx 没有，拒绝读取"),
        reference(write_bytes("ref.docx", b"PK\x03\x04garbage"), "garbage",
                  "ref.docx: 不是可用的 Word 文档（.docx），无法作为参考样式"),
        reference(lambda d: repack(d, "ref.docx", "word/styles.xml", b"<not closed"), "broken styles.xml",
                  "ref.docx: 不是可用的 Word 文档（.docx），无法作为参考样式"),
        reference(lambda d: repack(d, "ref.docx", "word/styles.xml", lambda z: None), "without styles.xml",
                  "ref.docx: 不是可用的 Word 文档（.docx），无法作为参考样式"),
        reference(lambda d: sparse(d / "ref.docx", 60_000_000), "60 MB of zeros",
                  "ref.docx: 不是可用的 Word 文档（.docx），无法作为参考样式"),
        reference(lambda d: Path(os.mkfifo(d / "ref.docx") or d / "ref.docx"), "FIFO",
                  "ref.docx: 不是普通文件（设备或管道），请给出 .docx 参考样式文档"),
        reference(write_bytes("ref.txt", "一段文字".encode()), "a .txt", "ref.txt: 不是可用的 Word 文档（.docx），无法作为参考样式"),
        corpus_with(lambda c: bomb_docx(c, "bomb.docx"), "a zip bomb",
                    "corpus/bomb.docx: Word 文档解压后过大（超过 100 MB），疑为损坏或恶意文件，拒绝读取"),
        corpus_with(lambda c: laughs_docx(c, "entity.docx"), "an entity bomb",
                    "corpus/entity.docx: Word 文档含 XML 实体声明（<!DOCTYPE/<!ENTITY），正常的 .docx 没有，拒绝读取"),
        corpus_with(write_bytes("bad.docx", b"PK\x03\x04garbage"), "a broken docx",
                    "corpus/bad.docx: 不是可读的 Word 文档（.docx）"),
        corpus_with(lambda c: Path(os.mkfifo(c / "fifo.txt") or c / "fifo.txt"), "a FIFO"),
        corpus_with(lambda c: (c / "zero.txt").symlink_to("/dev/zero") or c, "a link to /dev/zero"),
        corpus_with(lambda c: (c / "loop").symlink_to(c) or c, "a link loop"),
        corpus_with(write_bytes("gbk.txt", "各项工作稳步推进".encode("gbk")), "a GBK text"),
        corpus_with(write_bytes("bin.txt", b"\x89PNG\x00\x00" * 100), "a binary .txt",
                    "corpus/bin.txt: 不是文本文件（含二进制内容），请提供 UTF-8 编码的讲话稿（.txt/.md）"),
        index("foreign", foreign_index),
        index("corrupt", corrupt_index),
        index("read-only", read_only_index, nobody=True),
        index("a folder", index_is_folder),
        Case("two checks at once on a fresh corpus", 2, lambda d: [], custom=two_checks_fresh_corpus, exit=0),
        cache_index("corrupt ~/.cache index", garbage_every_cache, after=rebuilt),
        cache_index("unwritable HOME, no XDG", unwritable_home, env={"XDG_CACHE_HOME": ""}),
        cache_index("cache is a file", lambda d: (d / "cache").write_text("x"), env={}),
        cache_index("HOME does not exist", lambda d: None, env={"HOME": "/nonexistent/x", "XDG_CACHE_HOME": ""}),
        Case("render with unwritable HOME", 2, with_config(MINIMAL), exit=0, env={"HOME": "/proc", "XDG_CACHE_HOME": "",
                                                                                    "XDG_CONFIG_HOME": ""}),
    ]
    del d, make_loop
    return cases


def _loop_setup(d: Path) -> None:
    (d / "loop").symlink_to(d / "loop")


def c3() -> list[Case]:
    def check_text(label: str, make: Callable[[Path], Path], line: str | None, command: str = "check") -> Case:
        def setup(d: Path) -> list[str]:
            path = make(d)
            return [command, path.name if path.parent == d else str(path)]

        return Case(f"{command} {label}", 3, setup, line=line)

    def big_txt(d: Path) -> Path:
        path = d / "big.txt"
        with path.open("wb") as handle:
            line = ("各项工作稳步推进，成效明显。" * 20 + "\n").encode()
            for _ in range(49_000_000 // len(line)):
                handle.write(line)
        return path

    def long_line(d: Path) -> Path:
        path = d / "line.txt"
        path.write_bytes("字".encode() * 10_000_000)  # 30 MB: over the byte cap
        return path

    def long_line_small(d: Path) -> Path:
        path = d / "line.txt"
        path.write_bytes(b"a" * 10_000_000)  # 10 MB, one line
        return path

    def short_lines(d: Path) -> Path:
        path = d / "lines.txt"
        path.write_bytes("短。\n".encode() * 2_000_000)
        return path

    def big_xml(d: Path) -> Path:
        return bomb_docx(d, "xml.docx", 1_000_000_000)

    def many_parts(d: Path) -> Path:
        return repack(d, "parts.docx", "x", lambda z: [z.writestr(f"p/{i}.xml", b"") for i in range(5000)])

    def nested_xml(d: Path) -> Path:
        return repack(d, "deep.docx", "word/document.xml",
                      b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                      b'wordprocessingml/2006/main"><w:body>' + b"<w:p>" * 1_000_000 + b"</w:body></w:document>")

    def mine_dir(make: Callable[[Path], Path], label: str, line: str | None) -> Case:
        return Case(f"mine {label}", 3, lambda d: ["mine", str(make(d)).replace(f"{d}/", "")], line=line)

    def many_files(d: Path) -> list[str]:
        (d / "many").mkdir()
        for i in range(20_000):
            (d / "many" / f"{i}.txt").write_text("同志们：今天开会。\n", encoding="utf-8")
        return ["mine", "many"]

    def templates_root(d: Path) -> list[str]:
        config(d, MINIMAL + "templates_dir: /\n")
        return ["render", "c.yaml", "-o", "out.txt"]

    def fifo_module(d: Path) -> list[str]:
        mods = module_folder(d, "要抓好本单位工作。")
        os.mkfifo(mods / "fifo.yaml")
        config(d, MINIMAL + "sections:\n  priorities: [user_module]\n")
        return ["render", "c.yaml", "-o", "out.txt", "--templates", "mods"]

    def zero_module(d: Path) -> list[str]:
        mods = module_folder(d, "要抓好本单位工作。")
        (mods / "zero.yaml").symlink_to("/dev/zero")
        (mods / "urandom.yml").symlink_to("/dev/urandom")
        config(d, MINIMAL + "sections:\n  priorities: [user_module]\n")
        return ["render", "c.yaml", "-o", "out.txt", "--templates", "mods"]

    def big_module(d: Path) -> list[str]:
        mods = module_folder(d, "要抓好本单位工作。")
        (mods / "big.yaml").write_bytes(b"id: big\nbodies:\n" + b"  - [x]\n" * 6_000_000)
        return ["modules", "--templates", "mods"]

    def alias_bomb(big: bool) -> Callable[[Path], list[str]]:
        def setup(d: Path) -> list[str]:
            bomb = "a: &a [" + ", ".join(["x"] * 10) + "]\n" + "".join(
                f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
            module_folder(d, (MODULE.format(body="要抓好本单位工作。") + bomb if big else bomb).encode())
            return ["modules", "--templates", "mods"]

        return setup

    def config_alias_bomb(d: Path) -> list[str]:
        bomb = "x: &a [" + ", ".join(["x"] * 10) + "]\n" + "".join(
            f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
        config(d, MINIMAL + bomb)
        return ["outline", "c.yaml"]

    def huge_config(d: Path) -> list[str]:
        sparse(d / "c.yaml", 48_000_000)
        return ["render", "c.yaml"]

    def zero_config(d: Path) -> list[str]:
        (d / "c.yaml").symlink_to("/dev/zero")
        return ["render", "c.yaml"]

    def fifo_config(d: Path) -> list[str]:
        os.mkfifo(d / "c.yaml")
        return ["outline", "c.yaml"]

    def fifo_draft(d: Path) -> list[str]:
        os.mkfifo(d / "d.txt")
        return ["check", "d.txt"]

    def loop_body(body: str) -> Case:
        return Case(f"template: {body[:50]}", 3, with_module(f'"{body}"'), line=None)

    zero = "/dev/zero"
    return [
        loop_body("{% for i in range(10**6) %}{% for j in range(10**6) %}{% endfor %}{% endfor %}"),
        loop_body("{% for i in range(999999) %}{% for j in range(999999) %}{{ i }}{% endfor %}{% endfor %}"),
        Case("template: lipsum(100000)", 3, with_module('"{{ lipsum(100000) }}"'),
             line="mods/m.yaml: 模板用了不存在的占位：“lipsum”"),
        Case("template: 'a'*10**9", 3, with_module("\"{{ 'a'*10**9 }}\""),
             line="mods/m.yaml: 模板生成的文字过长（超过 100000 字），请检查循环或重复"),
        Case("template: 10**10**10", 3, with_module('"{{ 10**10**10 }}"'), exit=0),
        Case("template: 2**10000000 printed", 3, with_module('"{{ 2**10000000 }}"'), line=None),
        Case("template: '%s'|format big", 3, with_module("\"{{ ('%s' * 100000) | format(*range(100000)) }}\""),
             line=None),
        Case("template: dict of a huge range", 3, with_module('"{{ dict.fromkeys(range(10**8)) }}"'), line=None),
        Case("template: sort a huge list", 3, with_module('"{{ (range(10**7)|list*10)|sort|first }}"'), line=None),
        Case("alias bomb in a module file", 3, alias_bomb(False),
             line="mods/m.yaml: YAML 别名（&/*）展开后过大，拒绝读取；模块文件里不需要使用别名"),
        Case("alias bomb in a config", 3, config_alias_bomb,
             line="c.yaml: YAML 别名（&/*）展开后过大，拒绝读取；配置里不需要使用别名"),
        Case("symlink to /dev/zero in templates", 3, zero_module, exit=0),
        Case("FIFO named *.yaml in templates", 3, fifo_module, exit=0),
        Case("templates_dir: /", 3, templates_root,
             line="c.yaml:10: templates_dir: “/”：模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹"),
        Case("templates_dir: /usr", 3, with_config(MINIMAL + "templates_dir: /usr\n"),
             line="c.yaml:10: templates_dir: “/usr”：模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹"),
        Case("--templates /", 3, with_config(MINIMAL, "--templates", "/"),
             line="--templates /: 模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹"),
        Case("a 48 MB module", 3, big_module, line="mods/big.yaml: 模块文件过大（48.0 MB），上限为 1000 KB"),
        Case("a 48 MB config", 3, huge_config, line="c.yaml: 文件过大（48.0 MB），配置文件上限为 256 KB"),
        Case("config is /dev/zero", 3, zero_config, line="c.yaml: 不是普通文件（设备或管道），请给出 .yaml 配置文件"),
        Case("config is a FIFO", 3, fifo_config, line="c.yaml: 不是普通文件（设备或管道），请给出 .yaml 配置文件"),
        Case("check a FIFO", 3, fifo_draft, line="d.txt: 不是普通文件（设备或管道），请给出讲话稿文件"),
        check_text("/dev/zero", lambda d: Path(zero), line="/dev/zero: 不是普通文件（设备或管道），请给出讲话稿文件"),
        check_text("1 MB zip bomb .docx", lambda d: bomb_docx(d),
                   line="bomb.docx: Word 文档解压后过大（超过 100 MB），疑为损坏或恶意文件，拒绝读取"),
        check_text("1 GB XML .docx", big_xml, line="xml.docx: Word 文档解压后过大（超过 100 MB），疑为损坏或恶意文件，拒绝读取"),
        check_text("5000 parts .docx", many_parts, line="parts.docx: Word 文档解压后过大（超过 100 MB），疑为损坏或恶意文件，拒绝读取"),
        check_text("a million nested <w:p>", nested_xml, line=None),
        check_text("entity bomb .docx", lambda d: laughs_docx(d),
                   line="entity.docx: Word 文档含 XML 实体声明（<!DOCTYPE/<!ENTITY），正常的 .docx 没有，拒绝读取"),
        check_text("a 49 MB .txt", big_txt, line="big.txt: 文件过大（49.0 MB），上限为 20 MB"),
        check_text("a 10-million-character line", long_line, line="line.txt: 文件过大（30.0 MB），上限为 20 MB"),
        check_text("a 10 MB single line", long_line_small,
                   line="line.txt: 第 1 段过长（10000000 字），一段的上限为 100000 字；请检查文件是否缺少换行"),
        check_text("2 million short lines", short_lines, line="lines.txt: 段落过多（超过 50000 段），请只给出讲话稿本身"),
        mine_dir(lambda d: bomb_docx(d), "a 1 MB zip bomb",
                 "bomb.docx: Word 文档解压后过大（超过 100 MB），疑为损坏或恶意文件，拒绝读取"),
        mine_dir(big_txt, "a 49 MB .txt", "big.txt: 文件过大（49.0 MB），上限为 20 MB"),
        mine_dir(short_lines, "2 million short lines", "lines.txt: 段落过多（超过 50000 段），请只给出讲话稿本身"),
        mine_dir(long_line_small, "a 10 MB single line",
                 "line.txt: 第 1 段过长（10000000 字），一段的上限为 100000 字；请检查文件是否缺少换行"),
        mine_dir(lambda d: Path(zero), "/dev/zero", "/dev/zero: 不是普通文件（设备或管道），请给出讲话稿文件"),
        Case("mine an archive of 40,000 paragraphs", 3, text_file("arch.txt", lambda: (SPEECH * 4000).encode(), command="mine"),
             line="arch.txt: 篇幅过长（1044000 字）；mine 一次最多分析 1000000 字（约 200 篇讲话稿），请分批分析"),
        Case("mine a folder of 20,000 small files", 3, many_files, line="many: 讲话稿文件太多（20000 个）；mine 一次最多分析 1000 个文件，"
                                                                     "请分批分析"),
        Case("mine 19 MB of distinct lines", 3, text_file("arch.txt", lambda: "".join(
            f"第{i}段：" + "各项工作稳步推进成效明显" * 12 + "。\n" for i in range(45_000)).encode(), command="mine"),
             line=None),
        Case("mine 150 files of 7,000 characters", 3, lambda d: ["mine", *[
            str(Path(d / f"{i}.txt").write_text(SPEECH * 27, encoding="utf-8") and f"{i}.txt") for i in range(150)]],
             line="141.txt（连同前面 141 个文件）: 篇幅过长（1000674 字）；mine 一次最多分析 1000000 字（约 200 篇讲话稿），"
                  "请分批分析"),
    ]


def c4() -> list[Case]:
    def target(value: str, message: str) -> Case:
        return Case(f"target {value[:20]}", 4, with_config(MINIMAL + f"targets:\n  - {{name: 项目, value: {value}, unit: 个}}\n"),
                    line=f"c.yaml:11: targets[0].value: {message}")

    agenda = "  agenda:\n" + "    - 县发展改革局通报了情况\n" * 40_000
    return [
        target(".nan", "应为数字，收到 nan"),
        target(".inf", "应为数字，收到 inf"),
        target("-.inf", "应为数字，收到 -inf"),
        target("1e308", "数值过大（绝对值上限 1 万亿），收到 “1e308”"),
        target("1e309", "应为数字，收到 “1e309”"),
        target("-1e13", "数值过大（绝对值上限 1 万亿），收到 “-1e13”"),
        target("0x7fffffffffffffffffff", "数值过大（绝对值上限 1 万亿），收到 60446290980731458735"),
        target("'三十'", "应为数字（如 30 或 8.5；单位写在 unit 里），收到 “三十”"),
        target("true", "应为数字，收到 True"),
        Case("duplicate key", 4, with_config(MINIMAL + "theme: 作风建设\n"),
             line="c.yaml:10: “theme”一项重复（第 9 行和第 10 行），请只保留一处"),
        Case("duplicate nested key", 4, with_config(MINIMAL.replace("  level: 县\n", "  level: 县\n  name: 抚州\n")),
             line="c.yaml:9: “name”一项重复（第 7 行和第 9 行），请只保留一处"),
        Case("a merge key <<", 4, with_config(MINIMAL + "departments:\n  <<: {lead: 县发改局}\n  supervisor: 县委督查室\n"),
             line="c.yaml:11: 不支持 YAML 合并键“<<”；请把要用的键逐项写出"),
        Case("a merge key << from an alias", 4, with_config(MINIMAL + "x: &d {lead: 县发改局}\ndepartments:\n  <<: *d\n"),
             line="c.yaml:12: 不支持 YAML 合并键“<<”；请把要用的键逐项写出"),
        Case("40,000 agenda items", 4, with_config(MINIMAL.replace("speaker:", agenda + "speaker:")),
             line="c.yaml: 文件过大（1.6 MB），配置文件上限为 256 KB"),
        Case("4,000 agenda items", 4, with_config(MINIMAL.replace("speaker:", "  agenda:\n" + "    - 通报了情况\n" * 4000
                                                                   + "speaker:")),
             line="c.yaml:4: meeting.agenda: 项数太多（最多 30 项，收到 4000 项），请只留要讲的"),
        Case("seed 10**30", 4, with_config(MINIMAL + "seed: 1000000000000000000000000000000\n"),
             line="c.yaml:10: seed: 应为 0 到 999999999 之间的整数（换一个数字换一套措辞），收到 10000000000000000000…（31 位）"),
        Case("seed -1", 4, with_config(MINIMAL + "seed: -1\n"),
             line="c.yaml:10: seed: 应为 0 到 999999999 之间的整数（换一个数字换一套措辞），收到 -1"),
        Case("seed: true", 4, with_config(MINIMAL + "seed: true\n"),
             line="c.yaml:10: seed: 应为 0 到 999999999 之间的整数（换一个数字换一套措辞），收到 true"),
        Case("--seed 10**30", 4, with_config(MINIMAL, "--seed", "1" + "0" * 30),
             line="--seed：应在 0 到 999999999 之间，收到 1" + "0" * 30 + "（python -m drafter render -h 查看用法）"),
        Case("--seed -1", 4, with_config(MINIMAL, "--seed", "-1"),
             line="--seed：应在 0 到 999999999 之间，收到 -1（python -m drafter render -h 查看用法）"),
        Case("length: 10**9", 4, with_config(MINIMAL + "length: 1000000000\n"),
             line="c.yaml:10: length: 应不大于 20000，收到 1000000000"),
        Case("minutes: 1e308", 4, with_config(MINIMAL + "minutes: 1e308\n"), line=None),
        Case("length and minutes both", 4, with_config(MINIMAL + "length: 5000\nminutes: 25\n"), line=None),
        Case("--variants 0", 4, with_config(MINIMAL, "--variants", "0"), line=None),
        Case("--variants 10**20", 4, with_config(MINIMAL, "--variants", "1" + "0" * 20), line=None),
        Case("check --length -5", 4, lambda d: ["check", a_docx(d).name, "--length", "-5"],
             line="--length：应在 1000 到 20000 之间，收到 -5（python -m drafter check -h 查看用法）"),
        Case("check --date 2026-02-30", 4, lambda d: ["check", a_docx(d).name, "--date", "2026-02-30"],
             line="--date 2026-02-30: 没有这一天：“2026-02-30”（月份应为 1–12，日不超过当月天数）"),
        Case("check --date 1900-01-01", 4, lambda d: ["check", a_docx(d).name, "--date", "1900-01-01"],
             line="--date 1900-01-01: 年份应在 1949–2100 之间，收到 “1900-01-01”"),
        Case("check --speaker with ESC", 4, lambda d: ["check", a_docx(d).name, "--speaker", "县\x1b[2J长"], exit=0),
        Case("serve --port 80", 4, lambda d: ["serve", "--port", "80", "--no-browser"], line=None),
    ]


def c5() -> list[Case]:
    def unreadable(command: str) -> Callable[[Path], list[str]]:
        def setup(d: Path) -> list[str]:
            name = "c.yaml" if command in ("render", "outline") else "d.txt"
            (d / name).write_text(MINIMAL if name == "c.yaml" else SPEECH, encoding="utf-8")
            (d / name).chmod(0)
            return [command, name]

        return setup

    def in_subfolder(d: Path) -> list[str]:
        mods = d / "mods" / "sub"
        mods.mkdir(parents=True)
        (mods / "bad.yaml").write_text(MODULE.format(body="x").replace("section: priorities", "section: 别处"),
                                       encoding="utf-8")
        return ["modules", "--templates", "mods"]

    def folder(command: str) -> Callable[[Path], list[str]]:
        def setup(d: Path) -> list[str]:
            (d / "x.yaml").mkdir()
            return [command, "x.yaml"]

        return setup

    def locked_archive(inner: bool) -> Callable[[Path], list[str]]:
        def setup(d: Path) -> list[str]:
            (d / "arch" / "2025").mkdir(parents=True)
            (d / "arch" / "old.txt").write_text(SPEECH, encoding="utf-8")
            ((d / "arch" / "2025") if inner else (d / "arch")).chmod(0)
            return ["mine", "arch"]

        return setup

    def corpus_etc(d: Path) -> list[str]:
        a_docx(d)
        return ["check", "draft.docx", "--corpus", "/etc"]

    def corpus_etc_after(d: Path) -> str | None:
        if os.path.exists("/etc/.drafter-index.sqlite"):
            return "index written in /etc"
        return None if list((d / "cache").rglob("*.sqlite")) else "no index in the cache"

    def big_list(d: Path) -> list[str]:
        config(d, MINIMAL + "sections:\n  priorities: [" + ", ".join(f"m{i}" for i in range(25_000)) + "]\n")
        return ["render", "c.yaml"]

    def gbk_md(d: Path) -> list[str]:
        (d / "d.md").write_bytes(b"\x80\x80" + "讲话".encode() + b"\x80\x81\xfe")
        return ["check", "d.md"]

    def utf16_draft(d: Path) -> list[str]:
        (d / "d.txt").write_bytes(SPEECH.encode("utf-16"))
        return ["check", "d.txt"]

    def latin1_draft(d: Path) -> list[str]:
        (d / "d.txt").write_bytes("Ã©tÃ© caf\xe9 na\xefve \xff\xfe".encode("latin-1"))
        return ["check", "d.txt"]

    def template_loop(d: Path) -> list[str]:
        (d / "loop").symlink_to(d / "loop")
        config(d)
        return ["render", "c.yaml", "--templates", "loop"]

    def template_file(d: Path) -> list[str]:
        config(d)
        return ["render", "c.yaml", "--templates", "c.yaml"]

    def missing(command: str, *extra: str) -> Callable[[Path], list[str]]:
        return lambda d: [command, "nowhere.yaml", *extra]

    def pdf(d: Path) -> list[str]:
        (d / "d.pdf").write_bytes(b"%PDF-1.4")
        return ["check", "d.pdf"]

    unit = MINIMAL.replace("  level: 县", "  level: 部门\n  unit: 商务局")
    return [
        Case("zero-width space in a name", 5, with_config(MINIMAL.replace("name: 临川", 'name: "临\\u200b川"')),
             line="c.yaml:7: locality.name: 含有不可见的控制字符 U+200B（第 2 个字符处），请删去后重写这一项"),
        Case("locality.superior out of range", 5, with_config(MINIMAL.replace("  level: 县\n", "  level: 县\n  superior: 国\n")),
             line="c.yaml:9: locality.superior: 应为 省/市/县/区 之一，收到 “国”"),
        Case("a provincial speaker", 5, with_config(MINIMAL.replace("title: 县委书记", "title: 省长")),
             line="c.yaml:5: speaker.title: “省长”是省级职务，drafter 只起草市、县、区、镇和部门的讲话，没有省级；"
                  "请改 speaker.title（如 县委书记）"),
        Case("-o 讲话.pdf", 5, with_config(MINIMAL, out="讲话.pdf"),
             line="讲话.pdf: 不能写成 .pdf 文件；输出可为 .docx、.md、.txt（Word 里可另存为其他格式）", after=absent("讲话.pdf")),
        Case("a big non-alias list", 5, big_list,
             line="c.yaml:11: sections.priorities: 项数太多（最多 20 项，收到 25000 项），请只留要讲的"),
        Case("locality.unit names no government", 5, with_config(unit),
             line="c.yaml:9: locality.unit: 看不出“商务局”属于哪一级政府；请写成“县商务局”这样的全称，或加上 locality.superior: 县"),
        Case("locality.unit missing for 部门", 5, with_config(MINIMAL.replace("  level: 县", "  level: 部门")),
             line="c.yaml:6: locality.unit: level 为“部门”时必须写明 unit（本单位名称，如“县商务局”）"),
        Case("a tag", 5, with_config(MINIMAL + "seed: !!python/object/apply:os.system [ls]\n"),
             line="c.yaml:10: 不支持 YAML 标签“!!python/object/apply:os.system”；这里只写文字、数字、列表和键值"),
        Case("a local tag", 5, with_config(MINIMAL + "seed: !mine 3\n"),
             line="c.yaml:10: 不支持 YAML 标签“!mine”；这里只写文字、数字、列表和键值"),
        Case("a complex key", 5, with_config(MINIMAL + "? {a: b}\n: 1\n"),
             line="c.yaml:10: 键应为普通文字（如 name:），收到列表或映射"),
        Case("a number as a key", 5, with_config(MINIMAL + "3: x\n"), line="c.yaml:10: 3: 不认识的配置项“3”"),
        Case("unreadable config (render)", 5, unreadable("render"), as_nobody=True, line="c.yaml: 无法读取（没有权限）"),
        Case("unreadable config (outline)", 5, unreadable("outline"), as_nobody=True, line="c.yaml: 无法读取（没有权限）"),
        Case("unreadable draft (check)", 5, unreadable("check"), as_nobody=True, line="d.txt: 无法读取（没有权限）"),
        Case("unreadable speech (mine)", 5, unreadable("mine"), as_nobody=True,
             line="d.txt: 无法读取（没有权限）"),
        Case("unreadable archive folder (mine)", 5, locked_archive(False), as_nobody=True,
             line="arch: 无法读取这个文件夹（没有权限）"),
        Case("unreadable subfolder of an archive (mine)", 5, locked_archive(True), as_nobody=True,
             line="arch/2025: 无法读取这个文件夹（没有权限）"),
        Case("missing config", 5, missing("render"), line="nowhere.yaml: 找不到这个文件"),
        Case("missing draft (check)", 5, missing("check"), line="nowhere.yaml: 找不到这个文件"),
        Case("not-UTF-8 draft", 5, gbk_md, line="d.md: 文件编码无法识别（既不是 UTF-8 也不是 GBK），请在记事本中“另存为”UTF-8"),
        Case("latin-1 draft", 5, latin1_draft, line=None),
        Case("UTF-16 draft", 5, utf16_draft, exit=1),
        Case("a .pdf to check", 5, pdf, line="d.pdf: 不支持的文件类型“.pdf”，可读 .docx、.md、.txt"),
        Case("folder as config (render)", 5, folder("render"), line="x.yaml: 这是一个文件夹，不是配置文件"),
        Case("folder as config (outline)", 5, folder("outline"), line="x.yaml: 这是一个文件夹，不是配置文件"),
        Case("folder as draft (check)", 5, folder("check"), line=None),
        Case("folder as speech (mine)", 5, folder("mine"), line=None),
        Case("file as templates folder", 5, template_file,
             line="--templates c.yaml: 这是一个文件，不是模板文件夹（应给出放模块 .yaml 文件的文件夹）"),
        Case("loop as templates folder", 5, template_loop,
             line="--templates loop: 模板文件夹的路径里有循环的符号链接，请给出真实的文件夹"),
        Case("module in a subfolder", 5, in_subfolder,
             line="mods/sub/bad.yaml: section: section 应为 awareness/priorities/implementation 之一，收到 “别处”"),
        Case("check --corpus /etc", 5, corpus_etc, exit=0, after=corpus_etc_after),
        # too many speeches or too many folders, whichever this machine's disk hits first
        Case("check --corpus / (a whole disk)", 5, lambda d: ["check", a_docx(d).name, "--corpus", "/"], line=None),
        Case("check --corpus a file", 5, lambda d: ["check", a_docx(d).name, "--corpus", "draft.docx"],
             line="draft.docx: 不是文件夹（应给出放往年讲话稿的文件夹）"),
        Case("check --corpus missing", 5, lambda d: ["check", a_docx(d).name, "--corpus", "nowhere"], line=None),
        Case("modules show nothing", 5, lambda d: ["modules", "show", "不存在的模块"], line=None),
        Case("modules --theme nothing", 5, lambda d: ["modules", "--theme", "不存在"], line=None),
        Case("phrases with regex characters", 5, lambda d: ["phrases", "((("], exit=0),
        Case("an unknown option", 5, lambda d: ["render", "--frobnicate"], line=None),
        Case("serve --templates missing", 5, lambda d: ["serve", "--templates", "nowhere", "--no-browser"], line=None),
        Case("serve --templates a file", 5, lambda d: [config(d).name and "serve", "--templates", "c.yaml", "--no-browser"],
             line="--templates c.yaml: 这是一个文件，不是模板文件夹（应给出放模块 .yaml 文件的文件夹）"),
        Case("serve --templates /usr", 5, lambda d: ["serve", "--templates", "/usr", "--no-browser"],
             line="--templates /usr: 模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹"),
    ]


def c_serve() -> list[Case]:
    def config_file(text: str | bytes) -> Callable[[Path], Path]:
        return write_bytes("c.yaml", text.encode() if isinstance(text, str) else text)

    def case(name: str, kind: int, run) -> Case:
        return Case(f"serve: {name}", kind, lambda d: [], custom=run)

    return [
        case("upload a config with a tag", 5, upload("/draft/upload", "config", "c.yaml",
                                                      config_file(MINIMAL + "seed: !!python/name:os.system\n"),
                                                      expect="不支持 YAML 标签")),
        case("upload a config with an alias bomb", 3, upload("/draft/upload", "config", "c.yaml", config_file(
            MINIMAL + "x: &a [" + ", ".join(["x"] * 10) + "]\n" + "".join(
                f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))),
            expect="别名")),
        case("upload a config dated 2026-02-30", 2, upload("/draft/upload", "config", "c.yaml",
                                                            config_file(MINIMAL.replace("2026-03-16", "2026-02-30")),
                                                            expect="没有这一天")),
        case("upload a config named ../../x.yaml", 1, upload("/draft/upload", "config", "../../etc/x.yaml",
                                                              config_file(MINIMAL), status=200, expect="")),
        case("upload a binary config", 5, upload("/draft/upload", "config", "c.yaml", config_file(b"\x00\x01\x02"),
                                                 expect="不是文本文件")),
        case("check a zip bomb", 3, upload("/check", "draft", "bomb.docx", lambda d: bomb_docx(d), expect="解压后过大")),
        case("check an entity bomb", 3, upload("/check", "draft", "e.docx", lambda d: laughs_docx(d),
                                               expect="XML 实体声明")),
        case("check 2 million lines", 3, upload("/check", "draft", "l.txt",
                                                write_bytes("l.txt", "短。\n".encode() * 2_000_000),
                                                expect="“l.txt”太大（单个文件上限 10 MB）")),
        case("check a GBK-less binary", 5, upload("/check", "draft", "b.txt", write_bytes("b.txt", b"\x80\x80\xfe\x80"),
                                                  expect="编码")),
        case("check a file named ../../a.txt", 1, upload("/check", "draft", "../../a.txt",
                                                          write_bytes("a.txt", "讲话。".encode()), status=200)),
        case("check a .exe", 5, upload("/check", "draft", "a.exe", write_bytes("a.exe", b"MZ"), expect="")),
        case("mine a zip bomb", 3, upload("/mine", "speeches", "bomb.docx", lambda d: bomb_docx(d), expect="解压后过大")),
        case("mine a 10 MB line", 3, upload("/mine", "speeches", "l.txt", write_bytes("l.txt", b"a" * 10_000_000),
                                            expect="过长")),
    ]


CASES = [*c1(), *c2(), *c3(), *c4(), *c5(), *c_serve()]


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def judge(case: Case, d: Path, code: int, out: str, err: str) -> str:
    err = ANSI.sub("", err)
    lines = [line for line in err.strip().splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if code == -9:
        return "FAIL: over 10 s"
    if "内部错误" in err or "Traceback" in err or "MemoryError" in err:
        return "FAIL: internal error"
    if code != case.exit:
        return f"FAIL: exit {code}, expected {case.exit}"
    if case.exit == 2:
        if len(lines) != 1:
            return f"FAIL: {len(lines)} lines"
        if not re.search(r"[\u4e00-\u9fff]", first):
            return "FAIL: not Chinese"
        if re.search(r"\b[A-Za-z]{3,} [a-z]{2,} [a-z]{3,}\b", first.replace(str(d), "")):
            return "FAIL: English words"
        if case.line is not None:
            expected = case.line.replace("{d}", str(d))
            if "{n}" in expected:
                pattern = re.escape(expected).replace(r"\{n\}", r"\d+")
                if not re.fullmatch(pattern, first.replace(f"{d}/", "")) and not re.fullmatch(pattern, first):
                    return f"FAIL: message differs: {expected}"
            elif first not in (expected, expected.replace(f"{d}/", "")) and first.replace(f"{d}/", "") != expected:
                return f"FAIL: message differs: {expected}"
    if case.after is not None and (problem := case.after(d)):
        return f"FAIL: {problem}"
    return "ok"


def run_case(case: Case) -> tuple[int, str, float, str]:
    with tempfile.TemporaryDirectory(prefix="attack-") as tmp:
        d = Path(tmp)
        os.chmod(d, 0o777)
        start = time.monotonic()
        if case.custom is not None:
            code, out, err = case.custom(d)
        else:
            args = case.setup(d)
            start = time.monotonic()  # the run, not the making of its inputs
            code, out, err = drafter(d, args, case.env, nobody=case.as_nobody, wrap=case.wrap)
        seconds = time.monotonic() - start
        verdict = judge(case, d, code, out, err)
        first = next((line for line in ANSI.sub("", err).strip().splitlines() if line.strip()), out.strip()[:80])
        first = first.replace(f"{d}/", "").replace(str(d), "{d}")
        for p in [d, *d.rglob("*")]:  # let the cleanup through read-only folders the case made
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o777)
        return code, first, seconds, verdict


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only the cases whose name contains this")
    parser.add_argument("--class", dest="kind", type=int, help="only one class of the issue (1–5)")
    options = parser.parse_args()
    failed = total = 0
    print(f"{'#':>3} {'cls':>3} {'case':<44} {'exit':>4} {'s':>5}  verdict | first line")
    for case in CASES:
        if options.k not in case.name or (options.kind and case.kind != options.kind):
            continue
        total += 1
        try:
            code, first, seconds, verdict = run_case(case)
        except Exception as exc:  # noqa: BLE001 — a broken case is reported, not fatal to the table
            code, first, seconds, verdict = -1, f"{type(exc).__name__}: {exc}", 0.0, "FAIL: case broke"
        failed += verdict != "ok"
        print(f"{total:>3} {case.kind:>3} {case.name[:44]:<44} {code:>4} {seconds:5.1f}  {verdict} | {first[:150]}",
              flush=True)
    print(f"\n{total} cases, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
