"""The HR workspace page at `/` and its static files under /web/ (plain ES modules, no build step)."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.deps import PrincipalDep
from api.errors import ApiError

router = APIRouter(tags=["web"])

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
# Only the files that ship in web/, by exact name: a path from the URL never reaches the file system.
ASSETS = frozenset(p.name for p in WEB_DIR.iterdir() if p.is_file() and p.suffix in _TYPES) if WEB_DIR.is_dir() else frozenset()


def _file(name: str) -> FileResponse:
    if name not in ASSETS:
        raise ApiError(404, "not_found", f"파일을 찾을 수 없습니다: {name!r}")
    return FileResponse(WEB_DIR / name, media_type=_TYPES[Path(name).suffix])


# Both need a signed-in caller (the access middleware answers a browser without one with the sign-in
# form, whose `next` brings it back here); the principal dependency is a second lock.
@router.get("/", include_in_schema=False)
def workspace(principal: PrincipalDep) -> FileResponse:
    return _file("index.html")


@router.get("/web/{file_path:path}", include_in_schema=False)
def asset(file_path: str, principal: PrincipalDep) -> FileResponse:
    return _file(file_path)
