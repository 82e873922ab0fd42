"""`drafter serve`: bind 127.0.0.1 (the fixed port, or the next free one), open the browser, run uvicorn until
Ctrl-C."""

from __future__ import annotations

import errno
import os
import socket
import threading
import webbrowser
from pathlib import Path

from drafter.errors import OutputError

DEFAULT_PORT = 8730
HOST = "127.0.0.1"  # never another address: the page is for the person at this computer


def bind(port: int, tries: int = 20) -> socket.socket:
    """A listening socket on 127.0.0.1:port, or on the next free port after it."""
    for candidate in range(port, min(port + tries, 65536)):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if os.name != "nt":  # a port left in TIME_WAIT by the last run is free; Windows' flag would share it
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, candidate))
        except OSError as exc:
            sock.close()
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                continue
            raise OutputError(f"无法在 {HOST}:{candidate} 上启动网页服务：{exc.strerror}") from None
        sock.listen(128)
        return sock
    raise OutputError(f"端口 {port}～{port + tries - 1} 都被占用了，请用 --port 指定另一个端口")


def serve(port: int = DEFAULT_PORT, open_browser: bool = True, templates: Path | None = None,
          echo=print) -> None:
    try:
        import uvicorn

        from drafter.web.pages import create_app
    except ImportError:
        raise OutputError('drafter serve 需要网页组件，请先安装：pip install ".[web]"') from None
    if templates is not None:  # refused now, in the words render uses, not on every page once started
        from drafter.app import templates_catalog

        templates_catalog(templates)
    sock = bind(port)
    actual = sock.getsockname()[1]
    url = f"http://{HOST}:{actual}/"
    app = create_app(actual, templates)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    if actual != port:
        echo(f"端口 {port} 已被占用，改用 {actual}。")
    echo(f"drafter 网页已启动：{url}")
    echo("在浏览器里打开上面的地址即可起草讲话稿；按 Ctrl-C 停止。")
    if open_browser:
        threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
        app.state.close()
    echo("drafter 网页已停止。")


def _open_when_started(server, url: str, tries: int = 100) -> None:
    import time

    for _ in range(tries):
        if server.started:
            webbrowser.open(url)
            return
        time.sleep(0.05)
