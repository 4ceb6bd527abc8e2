"""Browser sign-in: a key typed into /login becomes a session cookie (the playground and pages use it)."""
from __future__ import annotations

import secrets
from datetime import timedelta
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from api.deps import PrincipalDep, RuntimeDep
from api.security import SESSION_COOKIE, cookie_value, login_page, login_redirect_target

router = APIRouter(tags=["session"])


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(next: str = "/"):  # the workspace page (api/routers/web.py) by default
    return HTMLResponse(login_page(next_path=login_redirect_target(next)))


async def _form(request: Request) -> dict[str, str]:
    raw = (await request.body())[:8192].decode("utf-8", "replace")
    if request.headers.get("content-type", "").startswith("application/json"):
        import json

        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    return {k: v[0] for k, v in parse_qs(raw).items()}


@router.post("/login", include_in_schema=False)
async def login(request: Request, rt: RuntimeDep) -> Response:
    form = await _form(request)
    key, target = form.get("key", "").strip(), login_redirect_target(form.get("next"))
    principal = rt.access.authenticate(secret=key) if key else None
    # A JSON body (or Accept: application/json) gets JSON answers; a browser form gets pages.
    wants_json = ("application/json" in request.headers.get("accept", "")
                  or request.headers.get("content-type", "").startswith("application/json"))
    if principal is None:
        msg = "API 키가 올바르지 않거나 폐기되었습니다 (invalid or revoked API key)."
        if wants_json:
            return JSONResponse({"error": "invalid_key", "message": msg}, status_code=401)
        return HTMLResponse(login_page(message=msg, next_path=target), status_code=401)
    token = secrets.token_urlsafe(32)
    ttl = timedelta(hours=rt.settings.session_ttl_hours)
    rt.access.create_session(key_id=principal.key_id, token=token, ttl=ttl)
    one = sorted(principal.companies)
    rt.access.audit(actor=principal, action="session.login", company_id=one[0] if len(one) == 1 else None)
    response: Response = (JSONResponse({"signed_in": True, "key_id": principal.key_id, "role": principal.role})
                          if wants_json else RedirectResponse(target, status_code=303))
    response.set_cookie(SESSION_COOKIE, token, max_age=int(ttl.total_seconds()), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, rt: RuntimeDep) -> Response:
    if (token := cookie_value(request.headers, SESSION_COOKIE)) is not None:
        rt.access.delete_session(token=token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me", tags=["session"])
def me(principal: PrincipalDep):
    """The caller: key id, name, role and companies (the key itself is never returned)."""
    return {"key_id": principal.key_id, "name": principal.name, "role": principal.role, "global": principal.is_global,
            "companies": sorted(principal.companies)}
