"""Writing output files so that nothing the user had is lost: each file goes to a temporary file beside its
target (fsync'd), and only then into place — exclusively (a hard link, which fails if the name was taken
meanwhile) unless --force, and only ever over a regular file. A set of files (a config and its draft, N
variants, mined modules) goes in all or none: on failure the files placed so far are taken back and the
ones they replaced restored.

Temporary files are named `.<name>.<pid>-<random>.tmp`; one left behind by a killed run is removed by the
next write to the same name once its process is gone (or, where that cannot be asked, after a day)."""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import OutputError

STALE_SECONDS = 24 * 3600
_OVERHEAD = len(".") + len(".") + 7 + len("-") + 6 + len(".tmp")  # what the temporary name adds (pid ≤ 7 digits)

# Messages (Chinese: what the clerk reads).
EXISTS = "{path}: 文件已存在；如需覆盖请加 --force"
EXISTS_LINK = "{path}: 已存在同名的符号链接；如需替换请加 --force"
IS_FOLDER = "{path}: 这是一个文件夹，请给出文件名，如 {example}"
NOT_REGULAR = "{path}: 不是普通文件（设备、管道或其他特殊文件），不能写入或覆盖，--force 也不行；请换一个文件名"
NO_FOLDER = "{path}: 输出文件夹“{folder}”不存在，请先创建或换一个位置"
TOO_LONG = "{path}: 文件名太长（{size} 字节），此处上限为 {limit} 字节；请换一个短一些的名字"
NO_SPACE = "{path}: 磁盘空间不足，没有写入（原有文件未改动）"
NO_PERMISSION = "{path}: 没有写入权限（文件夹“{folder}”只读或无权限），没有写入；请换一个位置"
CANNOT_WRITE = "{path}: 无法写入（{reason}），没有写入任何文件"


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def name_limit(folder: Path) -> int:
    """The longest file name (in bytes) this folder's file system takes, less what the temporary name adds."""
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # Windows has no pathconf; NTFS takes 255 characters
        limit = 255
    return max(1, min(limit, 255) - _OVERHEAD)


def name_problem(path: Path) -> str | None:
    """Why `path` cannot be written, by its name alone (too long), or None."""
    size = len(os.fsencode(path.name))
    limit = name_limit(_folder(path)) if _folder(path).is_dir() else 255 - _OVERHEAD
    return TOO_LONG.format(path=path, size=size, limit=limit) if size > limit else None


def check_target(path: Path, *, force: bool) -> None:
    """Refuse before any work is done: a missing folder, a name too long, a folder or a special file at the
    name, or an existing file (or symbolic link, even a dangling one) without --force."""
    folder = _folder(path)
    try:
        folder_ok = folder.is_dir()
    except OSError:
        folder_ok = False
    if not folder_ok:
        raise OutputError(NO_FOLDER.format(path=path, folder=folder))
    if problem := name_problem(path):
        raise OutputError(problem)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _os_error(path, exc) from None
    if stat.S_ISLNK(info.st_mode):
        if not force:
            raise OutputError(EXISTS_LINK.format(path=path))
        try:
            info = os.stat(path)
        except OSError:
            return  # a dangling link: --force replaces the link itself
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(IS_FOLDER.format(path=path, example=path / "讲话稿.docx"))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(NOT_REGULAR.format(path=path))
    if not force:
        raise OutputError(EXISTS.format(path=path))


def _os_error(path: Path, exc: OSError) -> OutputError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return OutputError(NO_SPACE.format(path=path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(NO_PERMISSION.format(path=path, folder=_folder(path)))
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError(TOO_LONG.format(path=path, size=len(os.fsencode(path.name)),
                                           limit=name_limit(_folder(path))))
    return OutputError(CANNOT_WRITE.format(path=path, reason=exc.strerror or type(exc).__name__))


def _temp_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(path.name)}\.(\d+)-[0-9a-f]{{6}}\.tmp$")


def _alive(pid: int) -> bool | None:
    """Whether process `pid` runs (None: cannot tell on this system)."""
    if os.name == "nt":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_stale(path: Path) -> None:
    """Remove temporary files of ours left beside `path` by a run that was killed."""
    pattern = _temp_pattern(path)
    try:
        entries = list(os.scandir(_folder(path)))
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or int(match[1]) == os.getpid():
            continue
        try:
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if _alive(int(match[1])) is False or old:
                os.unlink(entry.path)
        except OSError:
            continue


def _write_temp(path: Path, data: bytes) -> Path:
    while True:
        tmp = _folder(path) / f".{path.name}.{os.getpid()}-{secrets.token_hex(3)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


@dataclass
class _Placed:
    path: Path
    backup: Path | None = None   # the regular file it replaced, kept until the whole set is in place
    link: str | None = None      # the symbolic link it replaced


def _place(path: Path, tmp: Path, *, force: bool) -> _Placed:
    if not force:
        try:
            os.link(tmp, path)  # fails if the name exists, even if it appeared a moment ago
        except FileExistsError:
            raise OutputError(EXISTS.format(path=path)) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK,
                                 errno.ENOSYS, errno.EACCES):
                raise
            # no hard links here (FAT, some shares): claim the name exclusively, then move the data in
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                raise OutputError(EXISTS.format(path=path)) from None
            os.replace(tmp, path)
            return _Placed(path)
        tmp.unlink()
        return _Placed(path)
    check_target(path, force=True)  # still nothing but a regular file (or a link, or nothing) there
    placed = _Placed(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        placed.link = os.readlink(path)
    elif info is not None:
        backup = tmp.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(3)}.tmp")
        try:
            os.link(path, backup)
            placed.backup = backup
        except OSError:
            placed.backup = None
    try:
        os.replace(tmp, path)
    except BaseException:
        if placed.backup is not None:
            placed.backup.unlink(missing_ok=True)  # the original is still in place
        raise
    return placed


def _undo(placed: _Placed) -> None:
    try:
        if placed.backup is not None:
            os.replace(placed.backup, placed.path)
        else:
            os.unlink(placed.path)
            if placed.link is not None:
                os.symlink(placed.link, placed.path)
    except OSError:
        pass


def write_files(items: list[tuple[Path, bytes]], *, force: bool) -> None:
    """Write every (path, data) or none of them; never over anything but a regular file, and over that only
    with `force`."""
    for path, _ in items:
        check_target(path, force=force)
    temps: list[Path] = []
    placed: list[_Placed] = []
    current = items[0][0] if items else Path(".")
    try:
        for path, data in items:
            current = path
            clean_stale(path)
            temps.append(_write_temp(path, data))
        for (path, _), tmp in zip(items, temps, strict=True):
            current = path
            placed.append(_place(path, tmp, force=force))
    except BaseException as exc:
        for done in reversed(placed):
            _undo(done)
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _os_error(current, exc) from None
        raise
    for done in placed:
        if done.backup is not None:
            done.backup.unlink(missing_ok=True)
    _sync_folders({_folder(path) for path, _ in items})


def _sync_folders(folders: set[Path]) -> None:
    if os.name == "nt":
        return
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    """One file, atomically (see write_files)."""
    write_files([(path, data)], force=force)
