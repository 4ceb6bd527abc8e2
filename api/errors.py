"""Every error is a JSON body with an error code and a readable message: never a stack trace."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None, **extra):
        self.status, self.error, self.message, self.extra, self.headers = status, error, message, extra, headers


def _field(loc) -> str:
    return ".".join(str(p) for p in loc if p not in ("body",))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError):
        return JSONResponse({"error": exc.error, "message": exc.message, **exc.extra}, status_code=exc.status,
                            headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError):
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return JSONResponse({"error": "malformed_json", "message": "요청 본문이 올바른 JSON이 아닙니다 (request body is not valid JSON)."},
                                status_code=400)
        details = [{"field": _field(e.get("loc", ())), "message": str(e.get("msg", "")).removeprefix("Value error, ")}
                   for e in errors]
        message = "; ".join(f"{d['field']}: {d['message']}" if d["field"] else d["message"] for d in details)
        return JSONResponse({"error": "invalid_request", "message": message, "details": details}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": "http_error", "message": str(exc.detail)}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception):
        log.exception("unhandled error")
        return JSONResponse({"error": "internal_error", "message": "내부 오류가 발생했습니다. 잠시 후 다시 시도해 주세요."},
                            status_code=500)
