"""The one exception family drafter raises for anything a user can fix; the CLI prints it and exits."""


class DrafterError(Exception):
    """A problem with the user's input, ready to print as-is (one or a few plain lines)."""

    exit_code = 2


class ConfigError(DrafterError):
    """The config file cannot be read or does not validate."""


class CatalogError(DrafterError):
    """A module, theme or template file is malformed or missing."""


class OutputError(DrafterError):
    """The draft cannot be written where the user asked."""


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in the words a clerk reads (not the system's English)."""
    import errno

    reasons = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOENT: "找不到", errno.EISDIR: "这是一个文件夹",
               errno.ENOTDIR: "路径中有一段不是文件夹", errno.ELOOP: "符号链接循环", errno.ENAMETOOLONG: "名字太长",
               errno.ENOSPC: "磁盘空间不足", errno.EROFS: "只读的磁盘", errno.EIO: "磁盘读写出错",
               errno.EBUSY: "文件正被占用", errno.EMFILE: "打开的文件太多"}
    return reasons.get(exc.errno, f"系统错误 {exc.errno}" if exc.errno else "系统错误")
