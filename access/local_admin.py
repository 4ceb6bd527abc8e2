"""The quick start's first key: `python server.py` makes a local admin key once when none exists."""
from __future__ import annotations

import os
from pathlib import Path

from core.config import Settings
from store.access import AccessRepository


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _write_private(path: Path, secret: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created 0600 from the start: the key is never readable by other users, even for a moment.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(secret + "\n")


def ensure_local_admin(settings: Settings, access: AccessRepository, base_url: str) -> str:
    """Create the local admin key when the store has no usable key and no JOBPOST_ADMIN_TOKEN is set;
    return what to tell the operator (never the key itself: it is in the file)."""
    path = settings.local_admin_key_file
    use = (f'  curl -H "Authorization: Bearer $(cat {path})" {base_url}/companies\n'
           f"  browser (workspace): {base_url}/ — sign in with the key from {path}\n"
           f"  playground: {base_url}/graph/playground/ (same sign-in)")
    if settings.admin_token:
        return "Admin key: the value of JOBPOST_ADMIN_TOKEN.\n" + use.replace(f"$(cat {path})", "$JOBPOST_ADMIN_TOKEN")
    existing = _read(path)
    if existing is not None and access.authenticate(secret=existing) is not None:
        return f"Local admin key: {path}\n{use}"
    if access.count_active_keys() > 0:
        return ("API keys exist already; use yours, or create one with\n"
                "  .venv/bin/python -m access.cli keys create --name NAME --role admin --global")
    _, secret = access.create_key(name="local admin", role="admin", companies=[], is_global=True, source="local")
    _write_private(path, secret)
    return f"Created a local admin key (global admin) in {path} — keep it private.\n{use}"
