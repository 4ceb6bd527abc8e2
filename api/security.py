"""The app's front door: who is calling (key or browser session), per-key request limits, CORS and
security headers. Every path needs a valid key except the few in PUBLIC_PATHS."""
from __future__ import annotations

import json
import logging
from html import escape
from urllib.parse import quote, urlsplit

import anyio
from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from access.keys import Principal

log = logging.getLogger(__name__)

SESSION_COOKIE = "jobpost_session"
# /login and /logout must answer without a key: they are how a browser gets (and drops) one.
PUBLIC_PATHS = frozenset({"/health", "/login", "/logout"})
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_API_CSP = "default-src 'none'; frame-ancestors 'none'"
# Pages (the playground, the sign-in form) run their own scripts and styles; nothing from elsewhere.
_PAGE_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# The workspace page (web/) loads its script and stylesheet from files only: no inline code at all.
_WORKSPACE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# The LangServe playground builds its input forms with ajv, which compiles JSON schemas with
# `new Function`: without 'unsafe-eval' the playground cannot render.
_PLAYGROUND_CSP = _PAGE_CSP.replace("script-src 'self' 'unsafe-inline'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'")
# FastAPI's /docs and /redoc load Swagger UI / ReDoc from jsDelivr.
_DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
             "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
             "frame-ancestors 'none'")


def bearer_token(headers: Headers) -> tuple[bool, str | None]:
    """(header present, key). A present but malformed header is an error, not an anonymous call."""
    raw = headers.get("authorization")
    if raw is None or not raw.strip():
        return False, None
    scheme, _, token = raw.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return True, None
    return True, token


def cookie_value(headers: Headers, name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        k, _, v = part.strip().partition("=")
        if k == name and v:
            return v
    return None


def _same_origin(headers: Headers) -> bool:
    origin = headers.get("origin")
    if origin is None:  # browsers send Origin with every cross-site POST; its absence is not one
        return headers.get("sec-fetch-site") in (None, "same-origin", "none")
    host = headers.get("host", "")
    return urlsplit(origin).netloc == host


def login_page(message: str = "", next_path: str = "/graph/playground/", status_note: str = "") -> str:
    return f"""<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>jobpost — 로그인</title>
<style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}}
input{{width:100%;padding:.5rem;margin:.5rem 0;box-sizing:border-box}}button{{padding:.5rem 1rem}}
.err{{color:#b00020}}</style></head>
<body><h1>jobpost</h1>
<p>API 키로 로그인하세요 (Sign in with your API key).</p>
{f'<p class="err" role="alert">{escape(message)}</p>' if message else ''}{status_note}
<form method="post" action="/login">
<label for="key">API key</label>
<input id="key" name="key" type="password" autocomplete="off" required>
<input type="hidden" name="next" value="{escape(next_path)}">
<button type="submit">로그인 (Sign in)</button>
</form></body></html>"""


async def _send(send: Send, status: int, payload: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
    raw = [(b"content-type", content_type.encode()), (b"content-length", str(len(payload)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


async def _send_json(send: Send, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
    await _send(send, status, json.dumps(body, ensure_ascii=False).encode(), "application/json", headers)


async def _send_html(send: Send, status: int, html: str, headers: dict[str, str] | None = None) -> None:
    await _send(send, status, html.encode(), "text/html; charset=utf-8", headers)


class AccessMiddleware:
    """Authenticates every request (Bearer key, else the browser session cookie), applies the
    key's requests-per-minute limit, and leaves the caller in request.state.principal."""

    def __init__(self, app: ASGIApp, runtime):
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in PUBLIC_PATHS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        access = self.runtime.access
        present, token = bearer_token(headers)
        principal: Principal | None = None
        via_cookie = False
        if present:
            if token is not None:
                principal = await anyio.to_thread.run_sync(lambda: access.authenticate(secret=token))
        elif (session := cookie_value(headers, SESSION_COOKIE)) is not None:
            principal = await anyio.to_thread.run_sync(lambda: access.session_principal(token=session))
            via_cookie = principal is not None
        if principal is None:
            await self._unauthorized(scope, send, headers, present, had_session=not present and cookie_value(headers, SESSION_COOKIE) is not None)
            return
        if via_cookie and scope["method"] not in _SAFE_METHODS and not _same_origin(headers):
            # A cookie rides along on cross-site requests; a key in a header never does.
            await _send_json(send, 403, {"error": "cross_origin", "message": "다른 출처(origin)에서 온 요청은 세션 쿠키로 처리할 수 없습니다."})
            return
        limit = principal.requests_per_minute if principal.requests_per_minute is not None else self.runtime.settings.rate_limit_rpm
        if limit:
            decision = await anyio.to_thread.run_sync(lambda: self.runtime.request_limiter.hit(principal.key_id, limit))
            if not decision.allowed:
                await _send_json(send, 429, {"error": "rate_limited", "limit": "requests_per_minute", "retry_after_s": decision.retry_after_s,
                                             "message": f"요청 한도(분당 {limit}회)를 넘었습니다. {decision.retry_after_s}초 후 다시 시도하세요."},
                                 {"Retry-After": str(decision.retry_after_s)})
                return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    @staticmethod
    async def _unauthorized(scope: Scope, send: Send, headers: Headers, present: bool, had_session: bool = False) -> None:
        if present:
            message = "API 키가 올바르지 않거나 폐기되었습니다 (invalid or revoked API key)."
        elif had_session:
            message = "로그인 세션이 끝났습니다: /login 에서 다시 로그인하세요 (session ended or its key was revoked; sign in again)."
        else:
            message = "인증이 필요합니다: Authorization: Bearer <API key> 헤더를 보내세요 (authentication required)."
        wants_page = scope["method"] == "GET" and "text/html" in headers.get("accept", "")
        if wants_page:
            # A browser opening the playground gets the sign-in form, still with 401.
            path = scope["path"] + (("?" + scope["query_string"].decode()) if scope.get("query_string") else "")
            await _send_html(send, 401, login_page(message=message if had_session else "", next_path=path),
                             {"WWW-Authenticate": "Bearer", "Cache-Control": "no-store"})
            return
        error = "invalid_key" if present else ("session_ended" if had_session else "unauthorized")
        await _send_json(send, 401, {"error": error, "message": message},
                         {"WWW-Authenticate": 'Bearer error="invalid_token"' if present else "Bearer"})


class SecurityHeadersMiddleware:
    """Headers every response carries (documented in docs/security.md)."""

    def __init__(self, app: ASGIApp, hsts_seconds: int = 0):
        self.app = app
        self.hsts_seconds = hsts_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                ctype = Headers(raw=headers).get("content-type", "")
                if path in ("/docs", "/redoc"):
                    csp = _DOCS_CSP
                elif "/playground" in path:
                    csp = _PLAYGROUND_CSP
                elif (path == "/" or path.startswith("/web/")) and message["status"] < 400:
                    csp = _WORKSPACE_CSP  # (a 401 there is the sign-in form, which has inline styles)
                elif ctype.startswith("text/html"):
                    csp = _PAGE_CSP
                else:
                    csp = _API_CSP
                extra = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer",
                         "cross-origin-opener-policy": "same-origin", "content-security-policy": csp,
                         "permissions-policy": "camera=(), microphone=(), geolocation=()"}
                if "/playground/assets/" not in path:
                    extra["cache-control"] = "no-store"  # responses carry company data
                if self.hsts_seconds:
                    extra["strict-transport-security"] = f"max-age={self.hsts_seconds}; includeSubDomains"
                present = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in extra.items() if k.encode() not in present or k == "content-security-policy"]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_security(app: FastAPI, runtime) -> None:
    """Order matters: CORS answers preflights before authentication, and headers go on every answer."""
    app.add_middleware(AccessMiddleware, runtime=runtime)
    app.add_middleware(SecurityHeadersMiddleware, hsts_seconds=runtime.settings.hsts_seconds)
    origins = runtime.settings.cors_origin_list()
    if origins:
        # Keys travel in the Authorization header, never in cookies across origins: no credentials.
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_credentials=False,
                           allow_methods=["GET", "POST", "DELETE", "PATCH"],
                           allow_headers=["Authorization", "Content-Type", "X-Thread-Id"], max_age=600)


def login_redirect_target(next_path: str | None) -> str:
    """Only a path on this server: never an absolute or scheme-relative URL (no open redirect)."""
    if not next_path or not next_path.startswith("/") or next_path.startswith("//") or "\\" in next_path:
        return "/graph/playground/"
    return quote(next_path, safe="/?=&%-_.~")
