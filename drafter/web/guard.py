"""What keeps a local page local: only our own Host (no DNS rebinding), only our own Origin for anything
that changes state or uploads, a cap on request bodies (by Content-Length here; a body sent without one is
counted as it is read, in drafter.web.pages.read), and headers that keep the page from loading anything
from elsewhere."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 20 * 1024 * 1024  # a request body: ten long speeches as .docx fit comfortably
SAFE_METHODS = ("GET", "HEAD")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def refusal(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status, headers={"Cache-Control": "no-store"})


class LocalOnly:
    """ASGI middleware: refuse foreign Host, foreign or missing Origin on unsafe methods, oversized bodies."""

    def __init__(self, app: ASGIApp, port: int, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if host not in self.hosts:
            await refusal(403, f"拒绝访问：本页面只接受 http://127.0.0.1 本机地址的访问（收到的 Host 为“{host[:60]}”）")(
                scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin not in self.origins:
                found = f"来源为“{origin[:60]}”" if origin else "请求没有注明来源"
                await refusal(403, f"拒绝请求：只接受本页面自己提交的操作（{found}）；请在 drafter 打开的页面里操作")(
                    scope, receive, send)
                return
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await refusal(413, too_large(self.max_body))(scope, receive, send)
                return
        await self.app(scope, receive, self.secure(send))

    @staticmethod
    def secure(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return wrapped


def too_large(limit: int) -> str:
    return f"上传的内容太大（上限 {limit // (1024 * 1024)} MB），请少选几个文件或换小一些的文件"
