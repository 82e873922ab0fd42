"""Nothing the user had is lost or replaced without --force: special files, links, races, killed runs, a
full disk midway through a set, `drafter new`'s config, and mined modules a clerk may have edited."""

from __future__ import annotations

import errno
import os
import threading

import pytest

from drafter.errors import OutputError
from drafter.interactive import write_both
from drafter.writers import files, write_atomic, write_files
from tests.conftest import MINIMAL, SPEECH


def test_force_never_replaces_a_device_a_fifo_or_a_folder(run, write_config, tmp_path):
    config = write_config()
    fifo = tmp_path / "f.docx"
    os.mkfifo(fifo)
    for target in ("/dev/null", fifo):
        result = run("render", config, "-o", target, "--force")
        assert result.exit_code == 2
        assert result.stderr.strip() == (f"{target}: 不是普通文件（设备、管道或其他特殊文件），不能写入或覆盖，"
                                         "--force 也不行；请换一个文件名")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
    folder = tmp_path / "d.docx"
    folder.mkdir()
    result = run("render", config, "-o", folder, "--force")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{folder}: 这是一个文件夹，请给出文件名，如 {folder / '讲话稿.docx'}"
    assert list(folder.iterdir()) == []


def test_a_dangling_link_is_replaced_only_with_force(run, write_config, tmp_path):
    link = tmp_path / "out.docx"
    link.symlink_to(tmp_path / "nowhere.docx")
    result = run("render", write_config(), "-o", link)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{link}: 已存在同名的符号链接；如需替换请加 --force"
    assert link.is_symlink() and not (tmp_path / "nowhere.docx").exists()
    assert run("render", write_config(), "-o", link, "--force").exit_code == 0
    assert not link.is_symlink() and link.read_bytes().startswith(b"PK")


def test_a_name_too_long_for_the_temporary_file_is_refused_before_writing(run, write_config, tmp_path):
    out = tmp_path / ("长" * 80 + ".docx")  # 245 bytes: fits 255, but not with the temporary name's extra
    result = run("render", write_config(), "-o", out)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{out}: 文件名太长（245 字节），此处上限为 235 字节；请换一个短一些的名字"
    assert list(tmp_path.iterdir()) == [tmp_path / "c.yaml"]


def test_parallel_writes_to_one_name_without_force_have_exactly_one_winner(tmp_path):
    target = tmp_path / "race.docx"
    outcomes: list[str] = []
    start = threading.Barrier(10)

    def write(n: int) -> None:
        start.wait()
        try:
            write_atomic(target, f"draft {n}".encode(), force=False)
            outcomes.append(f"won {n}")
        except OutputError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o.startswith("won")]
    assert len(winners) == 1
    assert outcomes.count(f"{target}: 文件已存在；如需覆盖请加 --force") == 9
    assert target.read_text() == f"draft {winners[0].split()[1]}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.docx"]


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next_run(tmp_path):
    target = tmp_path / "x.docx"
    dead = 2**22 + 12345  # above Linux's pid_max default: no such process
    stale = tmp_path / f".x.docx.{dead}-abcdef.tmp"
    stale.write_bytes(b"half")
    running = tmp_path / f".x.docx.{os.getppid()}-abcdef.tmp"  # a live process's write in progress stays
    running.write_bytes(b"busy")
    other = tmp_path / f".y.docx.{dead}-abcdef.tmp"  # another output's: not ours to judge here
    other.write_bytes(b"other")
    write_atomic(target, b"new", force=False)
    assert not stale.exists() and running.exists() and other.exists()
    assert target.read_bytes() == b"new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _full_disk_on(call: int, monkeypatch):
    """Make the `call`-th temporary write fail as on a full disk."""
    real = files._write_temp
    calls = {"n": 0}

    def write_temp(path, data):
        calls["n"] += 1
        if calls["n"] == call:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(files, "_write_temp", write_temp)


def test_a_full_disk_midway_through_variants_leaves_none_of_the_set(run, write_config, tmp_path, monkeypatch):
    _full_disk_on(3, monkeypatch)
    out = tmp_path / "d.docx"
    result = run("render", write_config(), "-o", out, "--variants", "4", "--seed", "1")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'd-3.docx'}: 磁盘空间不足，没有写入（原有文件未改动）"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]


def test_new_keeps_the_config_it_was_to_overwrite_when_the_draft_cannot_be_written(tmp_path, monkeypatch):
    config, draft = tmp_path / "会.yaml", tmp_path / "会.docx"
    config.write_text("# the clerk's own config\n", encoding="utf-8")
    draft.write_bytes(b"old draft")
    _full_disk_on(2, monkeypatch)
    with pytest.raises(OutputError) as caught:
        write_both(config, b"new config", draft, b"new draft", force=True)
    assert str(caught.value) == f"{draft}: 磁盘空间不足，没有写入（原有文件未改动）"
    assert config.read_text(encoding="utf-8") == "# the clerk's own config\n"
    assert draft.read_bytes() == b"old draft"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["会.docx", "会.yaml"]


def test_new_restores_the_config_when_moving_the_draft_into_place_fails(tmp_path, monkeypatch):
    config, draft = tmp_path / "会.yaml", tmp_path / "会.docx"
    config.write_text("mine\n", encoding="utf-8")
    draft.write_bytes(b"old draft")
    real = os.replace

    def replace(src, dst):
        if str(dst) == str(draft):
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(OutputError) as caught:
        write_both(config, b"new config", draft, b"new draft", force=True)
    assert str(caught.value) == f"{draft}: 无法写入（磁盘读写出错），没有写入任何文件"
    assert config.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["会.docx", "会.yaml"]


def test_a_read_only_folder_is_a_plain_refusal(tmp_path, monkeypatch):
    def refuse(path, data):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files, "_write_temp", refuse)
    with pytest.raises(OutputError) as caught:
        write_files([(tmp_path / "a.docx", b"x")], force=False)
    assert str(caught.value) == f"{tmp_path / 'a.docx'}: 没有写入权限（文件夹“{tmp_path}”只读或无权限），没有写入；请换一个位置"


def test_mined_template_syntax_stays_literal_text(run, write_config, tmp_path):
    source = tmp_path / "old.txt"
    source.write_text(SPEECH, encoding="utf-8")
    modules = tmp_path / "mm"
    result = run("mine", source, "--emit-modules", modules)
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in modules.glob("*.yaml")) == ["awareness_1", "implementation_1", "priorities_1"]
    config = write_config("meeting:\n  name: 全县作风建设工作会议\n  date: 2026-03-16\nspeaker:\n  title: 县委书记\n"
                          "locality:\n  name: 临川\n  level: 县\ntheme: 作风建设\nsections:\n"
                          "  awareness: [awareness_1]\n  priorities: [priorities_1]\n  implementation: [implementation_1]\n")
    draft = tmp_path / "new.txt"
    result = run("render", config, "--templates", modules, "-o", draft)
    assert result.exit_code == 0, result.output
    text = draft.read_text(encoding="utf-8")
    assert "材料里写着{{ 7+7 }}这样的符号，也写着{% for i in range(1000000000) %}这样的话，都照原样保留。" in text
    assert "今年要把{# 注释 #}和{{ lipsum(100000) }}都当成普通文字，确保项目早开工。" in text


def test_emit_modules_never_overwrites_without_force(run, tmp_path):
    source = tmp_path / "old.txt"
    source.write_text(SPEECH, encoding="utf-8")
    modules = tmp_path / "mm"
    assert run("mine", source, "--emit-modules", modules).exit_code == 0
    edited = sorted(modules.glob("*.yaml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "# 我改过\n", encoding="utf-8")
    result = run("mine", source, "--emit-modules", modules)
    assert result.exit_code == 2
    names = "awareness_1.yaml、priorities_1.yaml、implementation_1.yaml"  # in the order of the speech
    assert result.stderr.strip() == (f"{modules}: 模块文件已存在（{names}），可能已经改过；如需覆盖请加 --force，"
                                     "或换一个空文件夹")
    assert edited.read_text(encoding="utf-8").endswith("# 我改过\n")
    assert run("mine", source, "--emit-modules", modules, "--force").exit_code == 0
    assert not edited.read_text(encoding="utf-8").endswith("# 我改过\n")


def test_default_names_avoid_characters_windows_forbids(run, write_config, tmp_path):
    config = write_config(MINIMAL.replace("name: 全县优化营商环境工作会议", 'name: \'全县"优化"营商环境:工作会议?\''))
    result = run("render", config)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"已生成：{tmp_path / '全县＂优化＂营商环境：工作会议？.docx'}"


def test_new_refuses_a_special_file_or_long_name_before_the_first_question(tmp_path):
    from drafter.interactive import check_config_path

    fifo = tmp_path / "c.yaml"
    os.mkfifo(fifo)
    assert check_config_path(fifo) == (f"{fifo}: 不是普通文件（设备、管道或其他特殊文件），不能写入或覆盖，"
                                       "--force 也不行；请换一个文件名")
    long = tmp_path / ("会" * 80 + ".yaml")
    assert check_config_path(long) == f"{long}: 文件名太长（245 字节），此处上限为 235 字节；请换一个短一些的名字"
    assert check_config_path(tmp_path / "好.yaml") is None


def test_the_config_is_never_replaced_by_its_own_draft(run, write_config):
    config = write_config()
    for force in ((), ("--force",)):
        result = run("render", config, "-o", config, "--format", "txt", *force)
        assert result.exit_code == 2
        assert result.stderr.strip() == f"{config}: 这是配置文件本身，不能用讲话稿覆盖它；请换一个输出文件名"
    assert config.read_text(encoding="utf-8") == MINIMAL


def test_emit_modules_where_no_folder_can_be(run, tmp_path):
    source = tmp_path / "old.txt"
    source.write_text(SPEECH, encoding="utf-8")
    result = run("mine", source, "--emit-modules", source)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{source}: 不是文件夹，请给出放模块文件的文件夹（--emit-modules）"
    result = run("mine", source, "--emit-modules", source / "mm")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{source / 'mm'}: 无法创建模块文件夹（路径中有一段不是文件夹）"
    assert source.read_text(encoding="utf-8") == SPEECH
