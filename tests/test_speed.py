"""What makes a cold render fast, held to its promises: the render path never imports pydantic nor the
checker (drafter.check, .semantic, .reader); the catalog and the compiled templates kept in the cache give the
same drafts as building them afresh; a damaged, foreign or stale cache, or none that can be written, only
means the work is done again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import cache
from drafter.config.model import Config, Departments
from drafter.schema import ValidationError
from tests.conftest import EXAMPLES, ROOT

COUNTY = EXAMPLES / "county-business.yaml"


def _render(tmp_path: Path, cache_home: Path, name: str = "d.txt", *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run([sys.executable, "-m", "drafter", "render", str(COUNTY), "-o", str(tmp_path / name),
                           "--force", *extra], capture_output=True, text=True, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[Path, str]:
    """A cache filled by one render, and that render's draft."""
    folder = tmp_path_factory.mktemp("warm")
    done = _render(folder, folder / "cache", "clean.txt")
    assert done.returncode == 0, done.stderr
    return folder / "cache", (folder / "clean.txt").read_text(encoding="utf-8")


def _copy(home: Path, tmp_path: Path) -> Path:
    shutil.copytree(home, tmp_path / "cache")
    return tmp_path / "cache"


def test_a_render_imports_no_pydantic_and_not_the_checker(tmp_path, warm):
    script = ("import sys; from drafter.cli import main\n"
              "try:\n    main(['render', sys.argv[1], '-o', sys.argv[2]])\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core', 'sqlite3')\n"
              "             or m in ('drafter.semantic', 'drafter.reader', 'drafter.check')))")
    env = {**os.environ, "XDG_CACHE_HOME": str(_copy(warm[0], tmp_path))}
    done = subprocess.run([sys.executable, "-c", script, str(COUNTY), str(tmp_path / "d.docx")], capture_output=True,
                          text=True, env=env)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
    assert (tmp_path / "d.docx").stat().st_size > 10_000


def test_the_cached_catalog_and_templates_give_the_same_draft(tmp_path, warm):
    home, text = warm
    assert sorted(p.name for p in (home / "drafter").iterdir()) == ["catalog.pickle", "templates.marshal"]
    for path in (home / "drafter").iterdir():
        assert path.stat().st_mode & 0o077 == 0  # the user's own
    again = _render(tmp_path, _copy(home, tmp_path), "again.txt")
    assert again.returncode == 0, again.stderr
    assert "营商环境" in text and len(text) > 3000
    assert (tmp_path / "again.txt").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("damage", ["garbage", "foreign"])
def test_a_damaged_or_foreign_cache_is_built_again(tmp_path, warm, damage):
    home = _copy(warm[0], tmp_path)
    for path in (home / "drafter").iterdir():
        if damage == "garbage":
            path.write_bytes(path.read_bytes()[:100] + b"\x00\xff" * 500)  # the right key, a damaged body
        else:
            path.chmod(0o666)  # writable by others: not trusted, whatever it holds
    done = _render(tmp_path, home, "again.txt")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (tmp_path / "again.txt").read_text(encoding="utf-8") == warm[1]


def test_no_writable_cache_is_no_problem(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")  # XDG_CACHE_HOME/drafter cannot be made under a file
    done = _render(tmp_path, blocker)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("已生成：")
    assert blocker.read_text(encoding="utf-8") == "x"


def test_the_catalog_key_follows_its_files(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    before = cache.fingerprint([folder])
    assert cache.fingerprint([folder]) == before
    (folder / "a.yaml").write_text("x: 22\n", encoding="utf-8")  # one more byte
    assert cache.fingerprint([folder]) != before
    assert cache.fingerprint([folder], "jinja 9") != cache.fingerprint([folder])


def test_an_object_is_kept_and_read_back_only_under_its_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.store_object("x.pickle", "k1", {"a": [1, 2]})
    assert cache.load_object("x.pickle", "k1") == {"a": [1, 2]}
    assert cache.load_object("x.pickle", "k2") is None
    assert cache.load_object("missing.pickle", "k1") is None
    codes = {"one": compile("1 + 1", "<t>", "eval")}
    cache.store_codes("c.marshal", "k", codes)
    assert eval(cache.load_codes("c.marshal", "k")["one"]) == 2  # noqa: S307 — our own code object
    assert cache.load_codes("c.marshal", "other") == {}


def test_config_models_are_frozen_and_compare_by_value():
    data = {"meeting": {"name": "全县工作会议", "date": "2026-03-16"}, "speaker": {"title": "县长"},
            "locality": {"name": "临川", "level": "县"}, "theme": "营商环境", "targets": [{"name": "增长", "value": "8.5"}]}
    config = Config.model_validate(data)
    assert config == Config.model_validate(data)
    assert config.targets[0].value == 8.5 and config.departments == Departments()
    with pytest.raises(TypeError):
        config.theme = "别的"
    assert config.model_copy(update={"length": 6000}).length == 6000 and config.length is None
    assert config.model_dump()["sections"] == {"awareness": None, "priorities": None, "implementation": None}
    with pytest.raises(ValidationError) as caught:
        Config.model_validate({**data, "length": "五千", "page_numbers": "left"})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [
        ("int_parsing", ("length",)), ("literal_error", ("page_numbers",))]
