"""The `drafter` command line: each command maps its options onto one drafter.app call and prints."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from drafter import app, cli_zh
from drafter.catalog import ALL_LEVELS, SECTION_NAMES, SECTIONS, load_catalog
from drafter.config.model import MAX_SEED
from drafter.errors import DrafterError

cli_zh.install()
SECTION_CHOICE = cli_zh.ChoiceOf({s: SECTION_NAMES[s] for s in SECTIONS}, "部分")
LEVEL_CHOICE = cli_zh.ChoiceOf({level: level for level in ALL_LEVELS}, "层级")


def check_rules() -> tuple[str, ...]:
    from drafter.check import RULE_IDS

    return RULE_IDS


class RulesHelpOption(click.Option):
    """--ignore's help lists the rules, read from drafter.check only when help is shown (importing check, with
    its corpus index and reader, would slow every other command's start)."""

    @property
    def help(self) -> str:
        return "关闭某条规则（可多次）：" + " / ".join(check_rules())

    @help.setter
    def help(self, _value: str | None) -> None:
        pass


class DrafterGroup(cli_zh.ChineseGroup):
    """Prints DrafterError messages as plain lines (exit 2 for input problems), never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            click.echo(cli_zh.usage_line(exc), err=True)
            sys.exit(exc.exit_code)
        except DrafterError as exc:
            click.echo(str(exc), err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("已取消。", err=True)
            sys.exit(130)
        except BrokenPipeError:  # the reader (head, a pager) went away: nothing left to say
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 — the last guard: a plain line instead of a traceback
            click.echo(f"drafter 内部错误：{type(exc).__name__}: {exc}（请把配置文件和这行信息反馈给维护者）", err=True)
            sys.exit(1)


@click.group("drafter", cls=DrafterGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafter")
def main() -> None:
    """drafter 讲话稿起草器：由 YAML 配置生成公文版式的领导讲话稿（离线运行）。"""


@main.command()
@click.argument("config", type=click.Path(path_type=Path, readable=False))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, readable=False), help="输出文件（默认：会议名称.docx，放在配置文件旁）")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "txt"]), help="输出格式（默认按文件后缀，否则 docx）")
@click.option("--seed", type=cli_zh.Range(0, MAX_SEED), help="变体种子：同一种子生成同一篇稿子（覆盖配置里的 seed）")
@click.option("--variants", type=cli_zh.Range(1, 20), default=1, show_default=True, help="一次生成 N 篇不同种子的稿子")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
@click.option("--reference-doc", type=click.Path(path_type=Path, readable=False), help="用本单位的 Word 模板提供样式")
@click.option("--templates", type=click.Path(path_type=Path, readable=False), help="本单位的模块文件夹（覆盖或新增模块）")
def render(config: Path, out: Path | None, fmt: str | None, seed: int | None, variants: int, force: bool,
           reference_doc: Path | None, templates: Path | None) -> None:
    """由配置文件 CONFIG（.yaml）生成讲话稿。"""
    loaded = app.load(config, templates)
    paths = app.render_files(loaded, out, fmt, seed=seed, variants=variants, force=force, reference=reference_doc)
    if loaded.request.theme.archive is not None:  # the clerk is told where the words come from
        click.echo(f"提示：{loaded.request.theme.archive.notice}", err=True)
    if reference_doc is not None and all(p.suffix == ".docx" for p in paths):
        from drafter.writers.docx import reference_notes

        for note in reference_notes(reference_doc):
            click.echo(note)
    for path in paths:
        click.echo(f"已生成：{path}")


@main.command()
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, readable=False),
              help="配置文件保存到哪里（默认：会议名称.yaml，放在当前文件夹）；讲话稿 .docx 放在它旁边")
@click.option("--templates", type=click.Path(path_type=Path),
              help="本单位模板文件夹：连同其中的主题（drafter mine --emit-theme 生成的）和模块一起供选择")
def new(out: Path | None, templates: Path | None) -> None:
    """交互式起草：回答问题、勾选模块、预览提纲，生成配置文件和 Word 讲话稿。"""
    from drafter import interactive  # prompt_toolkit is slow to import; only this command needs it

    paths = interactive.run_new(out, templates)
    if not paths:
        click.echo("已放弃，没有写入任何文件。")
        return
    for path in paths:
        click.echo(f"已生成：{path}")
    quoted = [f'"{p}"' if any(ch.isspace() for ch in str(p)) else str(p) for p in paths]
    click.echo(f"改了配置后重新生成：drafter render {quoted[0]} -o {quoted[1]} --force")


@main.command()
@click.argument("config", type=click.Path(path_type=Path, readable=False))
@click.option("--seed", type=cli_zh.Range(0, MAX_SEED), help="变体种子（覆盖配置里的 seed）")
@click.option("--templates", type=click.Path(path_type=Path, readable=False), help="本单位的模块文件夹")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
def outline(config: Path, seed: int | None, templates: Path | None, as_json: bool) -> None:
    """显示配置文件 CONFIG 所生成讲话稿的提纲：各级标题、所用模块、各部分字数和讲话时长。"""
    data = app.outline(app.load(config, templates), seed)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(data["title"])
    click.echo(f"{data['speaker']}{data['date']}")
    click.echo(f"宣布：{data['announced_count']} 点意见；实有 {len(data['sections'])} 个部分")
    click.echo(f"开场  {data['opening']['chars']} 字  {data['opening']['minutes']} 分钟")
    for section in data["sections"]:
        click.echo(f"{section['heading']}  [{section['category_name']}]  {section['chars']} 字  "
                   f"{section['minutes']} 分钟")
        for point in section["points"]:
            click.echo(f"    {point['heading']}  ← {point['title']}（{point['module']}）{point['chars']} 字")
    click.echo(f"结尾  {data['closing']['chars']} 字  {data['closing']['minutes']} 分钟")
    deviation = (data["chars"] - data["target"]) / data["target"] * 100
    click.echo(f"合计  {data['chars']} 字，约 {data['minutes']} 分钟（目标 {data['target']} 字，偏差 {deviation:+.0f}%）")


@main.group(invoke_without_command=True)
@click.option("--section", type=SECTION_CHOICE, help="只看某一部分（也可写 awareness/priorities/implementation）")
@click.option("--theme", help="只看某一主题的模块")
@click.option("--templates", type=click.Path(path_type=Path, readable=False), help="连同本单位的模块文件夹一起列出")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.pass_context
def modules(ctx: click.Context, section: str | None, theme: str | None, templates: Path | None,
            as_json: bool) -> None:
    """列出模块库；drafter modules show ID 预览一个模块。"""
    ctx.obj = {"templates": templates}
    if ctx.invoked_subcommand:
        return
    rows = app.module_rows(app.templates_catalog(templates), section, theme)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    current = None
    title_width = max((cli_zh.display_width(row["title"]) for row in rows), default=0)
    id_width = max((len(row["id"]) for row in rows), default=0)
    for row in rows:
        if row["section"] != current:
            current = row["section"]
            click.echo(f"\n【{SECTION_NAMES[current]}】{current}")
        levels = "" if len(row["levels"]) == 5 else f"（仅 {'/'.join(row['levels'])}）"
        click.echo(f"  {cli_zh.pad(row['title'], title_width)}  {row['id']:<{id_width}}  {row['description']}{levels}")


@modules.command("show")
@click.argument("module_id")
@click.option("--level", type=LEVEL_CHOICE, help="用哪一级的示例值预览 [默认：县，模块不用于县级时取它的第一级]")
@click.option("--theme", help="按哪个主题的措辞预览（默认：模块的第一个主题）")
@click.pass_context
def modules_show(ctx: click.Context, module_id: str, level: str | None, theme: str | None) -> None:
    """用示例值预览一个模块：各种标题写法、每个正文变体和扩展段落。"""
    data = app.preview_module(app.templates_catalog(ctx.obj["templates"]), module_id, level, theme)
    click.echo(f"{data['title']}（{data['id']}）· {data['section_name']} · 主题：{'、'.join(data['themes'])}")
    click.echo(data["description"])
    click.echo(f"\n示例：{data['level']}级 · {data['theme']}\n标题写法：")
    for style, heading in data["rendered_headings"].items():
        click.echo(f"  〔{data['heading_style_names'][style]}〕{heading}")
    for i, paragraphs in enumerate(data["variants"], 1):
        click.echo(f"\n正文变体 {i}：")
        for text in paragraphs:
            click.echo(f"  {text}")
    if data["extras"]:
        click.echo("\n扩展段落（篇幅需要时加入）：")
        for text in data["extras"]:
            click.echo(f"  {text}")


@main.command()
@click.argument("query", nargs=-1)
@click.option("--tag", help="功能标签：立论/过渡/要求/号召/警示")
@click.option("--theme", help="只看某一主题（含通用条目）")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
def phrases(query: tuple[str, ...], tag: str | None, theme: str | None, as_json: bool) -> None:
    """检索短语库：QUERY 可写几个词（用空格分开），须同时出现；〔我县〕这类标记在讲话稿里会换成本级的说法。"""
    rows = app.search_phrases(load_catalog(), query, tag, theme)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        scope = "、".join(row["themes"]) or "通用"
        click.echo(f"[{row['tag']}·{scope}] {row['sample']}")
    click.echo(f"共 {len(rows)} 条")


@main.command()
@click.argument("draft", type=click.Path(path_type=Path, readable=False), required=False)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.option("--corpus", type=click.Path(path_type=Path, readable=False), help="查重语料文件夹（默认：随附的种子语料）")
@click.option("--ignore", multiple=True, cls=RulesHelpOption)
@click.option("--length", type=cli_zh.Range(1000, 20000), help="目标字数：超出 ±15% 时报告")
@click.option("--pace", type=cli_zh.Range(100, 400), default=200, show_default=True, help="语速（字/分钟）")
@click.option("--date", "day", help="讲话日期，如 2026-03-16（默认：读稿子署名下的日期行）")
@click.option("--level", type=click.Choice(["市", "县", "区", "镇", "部门"]), help="讲话的层级（默认：读标题、署名行和“我县”“全县上下”）")
@click.option("--speaker", help="讲话人职务，如 县长（默认：读署名行）")
@click.option("--explain", metavar="RULE", help="说明一条规则查什么（不检查稿子）")
def check(draft: Path | None, as_json: bool, corpus: Path | None, ignore: tuple[str, ...], length: int | None,
          pace: int, day: str | None, level: str | None, speaker: str | None, explain: str | None) -> None:
    """检查讲话稿（.docx/.md/.txt）：占位符、序号、宣布数、称谓、标点、重复、查重、篇幅，以及时代用语、层级、身份、时间、议程、前后一致。"""
    if explain:
        click.echo(app.explain_rule(explain))
        return
    if draft is None:
        raise DrafterError("请给出要检查的讲话稿文件（.docx、.md 或 .txt），或用 --explain RULE 查看规则说明")
    report = app.check(draft, corpus=corpus, ignore=ignore, length=length, pace=pace, date=day, level=level,
                       speaker=speaker)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for f in report.findings:
            click.echo(f"{report.file}:{f.paragraph}: [{f.rule}] {f.message}：“{f.quote}”")
        verdict = f"{len(report.findings)} 处问题" if report.findings else "未发现问题"
        click.echo(f"{report.file}: {report.chars} 字，约 {report.minutes} 分钟；{verdict}")
    sys.exit(1 if report.findings else 0)


@main.command()
@click.argument("speeches", nargs=-1, type=click.Path(path_type=Path, readable=False), metavar="讲话稿或文件夹...")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.option("--emit-modules", "emit", type=click.Path(path_type=Path, readable=False), help="把每个要点写成模块文件，放进这个文件夹")
@click.option("--theme", help="生成模块所属的主题（默认按内容判断）")
@click.option("--locality", help="讲话稿里的本地地名（如 临川），生成模块时换成占位")
@click.option("--emit-theme", "emit_theme", nargs=2, type=(str, click.Path(path_type=Path)),
              metavar="名称 文件夹", help="把这些讲话稿做成本单位自己的主题，写进模板文件夹（配置里写 theme: 名称、"
                                       "templates_dir: 文件夹）")
@click.option("--force", is_flag=True, help="覆盖 --emit-modules / --emit-theme 文件夹里已有的同名文件")
def mine(speeches: tuple[Path, ...], as_json: bool, emit: Path | None, theme: str | None,
         locality: str | None, emit_theme: tuple[str, Path] | None, force: bool) -> None:
    """分析本单位的讲话稿（文件或文件夹）：提纲、各部分类别、标题句式、常用套语；可生成模块文件，或生成本单位自己的主题。

    \b
    drafter mine 往年讲话稿/ --emit-theme 本县安全生产 本单位模板
      把文件夹里的讲话稿按部分归类，同类要点合成一个模块（每篇一种写法），
      开场、结尾、各部分标题和导语取自原稿；地名、层级用语、年份和数字换成占位。
      配置里写 theme: 本县安全生产 和 templates_dir: 本单位模板 即可起草。
      稿子注明文字取自档案；drafter check --corpus 往年讲话稿/ 报告沿用之处（--ignore reuse 不报）。
    """
    report = app.mine(list(speeches), emit=emit, theme=theme, locality=locality, force=force, emit_theme=emit_theme)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for n, speech in enumerate(report["speeches"], 1):
        count = speech["announced_count"]
        click.echo(f"【{n}】{speech['title'] or '（无标题）'}  ← {speech['source']}")
        click.echo(f"    宣布：{f'{count} 点' if count else '未宣布'}；识别出 {len(speech['sections'])} 个部分")
        for section in speech["sections"]:
            name = SECTION_NAMES.get(section["category"], "其他")
            formula = f"  句式：{section['formula']}" if section["formula"] else ""
            click.echo(f"    {section['heading'] or '（标题缺失）'}  [{name}]{formula}")
            for point in section["points"]:
                near = f"  ≈ {point['module_title']} {point['confidence']:.2f}" if point["module_title"] else ""
                click.echo(f"        {point['marker']} {point['text'][:36]}{near}")
    if report["phrases"]:
        click.echo("常用套语（两篇以上出现）：" + "、".join(p["phrase"] for p in report["phrases"][:20]))
    for module in report.get("emitted_modules", []):
        click.echo(f"已生成模块：{module['path']}（{module['id']}：{module['title']}）")
    if report.get("emitted_modules") and emit is not None:
        for line in app.mine_usage(emit, report["emitted_modules"]):
            click.echo(line)
    if report.get("emitted_theme"):
        for line in app.theme_usage(report["emitted_theme"]):
            click.echo(line)


@main.command()
@click.option("--port", type=cli_zh.Range(1024, 65535), default=8730, show_default=True,
              help="端口（被占用时自动改用下一个空闲端口）")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
@click.option("--templates", type=click.Path(path_type=Path, readable=False), help="本单位的模块文件夹（页面上也可设置）")
def serve(port: int, no_browser: bool, templates: Path | None) -> None:
    """在本机浏览器里起草、检查、分析讲话稿（只在 127.0.0.1 上运行，不联网）。"""
    from drafter.web.server import serve as run_server

    run_server(port, open_browser=not no_browser, templates=templates, echo=click.echo)
