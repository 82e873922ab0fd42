"""What a cold run need not redo: the bundled catalog and the compiled module templates, kept in the user's
cache folder (beside the corpus indexes) and keyed by what they were made from. Any problem — no cache folder,
an unwritable one, a stale, corrupt or foreign file — only means the work is done again, silently."""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAX_BYTES = 50_000_000  # a cache file is a few MB; anything bigger is not ours


def folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"


def fingerprint(roots: Iterable[Path], *extra: str) -> str:
    """A key that changes when any file under `roots` changes (name, size or modification time), or when
    Python or an `extra` (a library's version) does."""
    digest = hashlib.sha256("|".join([sys.version, *extra]).encode())
    for root in roots:
        for top, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                info = os.stat(os.path.join(top, name))
                digest.update(f"{top}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _read(name: str) -> bytes | None:
    """The file's bytes if it is the user's own regular file that no one else may write; else None."""
    try:
        with open(folder() / name, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return None
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                return None
            return handle.read(MAX_BYTES + 1)
    except OSError:
        return None


def _write(name: str, data: bytes, where: Path | None = None) -> None:
    try:
        where = where or folder()
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=where, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, where / name)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass


def load_object(name: str, key: str) -> Any:
    """The object stored under `name` for `key`, or None."""
    data = _read(name)
    if not data or not data.startswith(key.encode() + b"\n"):
        return None
    try:
        return pickle.loads(data[len(key) + 1:])  # noqa: S301 — the user's own file (checked in _read)
    except Exception:  # noqa: BLE001 — a damaged or outdated file: build again
        return None


def store_object(name: str, key: str, value: Any) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 — an object that cannot be kept is built again next time
        return
    _write(name, key.encode() + b"\n" + data)


def load_codes(name: str, key: str) -> dict[str, Any]:
    """Compiled code objects by source digest (marshal: no code runs while reading)."""
    data = _read(name)
    if not data or not data.startswith(key.encode() + b"\n"):
        return {}
    try:
        codes = marshal.loads(data[len(key) + 1:])
    except (EOFError, ValueError, TypeError):
        return {}
    return codes if isinstance(codes, dict) else {}


def store_codes(name: str, key: str, codes: dict[str, Any], where: Path | None = None) -> None:
    try:
        data = marshal.dumps(codes)
    except ValueError:
        return
    _write(name, key.encode() + b"\n" + data, where)
