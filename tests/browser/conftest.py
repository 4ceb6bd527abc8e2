"""The real server and headless Chromium (Debian's package, never a downloaded browser) for the browser tests.

Without /usr/bin/chromium (or the playwright package) the tests skip with the reason, except where
JOBPOST_REQUIRE_BROWSER=1 (set by .ci/run): there a missing browser is a failure, never a silent skip."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import ADMIN_HEADERS, ADMIN_TOKEN
from tests.support.servers import ROOT, free_port, wait_http

CHROMIUM = os.environ.get("JOBPOST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
COMPANY = "nuri-ai"


def _missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


# Module scope, not session: while Playwright's sync API is started, the main thread counts as
# running an event loop, and every later test that calls asyncio.run() would fail.
@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason is not None:
        if os.environ.get("JOBPOST_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required (JOBPOST_REQUIRE_BROWSER=1) but {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn serving server:app in offline mode, sample data seeded, a fresh SQLite database."""
    if _missing() is not None and os.environ.get("JOBPOST_REQUIRE_BROWSER") != "1":
        pytest.skip(f"browser tests skipped: {_missing()}")
    tmp = tmp_path_factory.mktemp("web")
    port = free_port()
    env = {**os.environ, "JOBPOST_DATABASE_URL": f"sqlite:///{tmp / 'jobpost.db'}", "JOBPOST_ADMIN_TOKEN": ADMIN_TOKEN,
           "JOBPOST_LLM_BASE_URL": "", "JOBPOST_LLM_API_KEY": "", "JOBPOST_RATE_LIMIT_RPM": "0",
           "JOBPOST_RATE_LIMIT_TOKENS_PER_DAY": "0", "JOBPOST_SKILL_POOL_BUILD_AT_START": "false",
           "JOBPOST_LOCAL_ADMIN_KEY_FILE": str(tmp / "admin.key")}
    log = open(tmp / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{url}/health", timeout=180)  # start-up processes the sample companies first
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def keys(server) -> dict[str, str]:
    """A writer and a reviewer of nuri-ai, and the global admin."""
    out = {"admin": ADMIN_TOKEN}
    for role in ("writer", "reviewer"):
        r = httpx.post(f"{server}/keys", json={"name": f"web-{role}", "role": role, "companies": [COMPANY]},
                       headers=ADMIN_HEADERS, timeout=30)
        assert r.status_code == 201, r.text
        out[role] = r.json()["key"]
    return out


@pytest.fixture
def page_errors():
    return []


@pytest.fixture
def new_page(browser, page_errors):
    """new_page(width=1280, height=900) -> a page in its own context (own cookies); page errors are collected."""
    contexts = []

    def make(width: int = 1280, height: int = 900):
        ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        page.set_default_timeout(30_000)
        return page

    yield make
    for c in contexts:
        c.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, server: str, key: str, path: str = "/") -> None:
    page.goto(server + path)
    page.fill("#key", key)
    page.click("button[type=submit]")
    if path == "/":
        page.wait_for_selector("body[data-ready='1']")
