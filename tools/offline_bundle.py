"""Build an offline install bundle of drafter for intranet PCs with no internet.

    python tools/offline_bundle.py [-o dist/drafter-offline] [--target win_amd64 --target linux] [--python 3.11 3.12]

The bundle holds wheels/ (drafter's wheel, every dependency and the build requirements setuptools and
wheel, for each target platform and Python version), examples/, and install scripts for cmd, PowerShell and
Linux; copy the folder to the PC and run the script for its system (see 离线安装.txt in the bundle).

`pip download --platform X` picks wheels for X but judges environment markers by the machine it runs on
(click's `colorama; platform_system == "Windows"` is skipped on Linux), so each wheel's requirements are read
again here with the markers of the target and whatever is missing is downloaded too, until nothing is.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
BUILD_REQUIREMENTS = ["setuptools>=69", "wheel"]

# pip's platform tags and the marker environment of each target system.
TARGETS = {
    "win_amd64": {"platforms": ["win_amd64"],
                  "markers": {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
                              "platform_machine": "AMD64"}},
    "linux": {"platforms": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
                            "manylinux_2_5_x86_64", "manylinux1_x86_64", "linux_x86_64"],
              "markers": {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux",
                          "platform_machine": "x86_64"}},
}

INSTALL_SH = """#!/bin/sh
# drafter 离线安装（Linux）：在本文件所在的文件夹里运行 sh install.sh
set -e
cd "$(dirname "$0")"
python3 -m venv .venv
. .venv/bin/activate
pip install --no-index --find-links wheels drafter
drafter render examples/county-business.yaml -o 示例讲话稿.docx --force
echo "安装完成。以后先运行 . .venv/bin/activate，再用 drafter 命令。"
"""

INSTALL_BAT = """@echo off
rem drafter 离线安装（Windows 命令提示符 cmd）：双击本文件，或在本文件夹里运行 install.bat
chcp 65001 >nul
cd /d "%~dp0"
py -3 -m venv .venv || python -m venv .venv
call .venv\\Scripts\\activate.bat
pip install --no-index --find-links wheels drafter
drafter render examples\\county-business.yaml -o 示例讲话稿.docx --force
echo 安装完成。以后先运行 .venv\\Scripts\\activate.bat，再用 drafter 命令。
pause
"""

INSTALL_PS1 = """# drafter 离线安装（Windows PowerShell）：在本文件夹里运行
#   powershell -ExecutionPolicy Bypass -File install.ps1
Set-Location $PSScriptRoot
py -3 -m venv .venv
if ($LASTEXITCODE -ne 0) { python -m venv .venv }
. .\\.venv\\Scripts\\Activate.ps1
pip install --no-index --find-links wheels drafter
drafter render examples\\county-business.yaml -o 示例讲话稿.docx --force
Write-Output "安装完成。以后先运行 .\\.venv\\Scripts\\Activate.ps1，再用 drafter 命令。"
"""

README = """drafter 讲话稿起草器 · 离线安装包

本文件夹不需要联网即可安装：wheels 里是 drafter 和它用到的全部安装包（Windows 64 位与 Linux x86_64，
Python {pythons}），examples 里是示例配置。先装好 Python {pythons} 之一（Windows 安装时勾选
“Add python.exe to PATH”），再按系统运行：

  Windows 命令提示符（cmd）：install.bat
  Windows PowerShell：       powershell -ExecutionPolicy Bypass -File install.ps1
  Linux：                    sh install.sh

也可以手动执行（在本文件夹里）：

  cmd：        py -3 -m venv .venv && .venv\\Scripts\\activate.bat && pip install --no-index --find-links wheels drafter
  PowerShell： py -3 -m venv .venv; .venv\\Scripts\\Activate.ps1; pip install --no-index --find-links wheels drafter
  Linux：      python3 -m venv .venv && . .venv/bin/activate && pip install --no-index --find-links wheels drafter

装好后生成示例：drafter render examples/county-business.yaml -o 讲话稿.docx
"""


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, stdout=subprocess.DEVNULL)


def project_requirements() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]


def build_wheel(wheels: Path) -> Path:
    """drafter's wheel, built from a copy of the sources (pip builds in the tree it is given)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "drafter"
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".drafter-index.sqlite")
        for name in ("pyproject.toml", "README.md"):
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
        for name in ("drafter", "templates", "phrasebank", "seeds"):
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        pip("wheel", "--no-deps", "-w", str(wheels), str(source))
    return max(wheels.glob("drafter-*.whl"), key=lambda p: p.stat().st_mtime)


def marker_environment(target: str, python: str) -> dict[str, str]:
    return {"implementation_name": "cpython", "platform_python_implementation": "CPython",
            "python_version": python, "python_full_version": f"{python}.0", "platform_release": "",
            "platform_version": "", "extra": "", **TARGETS[target]["markers"]}


def wheel_requirements(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    return [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]


def needed(requirement: Requirement, environment: dict[str, str]) -> bool:
    return requirement.marker is None or Marker(str(requirement.marker)).evaluate(environment)


def compatible(wheel: Path, target: str, python: str) -> bool:
    """Whether pip on `target` with CPython `python` could install this wheel."""
    _, _, _, tags = parse_wheel_filename(wheel.name)
    version = int(python.replace(".", ""))
    platforms = {*TARGETS[target]["platforms"], "any"}

    def fits(tag) -> bool:
        if tag.platform not in platforms:
            return False
        if tag.interpreter in ("py3", f"py{version}"):
            return tag.abi == "none"
        if tag.interpreter == f"cp{version}":
            return tag.abi in (f"cp{version}", "abi3", "none")
        return tag.interpreter.startswith("cp3") and tag.abi == "abi3" and int(tag.interpreter[2:]) <= version

    return any(fits(t) for t in tags)


def missing_requirements(wheels: Path, roots: list[str], target: str, python: str) -> list[Requirement]:
    """Requirements (from `roots` and every wheel's metadata, with the target's markers) with no wheel."""
    environment = marker_environment(target, python)
    present = {}
    for wheel in wheels.glob("*.whl"):
        if compatible(wheel, target, python):
            present.setdefault(canonicalize_name(parse_wheel_filename(wheel.name)[0]), []).append(wheel)
    todo = [Requirement(r) for r in roots]
    seen, missing = set(), []
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen or not needed(requirement, environment):
            continue
        seen.add(name)
        found = [w for w in present.get(name, [])
                 if requirement.specifier.contains(str(parse_wheel_filename(w.name)[1]), prereleases=True)]
        if not found:
            missing.append(requirement)
            continue
        todo += wheel_requirements(found[0])
    return missing


def download(wheels: Path, requirements: list[str], target: str, python: str) -> None:
    args = ["download", "--only-binary=:all:", "--implementation", "cp", "--python-version", python,
            "-d", str(wheels)]
    for platform in TARGETS[target]["platforms"]:
        args += ["--platform", platform]
    pip(*args, *requirements)


def build(out: Path, pairs: list[tuple[str, str]]) -> Path:
    """The bundle for each (target system, Python version) in `pairs`."""
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    drafter_wheel = build_wheel(wheels)
    roots = [f"drafter=={parse_wheel_filename(drafter_wheel.name)[1]}", *BUILD_REQUIREMENTS]
    pythons = sorted({python for _, python in pairs})
    for target, python in pairs:
        download(wheels, [*project_requirements(), *BUILD_REQUIREMENTS], target, python)
        for _ in range(10):  # requirements pip skipped because it judged their markers by this machine
            missing = missing_requirements(wheels, roots, target, python)
            if not missing:
                break
            download(wheels, [str(r.name) + str(r.specifier) for r in missing], target, python)
        else:
            raise SystemExit(f"{target} Python {python}：仍缺少 {', '.join(map(str, missing))}")
    shutil.copytree(ROOT / "examples", out / "examples", dirs_exist_ok=True)
    for name, text in (("install.sh", INSTALL_SH), ("install.bat", INSTALL_BAT), ("install.ps1", INSTALL_PS1),
                       ("离线安装.txt", README.format(pythons="/".join(pythons)))):
        newline = "\r\n" if name.endswith((".bat", ".ps1", ".txt")) else "\n"
        encoding = "utf-8-sig" if name.endswith(".ps1") else "utf-8"  # Windows PowerShell 5 reads BOM-less as ANSI
        (out / name).write_bytes(text.replace("\n", newline).encode(encoding))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="生成 drafter 的离线安装包（wheels、示例、安装脚本）")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "dist" / "drafter-offline", help="输出文件夹")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="目标系统（可多次；默认全部）")
    parser.add_argument("--python", nargs="+", default=["3.11", "3.12"], help="目标 Python 版本")
    args = parser.parse_args(argv)
    out = build(args.out, [(t, p) for t in args.target or sorted(TARGETS) for p in args.python])
    print(f"已生成离线安装包：{out}（{len(list((out / 'wheels').glob('*.whl')))} 个安装包）")


if __name__ == "__main__":
    main()
