"""The offline bundle (tools/offline_bundle.py): its Linux part installs into a fresh virtual environment with
no index at all and renders an example; its Windows part holds a wheel for every requirement."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import offline_bundle  # noqa: E402

PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Built once for the module: Linux for this Python, Windows for 3.11 and 3.12 (needs pip to reach PyPI)."""
    out = tmp_path_factory.mktemp("bundle") / "drafter-offline"
    offline_bundle.build(out, [("linux", PYTHON), ("win_amd64", "3.11"), ("win_amd64", "3.12")])
    return out


def offline_env() -> dict[str, str]:
    """No pip configuration, index, find-links or constraints from this machine: only the bundle."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def test_the_linux_bundle_installs_with_no_index_and_renders(bundle, tmp_path):
    assert sorted(p.name for p in bundle.iterdir()) == ["examples", "install.bat", "install.ps1", "install.sh",
                                                       "wheels", "离线安装.txt"]
    assert (bundle / "examples" / "county-business.yaml").is_file()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-index",
                    "--find-links", str(bundle / "wheels"), "drafter"], check=True, env=offline_env())
    out = tmp_path / "讲话稿.docx"
    result = subprocess.run([str(venv / "bin" / "drafter"), "render", str(bundle / "examples" / "county-business.yaml"),
                             "-o", str(out)], capture_output=True, text=True, cwd=tmp_path, env=offline_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"已生成：{out}\n"
    assert docx.Document(str(out)).paragraphs[0].text == "在全县优化营商环境工作会议上的讲话"
    installed = subprocess.run([str(python), "-c", "import drafter, pathlib; print(pathlib.Path(drafter.__file__).parent)"],
                               capture_output=True, text=True, check=True, cwd=tmp_path).stdout.strip()
    assert installed.startswith(str(venv))  # the bundle's wheel, not this checkout


def test_the_windows_bundle_holds_a_wheel_for_every_requirement(bundle):
    wheels = bundle / "wheels"
    drafter_wheel = next(wheels.glob("drafter-*.whl"))
    for python in ("3.11", "3.12"):
        roots = ["drafter", *offline_bundle.BUILD_REQUIREMENTS]
        assert offline_bundle.missing_requirements(wheels, roots, "win_amd64", python) == []
        tag = f"cp{python.replace('.', '')}"
        for binary in ("lxml", "pyyaml", "markupsafe"):
            assert any(p.name.startswith(f"{binary}-") and f"-{tag}-" in p.name and p.name.endswith("win_amd64.whl")
                       for p in wheels.iterdir()), (binary, python)
    names = {p.name.split("-")[0].lower() for p in wheels.glob("*.whl")}
    assert {"setuptools", "wheel", "click", "jinja2", "python_docx", "questionary", "prompt_toolkit"} <= names
    assert "examples/" not in "".join(zipfile.ZipFile(drafter_wheel).namelist())  # the examples travel beside it
    text = (bundle / "离线安装.txt").read_bytes().decode("utf-8")
    assert "py -3 -m venv .venv && .venv\\Scripts\\activate.bat && pip install --no-index --find-links wheels drafter" in text
    assert (bundle / "install.ps1").read_bytes().startswith(b"\xef\xbb\xbf")


def test_requirements_are_judged_by_the_target_markers(tmp_path):
    """A dependency only Windows needs is missing for Windows, not for Linux, whatever machine builds."""
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"
                         "Requires-Dist: colorama; platform_system == \"Windows\"\n"
                         "Requires-Dist: tomli; python_version < \"3.11\"\n")
    assert offline_bundle.missing_requirements(tmp_path, ["demo"], "win_amd64", "3.11") == \
        [Requirement('colorama; platform_system == "Windows"')]
    assert offline_bundle.missing_requirements(tmp_path, ["demo"], "linux", "3.11") == []
