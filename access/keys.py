"""API key material: generating keys, hashing them, and the caller (Principal) a valid key stands for."""
from __future__ import annotations

import hashlib
import secrets
from typing import Literal

from pydantic import BaseModel

Role = Literal["writer", "reviewer", "admin"]
ROLES: tuple[Role, ...] = ("writer", "reviewer", "admin")
_RANK = {role: i for i, role in enumerate(ROLES)}

KEY_PREFIX = "jp_"


def new_key() -> str:
    """A fresh API key: 256 random bits, URL-safe."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def new_key_id() -> str:
    return "key_" + secrets.token_hex(6)


def hash_secret(secret: str) -> str:
    # Keys are 256-bit random strings, so a plain SHA-256 cannot be brute-forced the way a
    # password hash can; a slow KDF would only add latency to every request.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Principal(BaseModel):
    """The caller behind a request: one key, its role and the companies it may see."""

    key_id: str
    name: str
    role: Role
    companies: frozenset[str] = frozenset()
    is_global: bool = False
    requests_per_minute: int | None = None
    tokens_per_day: int | None = None

    def has_role(self, role: Role) -> bool:
        return _RANK[self.role] >= _RANK[role]

    def sees(self, company_id: str | None) -> bool:
        return self.is_global or (company_id is not None and company_id in self.companies)

    def may_grant(self, *, role: Role, companies: set[str], is_global: bool) -> bool:
        """An admin creates keys no broader than itself: a team admin only for its own companies."""
        if not self.has_role("admin") or not self.has_role(role):
            return False
        if self.is_global:
            return True
        return not is_global and bool(companies) and companies <= self.companies
