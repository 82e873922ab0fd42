"""Hostile and careless input ends in one Chinese line naming the file, key or path, exit 2 — never
"drafter 内部错误", a hang or a blown memory: config values, user templates and folders, drafts, .docx bombs,
the corpus index."""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import pytest
import yaml

from drafter import readers
from drafter.interactive import refusal
from drafter.overlap import CorpusIndex, default_index_path
from tests.conftest import MINIMAL, MODULE


def _refused(run, config: Path, expected: str, *extra: str) -> None:
    out = config.with_name("out.txt")
    result = run("render", config, "-o", out, *extra)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == expected
    assert not out.exists()


# ── config values ──────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("blank", ["  superior_meeting:\n", "  superior_meeting: ''\n", "  agenda:\n"])
def test_blank_optional_keys_are_not_given(run, write_config, tmp_path, blank):
    text = (MINIMAL.replace("speaker:", blank + "speaker:").replace("  date: 2026-03-16\n", "  date:\n")
            + "departments:\n  lead:\ntemplates_dir: null\ntargets:\nsections:\nseed:\n")
    result = run("render", write_config(text), "-o", tmp_path / "d.txt")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "d.txt").read_text(encoding="utf-8")
    assert text.startswith("在全县优化营商环境工作会议上的讲话\n")
    assert "None" not in text and "“”" not in text


def test_a_blank_required_key_is_missing(run, write_config):
    config = write_config(MINIMAL.replace("title: 县委书记", "title:"))
    _refused(run, config, f"{config}:5: speaker.title: 缺少必填项（讲话人职务）")


def test_a_number_or_a_date_as_a_key_is_a_key_as_typed(run, write_config):
    config = write_config(MINIMAL + "3: x\n")
    _refused(run, config, f"{config}:10: 3: 不认识的配置项“3”")


@pytest.mark.parametrize(("date", "message"), [
    ("2026-02-30", "没有这一天：“2026-02-30”（月份应为 1–12，日不超过当月天数）"),
    ("2026-13-01", "没有这一天：“2026-13-01”（月份应为 1–12，日不超过当月天数）"),
    ("1900-03-01", "年份应在 1949–2100 之间，收到 “1900-03-01”"),
    ("2600年3月1日", "年份应在 1949–2100 之间，收到 “2600年3月1日”"),
])
def test_impossible_dates_and_years_out_of_range(run, write_config, date, message):
    config = write_config(MINIMAL.replace("2026-03-16", date))
    _refused(run, config, f"{config}:3: meeting.date: {message}")
    assert refusal({"meeting": {"name": "会", "date": date}}, ("meeting", "date")) == message  # `drafter new`


@pytest.mark.parametrize(("value", "shown"), [('"全市\\0会议"', "U+0000"), ('"全市\\x1b[31m会议"', "U+001B"),
                                              ('"全市\\n会议"', "U+000A"), ('"全市\\u202e会议"', "U+202E")])
def test_control_characters_in_a_value(run, write_config, value, shown):
    config = write_config(MINIMAL.replace("speaker:", f"  superior_meeting: {value}\nspeaker:"))
    _refused(run, config, f"{config}:4: meeting.superior_meeting: 含有不可见的控制字符 {shown}（第 3 个字符处），"
                          "请删去后重写这一项")


@pytest.mark.parametrize(("value", "message"), [
    (".nan", "应为数字，收到 nan"), (".inf", "应为数字，收到 inf"), ("-.inf", "应为数字，收到 -inf"),
    ("1e308", "数值过大（绝对值上限 1 万亿），收到 “1e308”"), ("nan", "应为数字，收到 “nan”"),
    ("1" + "0" * 400, "数值过大（绝对值上限 1 万亿），收到 10000000000000000000"),
])
def test_targets_must_be_finite_and_sane(run, write_config, value, message):
    config = write_config(MINIMAL + f"targets:\n  - {{name: 新签约项目, value: {value}, unit: 个}}\n")
    _refused(run, config, f"{config}:11: targets[0].value: {message}")


def test_a_key_given_twice_names_both_lines(run, write_config):
    config = write_config(MINIMAL + "theme: 作风建设\n")
    _refused(run, config, f"{config}:10: “theme”一项重复（第 9 行和第 10 行），请只保留一处")


def test_deep_nesting(run, write_config):
    config = write_config(MINIMAL + "targets: " + "[" * 5000 + "]" * 5000 + "\n")
    where = f"{config}:10" if yaml.__with_libyaml__ else str(config)  # libyaml stops itself, at the line
    _refused(run, config, f"{where}: 嵌套层数过深（超过 30 层），请检查缩进和括号")
    config = write_config(MINIMAL + "targets: " + "[" * 40 + "]" * 40 + "\n")
    _refused(run, config, f"{config}:10: 嵌套层数过深（超过 30 层），请检查缩进和括号")


def test_a_tag_or_a_complex_key_is_one_line(run, write_config):
    config = write_config(MINIMAL + "seed: !!python/object:os.system ls\n")
    _refused(run, config, f"{config}:10: 不支持 YAML 标签“!!python/object:os.system”；这里只写文字、数字、列表和键值")
    config = write_config(MINIMAL + "? [a, b]\n: 1\n")
    _refused(run, config, f"{config}:10: 键应为普通文字（如 name:），收到列表或映射")


def test_long_lists_are_capped_without_talk_of_aliases(run, write_config):
    config = write_config(MINIMAL + "targets:\n" + "  - {name: 项目, value: 1, unit: 个}\n" * 6_000)
    _refused(run, config, f"{config}:10: targets: 项数太多（最多 50 项，收到 6000 项），请只留要讲的")
    agenda = "  agenda:\n" + "    - 县发展改革局通报了情况\n" * 5_000
    config = write_config(MINIMAL.replace("speaker:", agenda + "speaker:") + "length: 5000\n")
    _refused(run, config, f"{config}:4: meeting.agenda: 项数太多（最多 30 项，收到 5000 项），请只留要讲的")


def test_a_bureau_unit_without_its_government_names_file_and_line(run, write_config):
    config = write_config(MINIMAL.replace("  level: 县", "  level: 部门\n  unit: 商务局"))
    _refused(run, config, f"{config}:9: locality.unit: 看不出“商务局”属于哪一级政府；请写成“县商务局”这样的全称，"
                          "或加上 locality.superior: 县")


def _unreadable(monkeypatch, path: Path) -> None:
    """Opening `path` is refused as for an account without the right to read it (root reads anything)."""
    real = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)


def test_an_unreadable_config_says_why_in_chinese(run, write_config, monkeypatch):
    config = write_config()
    _unreadable(monkeypatch, config)
    _refused(run, config, f"{config}: 无法读取（没有权限）")


# ── user templates ─────────────────────────────────────────────────────────────────────────────────────

def _with_module(write_config, tmp_path, body: str) -> tuple[Path, Path]:
    folder = tmp_path / "mods"
    folder.mkdir(exist_ok=True)
    (folder / "m.yaml").write_text(MODULE.format(body=body), encoding="utf-8")
    config = write_config(MINIMAL + "sections:\n  priorities: [user_module]\n")
    return config, folder


@pytest.mark.parametrize(("body", "message"), [
    ("\"{% include 'x.yaml' %}\"", "模板里不能用 include/import/extends（每个模块自成一体，不引用别的模板）"),
    ("\"{% import 'x' as y %}\"", "模板里不能用 include/import/extends（每个模块自成一体，不引用别的模板）"),
    ("\"{% extends 'x' %}\"", "模板里不能用 include/import/extends（每个模块自成一体，不引用别的模板）"),
    ("\"{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\"",
     "模板运行超时（超过 2 秒），请检查循环是否过大"),
    ("\"{% for i in range(100000) %}{% for j in range(100000) %}字{% endfor %}{% endfor %}\"",
     "模板生成的文字过长（超过 100000 字），请检查循环或重复"),
    ("\"{{ 'a'*10**9 }}\"", "模板生成的文字过长（超过 100000 字），请检查循环或重复"),
    ("\"{{ range(10**8)|list|length }}\"", "模板里的数值过大（100000000），重复或循环的次数最多 1000000"),
    ("\"{{ 'a'|center(1000000000) }}\"", "模板里的数值过大（1000000000），重复或循环的次数最多 1000000"),
    ("\"{{ '{:>1000000000}'.format(1) }}\"", "模板里的数值过大（1000000000），重复或循环的次数最多 1000000"),
    ("\"{{ '%1000000000d' % 1 }}\"", "模板里的数值过大（1000000000），重复或循环的次数最多 1000000"),
    ("\"{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(1) }}\"", "模板里的宏或循环递归过深"),
    ("\"{% set s = 'x'*100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}\"",
     "模板运行超时（超过 2 秒），请检查循环是否过大"),
    ("\"{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}\"",
     "模板生成的文字过长（超过 100000 字），请检查循环或重复"),
    ("\"{{ ('a'*50000).replace('a', 'b'*50000) }}\"", "模板生成的文字过长（超过 100000 字），请检查循环或重复"),
    ("\"{{ (['a']*50000)|join('b'*50000) }}\"", "模板生成的文字过长（超过 100000 字），请检查循环或重复"),
    ("\"{{ lipsum(100000) }}\"", "模板用了不存在的占位：“lipsum”"),
    ("\"{{ 1/0 }}\"", "模板运行出错：除以零（ZeroDivisionError）"),
    ("\"{{ ''.__class__.__mro__ }}\"", "模板访问了不允许的属性或函数（__class__），模块里只用占位、循环和判断"),
    ("\"{% for %}\"", "模板写法有误：{{ }} 或 {% %} 里缺少内容"),
    ("\"{% include_raw x %}\"", "模板写法有误：不认识的标签“include_raw”（能用的有 if、for、set、macro）"),
    ("\"{% if 1 %}要抓好\"", "模板写法有误：模板意外结束：{% if %}、{% for %} 等缺少对应的 {% endif %}、{% endfor %}"),
    ("\"{{ 'a' }\"", "模板写法有误：这里多了“}”"),
    ("\"{{ x|nofilter }}\"", "模板写法有误：不认识的过滤器“|nofilter”"),
])
def test_user_templates_run_within_a_budget(run, write_config, tmp_path, monkeypatch, body, message):
    # a short budget where the clock is what stops the template; a long one elsewhere, so that a loaded
    # machine cannot turn "too long" or "too big" into "too slow"
    monkeypatch.setattr("drafter.compose.render.SECONDS", 0.3 if "超时" in message else 30.0)
    message = message.replace("超过 2 秒", "超过 0.3 秒")
    config, folder = _with_module(write_config, tmp_path, body)
    _refused(run, config, f"{folder / 'm.yaml'}: {message}", "--templates", folder)


def test_a_template_within_budget_renders(run, write_config, tmp_path):
    config, folder = _with_module(write_config, tmp_path, "\"要抓好{% for i in range(3) %}{{ i ~ '号' }}{% endfor %}"
                                                          "{{ 'ab'*2 }}{{ '%03d'|format(7) }}项工作。\"")
    result = run("render", config, "--templates", folder, "-o", tmp_path / "d.txt")
    assert result.exit_code == 0, result.output
    assert "要抓好0号1号2号abab007项工作。" in (tmp_path / "d.txt").read_text(encoding="utf-8")


def test_the_template_folder_is_scanned_safely(run, write_config, tmp_path):
    config, folder = _with_module(write_config, tmp_path, "要抓好本单位工作。")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "outside.yaml").symlink_to("/etc/hostname")
    (folder / "loop").symlink_to(folder)
    (folder / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run("render", config, "--templates", folder, "-o", tmp_path / "d.txt")
    assert result.exit_code == 0, result.output
    assert "要抓好本单位工作。" in (tmp_path / "d.txt").read_text(encoding="utf-8")


def test_template_folder_problems_are_named(run, write_config, tmp_path):
    config = write_config()
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    for target, message in [
        (tmp_path / "nowhere", "模板文件夹不存在"),
        (config, "这是一个文件，不是模板文件夹（应给出放模块 .yaml 文件的文件夹）"),
        (loop, "模板文件夹的路径里有循环的符号链接，请给出真实的文件夹"),
    ]:
        _refused(run, config, f"--templates {target}: {message}", "--templates", target)
    crowded = tmp_path / "crowded"
    crowded.mkdir()
    for i in range(5001):
        (crowded / f"{i}.txt").touch()
    _refused(run, config, f"--templates {crowded}: 模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹",
             "--templates", crowded)
    config = write_config(MINIMAL + "templates_dir: crowded\n")  # the folder as a whole: at the config's line
    _refused(run, config, f"{config}:10: templates_dir: “crowded”：模板文件夹里的文件太多（超过 5000 项），"
                          "请指向只放模块文件的文件夹（相对于配置文件所在的文件夹）")
    config = write_config(MINIMAL + "templates_dir: c.yaml\n")
    _refused(run, config, f"{config}:10: templates_dir: “c.yaml”：这是一个文件，不是模板文件夹（应给出放模块 .yaml 文件的文件夹）"
                          "（相对于配置文件所在的文件夹）")


def test_module_files_are_bounded(run, write_config, tmp_path):
    config, folder = _with_module(write_config, tmp_path, "要抓好本单位工作。")
    big = folder / "big.yaml"
    big.write_bytes(b"id: x\n# " + b"x" * 1_100_000 + b"\n")
    _refused(run, config, f"{big}: 模块文件过大（1.1 MB），上限为 1000 KB", "--templates", folder)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True))
    big.write_text(bomb, encoding="utf-8")
    _refused(run, config, f"{big}: YAML 别名（&/*）展开后过大，拒绝读取；模块文件里不需要使用别名", "--templates", folder)
    big.unlink()
    sub = folder / "sub"
    sub.mkdir()
    (sub / "bad.yaml").write_text(MODULE.format(body="x").replace("priorities", "nowhere"), encoding="utf-8")
    _refused(run, config, f"{sub / 'bad.yaml'}: section: section 应为 awareness/priorities/implementation 之一，"
                          "收到 “nowhere”", "--templates", folder)


# ── drafts, .docx and the corpus ───────────────────────────────────────────────────────────────────────

@pytest.fixture
def docx(run, write_config, tmp_path) -> Path:
    path = tmp_path / "draft.docx"
    assert run("render", write_config(), "-o", path).exit_code == 0
    return path


def _repack(source: Path, target: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            new.writestr(name, data if name == part else old.read(name))
        if part not in old.namelist():
            new.writestr(part, data)
    return target


def _check_refused(run, path: Path, message: str) -> None:
    result = run("check", path)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"{path}: {message}"


def test_docx_bombs_are_refused_before_parsing(run, docx, tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNZIPPED", 2_000_000)  # small but representative: the check is the same
    bomb = _repack(docx, tmp_path / "bomb.docx", "word/media/pad.xml", b" " * 3_000_000)
    assert bomb.stat().st_size < 100_000
    _check_refused(run, bomb, "Word 文档解压后过大（超过 2 MB），疑为损坏或恶意文件，拒绝读取")
    xml = zipfile.ZipFile(docx).read("word/document.xml")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
              + xml.split(b"?>", 1)[1])
    entity = _repack(docx, tmp_path / "entity.docx", "word/document.xml", laughs)
    _check_refused(run, entity, "Word 文档含 XML 实体声明（<!DOCTYPE/<!ENTITY），正常的 .docx 没有，拒绝读取")
    broken = _repack(docx, tmp_path / "broken.docx", "word/document.xml", xml[:-300])
    _check_refused(run, broken, "不是可读的 Word 文档（.docx）")
    result = run("render", tmp_path / "c.yaml", "-o", tmp_path / "x.docx", "--reference-doc", entity)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{entity}: Word 文档含 XML 实体声明（<!DOCTYPE/<!ENTITY），正常的 .docx 没有，拒绝读取"
    result = run("render", tmp_path / "c.yaml", "-o", tmp_path / "x.docx", "--reference-doc", broken)
    assert result.stderr.strip() == f"{broken}: 不是可用的 Word 文档（.docx），无法作为参考样式"


def test_drafts_that_are_not_speeches(run, tmp_path):
    folder = tmp_path / "稿子.txt"
    folder.mkdir()
    _check_refused(run, folder, "这是一个文件夹，不是讲话稿文件（可读 .docx、.md、.txt）")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    _check_refused(run, binary, "不是文本文件（含二进制内容），请提供 UTF-8 编码的讲话稿（.txt/.md）")
    line = tmp_path / "line.txt"
    line.write_text("字" * 100_001, encoding="utf-8")
    _check_refused(run, line, "第 1 段过长（100001 字），一段的上限为 100000 字；请检查文件是否缺少换行")
    lines = tmp_path / "lines.txt"
    lines.write_text("短句。\n" * 50_001, encoding="utf-8")
    _check_refused(run, lines, "段落过多（超过 50000 段），请只给出讲话稿本身")
    archive = tmp_path / "archive.txt"
    archive.write_text(("一段讲话。" * 20 + "\n") * 1001, encoding="utf-8")
    _check_refused(run, archive, "篇幅过长（100100 字）；check 一次检查一篇讲话稿，上限 100000 字")


def test_a_big_text_file_is_refused_by_its_size(run, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(readers.MAX_BYTES + 1)  # sparse: no time spent writing it
    _check_refused(run, big, "文件过大（20.0 MB），上限为 20 MB")


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old.txt").write_text("我们要坚持把企业满意作为衡量工作成效的根本标准，一件一件解决企业反映的难题。\n",
                                    encoding="utf-8")
    return corpus


def _shared(index: CorpusIndex) -> list[str]:
    return [r.text for r in index.shared_runs("今天强调，我们要坚持把企业满意作为衡量工作成效的根本标准，一件一件解决企业反映的难题。")]


def test_a_corrupt_or_foreign_index_is_rebuilt(tmp_path):
    corpus = _corpus(tmp_path)
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    assert _shared(CorpusIndex(corpus, path)) == ["我们要坚持把企业满意作为衡量工作成效的根本标准，一件一件解决企业反映的难题。"]
    import sqlite3

    path.unlink()
    db = sqlite3.connect(path)
    db.execute("create table files (a, b)")
    db.commit()
    db.close()
    assert len(_shared(CorpusIndex(corpus, path))) == 1


def test_no_cache_folder_means_an_index_in_memory(tmp_path):
    corpus = _corpus(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert len(_shared(CorpusIndex(corpus, blocker / "sub" / "index.sqlite"))) == 1
    assert blocker.read_text() == "x"


def test_two_checks_at_once_on_a_fresh_corpus(tmp_path):
    corpus = _corpus(tmp_path)
    for i in range(30):
        (corpus / f"more{i}.txt").write_text(f"第{i}篇：" + "各项工作稳步推进，成效明显。" * 50, encoding="utf-8")
    path = tmp_path / "index.sqlite"
    results: list[object] = []
    start = threading.Barrier(2)

    def check() -> None:
        start.wait()
        try:
            results.append(len(_shared(CorpusIndex(corpus, path))))
        except Exception as exc:  # noqa: BLE001 — the test reports what went wrong
            results.append(exc)

    threads = [threading.Thread(target=check) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [1, 1]


def test_system_folders_keep_their_index_in_the_cache(tmp_path):
    assert default_index_path(Path("/etc")).parent != Path("/etc")
    assert default_index_path(Path("/")).parent != Path("/")
    assert default_index_path(tmp_path) == tmp_path / ".drafter-index.sqlite"


@pytest.mark.parametrize(("extra", "message"), [
    ("minutes: .nan", "10: minutes: 应为数字，收到“nan”"),
    ("minutes: -.inf", "10: minutes: 应为数字，收到“-inf”"),
    ("page_numbers: left", "10: page_numbers: 应为 outside/center 之一，收到“left”"),
    ("sections: {priorities: [" + ", ".join(["x"] * 400) + "]}",
     "10: sections.priorities: 项数太多（最多 20 项，收到 400 项），请只留要讲的"),
])
def test_more_values_refused_in_plain_words(run, write_config, extra, message):
    config = write_config(MINIMAL + extra + "\n")
    _refused(run, config, f"{config}:{message}")


def test_a_file_where_a_folder_belongs_is_named_as_such(run, write_config, tmp_path):
    config = write_config()
    result = run("render", config, "-o", config / "d.docx")
    assert result.stderr.strip() == f"{config / 'd.docx'}: “{config}”不是文件夹，请换一个位置"
    result = run("render", config, "-o", tmp_path / "d.docx", "--reference-doc", tmp_path)
    assert result.stderr.strip() == f"{tmp_path}: 这是一个文件夹，请给出 .docx 参考样式文档"
    result = run("check", config, "--corpus", config)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{config}: 不是文件夹（应给出放往年讲话稿的文件夹）"


@pytest.mark.parametrize(("text", "message"), [
    ("a: b: c\n", "1: YAML 格式错误：这里不能出现“键: 值”（上一行是否缺了冒号？值里有冒号时，请给整个值加引号）"),
    ("a: 'open\n", "2: YAML 格式错误：引号没有成对，文件就结束了"),
    ("\ta: 1\n", "1: YAML 格式错误：出现了不能放在开头的字符（如 Tab 缩进、@、`；请用空格缩进，或给值加引号）"),
    ("a:\n  - 1\n b: 2\n", "3: YAML 格式错误：缩进没有对齐（同一层的键要左对齐）"),
])
def test_yaml_mistakes_are_explained_in_chinese(run, write_config, text, message):
    config = write_config(text)
    _refused(run, config, f"{config}:{message}")


def test_what_click_would_refuse_in_its_own_words_is_refused_in_drafter_s(run, write_config, monkeypatch):
    """A file the account may not read: click's "CONFIG：路径…没有读取权限" never speaks first."""
    config = write_config()
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False)
    _unreadable(monkeypatch, config)
    for command in ("render", "outline"):
        result = run(command, config)
        assert result.exit_code == 2
        assert result.stderr.strip() == f"{config}: 无法读取（没有权限）"


def test_a_pipe_as_reference_doc_or_speech_is_named_as_such(run, write_config, tmp_path):
    fifo = tmp_path / "ref.docx"
    os.mkfifo(fifo)
    result = run("render", write_config(), "-o", tmp_path / "x.docx", "--reference-doc", fifo)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{fifo}: 不是普通文件（设备或管道），请给出 .docx 参考样式文档"
    result = run("mine", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr.strip() == "/dev/zero: 不是普通文件（设备或管道），请给出讲话稿文件"


def test_mine_refuses_an_archive_too_big_to_analyse_in_seconds(run, tmp_path, monkeypatch):
    monkeypatch.setattr("drafter.app.MAX_MINE_CHARS", 300)  # the real cap is 1,000,000: the same check, smaller
    speech = "在全县工作会议上的讲话\n同志们：\n" + "各项工作稳步推进，成效明显。\n" * 10
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text(speech, encoding="utf-8")
    second.write_text(speech, encoding="utf-8")
    result = run("mine", first, second)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"{second}（连同前面 1 个文件）: 篇幅过长（310 字）；mine 一次最多分析 300 字"
                                     "（约 1 篇讲话稿），请分批分析")


def test_check_reads_date_and_length_as_the_config_does(run, docx):
    result = run("check", docx, "--date", "1900-01-01")
    assert result.exit_code == 2
    assert result.stderr.strip() == "--date 1900-01-01: 年份应在 1949–2100 之间，收到 “1900-01-01”"
    result = run("check", docx, "--date", "2026年3月16日")
    assert result.exit_code == 0, result.output
    result = run("check", docx, "--length", "-5")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("--length：应在 1000 到 20000 之间，收到 -5")


def test_a_subfolder_that_vanishes_while_scanned_is_passed_over(run, write_config, tmp_path, monkeypatch):
    config, folder = _with_module(write_config, tmp_path, "要抓好本单位工作。")
    gone = folder / "gone"
    gone.mkdir()
    real = os.scandir

    def scandir(path):
        if Path(path) == gone:  # as /proc/<pid> of a process that just ended
            raise FileNotFoundError(2, "No such file or directory")
        return real(path)

    monkeypatch.setattr("drafter.catalog.os.scandir", scandir)
    result = run("render", config, "--templates", folder, "-o", tmp_path / "d.txt")
    assert result.exit_code == 0, result.output


# ── the last weak refusals of issue 13 ────────────────────────────────────────────────────────────────

def test_a_merge_key_is_refused_at_its_line(run, write_config):
    config = write_config(MINIMAL + "departments:\n  <<: {lead: 县发改局}\n  supervisor: 县委督查室\n")
    _refused(run, config, f"{config}:11: 不支持 YAML 合并键“<<”；请把要用的键逐项写出")
    config = write_config(MINIMAL + "x: &d {lead: 县发改局}\ndepartments:\n  <<: *d\n")
    _refused(run, config, f"{config}:12: 不支持 YAML 合并键“<<”；请把要用的键逐项写出")


@pytest.mark.parametrize(("value", "shown"), [
    ("1000000000000000000000000000000", "10000000000000000000…（31 位）"),
    ("-1", "-1"),
    ("1000000000", "1000000000"),
    ("true", "true"),
])
def test_a_seed_out_of_range_is_refused(run, write_config, value, shown):
    config = write_config(MINIMAL + f"seed: {value}\n")
    _refused(run, config, f"{config}:10: seed: 应为 0 到 999999999 之间的整数（换一个数字换一套措辞），收到 {shown}")


def test_a_seed_flag_out_of_range_is_refused(run, write_config, tmp_path):
    config = write_config()
    for command in ("render", "outline"):
        result = run(command, config, "--seed", "1" + "0" * 30)
        assert result.exit_code == 2
        assert result.stderr.strip() == (f"--seed：应在 0 到 999999999 之间，收到 1{'0' * 30}"
                                         f"（drafter {command} -h 查看用法）")
    result = run("render", write_config(MINIMAL + "seed: 999999999\n"), "-o", tmp_path / "d.txt")
    assert result.exit_code == 0, result.output


def test_a_system_folder_as_templates_dir_is_refused_at_its_line(run, write_config):
    config = write_config(MINIMAL + "templates_dir: /\n")
    _refused(run, config, f"{config}:10: templates_dir: “/”：模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹")
    config = write_config(MINIMAL + "templates_dir: /proc\n")  # its unreadable corners come after its size
    _refused(run, config, f"{config}:10: templates_dir: “/proc”：模板文件夹里的文件太多（超过 5000 项），"
                          "请指向只放模块文件的文件夹")


def test_an_unreadable_subfolder_of_templates_is_named(run, write_config, tmp_path, monkeypatch):
    config, folder = _with_module(write_config, tmp_path, "要抓好本单位工作。")
    locked = folder / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr("drafter.catalog.os.scandir", scandir)
    _refused(run, config, f"{locked}: 无法读取模板文件夹（没有权限）", "--templates", folder)


def test_mine_names_an_unreadable_speech_or_folder_in_chinese(run, tmp_path, monkeypatch):
    speech = tmp_path / "old.txt"
    speech.write_text("在全县工作会议上的讲话\n同志们：\n今天召开会议。\n", encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False)  # click's own check would speak first
    _unreadable(monkeypatch, speech)
    result = run("mine", speech)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{speech}: 无法读取（没有权限）"
    locked = tmp_path / "archive" / "2025"
    locked.mkdir(parents=True)
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("mine", tmp_path / "archive")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{locked}: 无法读取这个文件夹（没有权限）"


def test_mine_cannot_enter_the_output_folder(run, tmp_path, monkeypatch):
    speech = tmp_path / "old.txt"
    speech.write_text("在全县工作会议上的讲话\n同志们：\n今天召开会议。\n", encoding="utf-8")
    locked = tmp_path / "locked"
    real = Path.stat

    def stat(self, *args, **kwargs):
        if self.parent == locked:
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    for flag in (["--emit-modules", locked / "mm"], ["--emit-theme", "本县档案", locked / "mm"]):
        result = run("mine", speech, *flag)
        assert result.exit_code == 2
        assert result.stderr.strip() == f"{locked / 'mm'}: 无法使用这个文件夹（没有权限）"


@pytest.mark.parametrize(("value", "shown"), [("临\\u200b川", "U+200B"), ("临\\u00ad川", "U+00AD"), ("临\\ufeff川", "U+FEFF")])
def test_invisible_characters_inside_a_name_are_refused(run, write_config, value, shown):
    config = write_config(MINIMAL.replace("name: 临川", f'name: "{value}"'))
    _refused(run, config, f"{config}:7: locality.name: 含有不可见的控制字符 {shown}（第 2 个字符处），请删去后重写这一项")


def test_a_superior_level_out_of_range_is_named_at_its_own_line(run, write_config):
    config = write_config(MINIMAL.replace("  level: 县\n", "  level: 县\n  superior: 国\n"))
    _refused(run, config, f"{config}:9: locality.superior: 应为 省/市/县/区 之一，收到 “国”")


def test_a_provincial_title_is_not_told_to_take_a_level_drafter_has_not(run, write_config):
    config = write_config(MINIMAL.replace("title: 县委书记", "title: 省长"))
    _refused(run, config, f"{config}:5: speaker.title: “省长”是省级职务，drafter 只起草市、县、区、镇和部门的讲话，没有省级；"
                          "请改 speaker.title（如 县委书记）")


def test_the_reference_doc_is_never_overwritten_by_the_draft(run, write_config, tmp_path):
    config = write_config()
    reference = tmp_path / "本单位模板.docx"
    assert run("render", config, "-o", reference).exit_code == 0
    before = reference.read_bytes()
    result = run("render", config, "-o", reference, "--reference-doc", reference, "--force")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{reference}: 这是参考样式文档（--reference-doc）本身，不能用讲话稿覆盖它；请换一个输出文件名"
    assert reference.read_bytes() == before


def test_mine_refuses_a_folder_of_too_many_files_before_reading_them(run, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(1001):
        (archive / f"{i}.txt").write_text("同志们：今天开会。\n", encoding="utf-8")
    result = run("mine", archive)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{archive}: 讲话稿文件太多（1001 个）；mine 一次最多分析 1000 个文件，请分批分析"


@pytest.mark.parametrize("name", ["讲话.pdf", "讲话.doc", "讲话.WPS"])
def test_a_draft_is_never_written_under_another_documents_suffix(run, write_config, tmp_path, name):
    config = write_config()
    result = run("render", config, "-o", tmp_path / name)
    assert result.exit_code == 2
    suffix = name.split(".")[1].lower()
    assert result.stderr.strip() == (f"{tmp_path / name}: 不能写成 .{suffix} 文件；输出可为 .docx、.md、.txt"
                                     "（Word 里可另存为其他格式）")
    assert not (tmp_path / name).exists()


def test_every_command_names_the_templates_option_for_a_folder_refused_as_a_whole(run, write_config, tmp_path):
    crowded = tmp_path / "crowded"
    crowded.mkdir()
    for i in range(5001):
        (crowded / f"{i}.txt").touch()
    message = f"--templates {crowded}: 模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹"
    for args in (["modules", "--templates", crowded], ["modules", "--templates", crowded, "show", "x"],
                 ["outline", write_config(), "--templates", crowded]):
        result = run(*args)
        assert result.exit_code == 2 and result.stderr.strip() == message, args


def test_serve_refuses_a_templates_folder_before_it_starts(run, write_config, tmp_path):
    config = write_config()
    crowded = tmp_path / "crowded"
    crowded.mkdir()
    for i in range(5001):
        (crowded / f"{i}.txt").touch()
    for folder, message in ((config, "这是一个文件，不是模板文件夹（应给出放模块 .yaml 文件的文件夹）"),
                            (crowded, "模板文件夹里的文件太多（超过 5000 项），请指向只放模块文件的文件夹")):
        result = run("serve", "--templates", folder, "--no-browser")
        assert result.exit_code == 2 and result.stderr.strip() == f"--templates {folder}: {message}"


def test_a_whole_disk_as_the_corpus_is_refused_by_its_size(run, tmp_path, monkeypatch):
    """`check --corpus /` walked every folder of the machine and ended in an internal error at /proc; a corpus with
    more files or folders than any archive is refused, and /proc, /sys, /dev are never walked."""
    from drafter import overlap

    draft = tmp_path / "稿.txt"
    draft.write_text("同志们：\n今天召开会议。\n", encoding="utf-8")
    corpus = _corpus(tmp_path)
    for n in range(4):
        (corpus / f"{n}.txt").write_text("往年讲话。\n", encoding="utf-8")
        (corpus / f"sub{n}").mkdir()
    monkeypatch.setattr(overlap, "MAX_CORPUS_FILES", 3)
    result = run("check", draft, "--corpus", corpus)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (f"{corpus}: 语料文件夹太大（超过 3 篇），不像一个单位的讲话稿档案；"
                                              "请用 --corpus 给出放往年讲话稿的文件夹")
    monkeypatch.setattr(overlap, "MAX_CORPUS_FILES", 100)
    monkeypatch.setattr(overlap, "MAX_CORPUS_FOLDERS", 2)
    assert "语料文件夹太大（超过 2 个文件夹）" in run("check", draft, "--corpus", corpus).output
    # a pseudo-filesystem folder (/proc, /sys …) is never entered: here one of the corpus's own stands for it
    monkeypatch.setattr(overlap, "MAX_CORPUS_FOLDERS", 100)
    (corpus / "sub0" / "里面.txt").write_text("往年讲话。\n", encoding="utf-8")
    assert corpus / "sub0" / "里面.txt" in overlap.corpus_files(corpus)
    monkeypatch.setattr(overlap, "_PSEUDO", (*overlap._PSEUDO, str(corpus / "sub0")))
    assert corpus / "sub0" / "里面.txt" not in overlap.corpus_files(corpus)


def test_an_unreadable_folder_in_the_corpus_is_named(run, tmp_path, monkeypatch):
    """A subfolder that cannot be read (as root everything can: the refusal is simulated) is named in Chinese."""
    draft = tmp_path / "稿.txt"
    draft.write_text("同志们：\n今天召开会议。\n", encoding="utf-8")
    corpus = _corpus(tmp_path)
    (corpus / "锁住的").mkdir()
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("锁住的"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("check", draft, "--corpus", corpus)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (f"{corpus / '锁住的'}: 语料里的这个文件夹无法读取（没有权限）；"
                                              "请把它移出语料文件夹，或用 --corpus 给出只放往年讲话稿的文件夹")


def test_a_corpus_file_refused_midway_leaves_the_index_unlocked(tmp_path):
    """An unreadable file found while indexing is refused, and the index's write lock is let go at once: a server's
    next check must not wait a minute for a lock its failed one still held."""
    import sqlite3

    from drafter.errors import DrafterError

    corpus = _corpus(tmp_path)
    (corpus / "坏.txt").write_bytes(b"\xff\xfe\x00\xd8" * 50)
    path = tmp_path / "index.sqlite"
    with pytest.raises(DrafterError, match="坏.txt"):
        CorpusIndex(corpus, path)
    other = sqlite3.connect(path, timeout=0)
    other.execute("begin immediate")  # raises "database is locked" if the failed update still held it
    other.rollback()
    other.close()
    (corpus / "坏.txt").unlink()
    assert len(_shared(CorpusIndex(corpus, path))) == 1
