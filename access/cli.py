"""Command line for API keys and the audit log, on the configured database (JOBPOST_DATABASE_URL).

  python -m access.cli keys create --name "HR team A" --role writer --company nuri-ai [--company ...]
  python -m access.cli keys create --name ops --role admin --global
  python -m access.cli keys list [--all]
  python -m access.cli keys revoke KEY_ID
  python -m access.cli audit [--limit 50] [--action generation]
"""
from __future__ import annotations

import argparse
import json
import sys

from core.config import get_settings
from store.access import AccessRepository, key_view
from store.db import make_engine, make_session_factory, migrate
from store.repository import Repository


def _stores() -> tuple[AccessRepository, Repository]:
    engine = make_engine(get_settings().database_url)
    migrate(engine)
    sf = make_session_factory(engine)
    return AccessRepository(sf), Repository(sf)


def _print(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m access.cli", description="jobpost API keys and audit log")
    sub = parser.add_subparsers(dest="cmd", required=True)
    keys = sub.add_parser("keys").add_subparsers(dest="action", required=True)
    create = keys.add_parser("create", help="create a key and print it once")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=["writer", "reviewer", "admin"])
    create.add_argument("--company", action="append", default=[], help="a company id of the team (repeat)")
    create.add_argument("--global", dest="is_global", action="store_true", help="every company")
    create.add_argument("--rpm", type=int, default=None, help="requests per minute (default: JOBPOST_RATE_LIMIT_RPM)")
    create.add_argument("--tokens-per-day", type=int, default=None)
    lst = keys.add_parser("list")
    lst.add_argument("--all", action="store_true", help="include revoked keys")
    revoke = keys.add_parser("revoke")
    revoke.add_argument("key_id")
    audit = sub.add_parser("audit")
    audit.add_argument("--limit", type=int, default=50)
    audit.add_argument("--action", default=None)
    audit.add_argument("--company", default=None, help="only this company's events")
    audit.add_argument("--since", default=None, help="ISO date or time, e.g. 2026-11-01")
    args = parser.parse_args(argv)

    access, repo = _stores()
    if args.cmd == "audit":
        from datetime import datetime, timezone

        try:
            since = datetime.fromisoformat(args.since) if args.since else None
        except ValueError:
            print(f"error: --since is not an ISO date or time: {args.since!r}", file=sys.stderr)
            return 2
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        _print(access.list_audit(companies=None, action=args.action, company_id=args.company, since=since, limit=args.limit))
        return 0
    if args.action == "create":
        if args.is_global == bool(args.company):
            print("error: give --global or at least one --company (not both)", file=sys.stderr)
            return 2
        unknown = [c for c in args.company if repo.get_company(c) is None]
        if unknown:
            print(f"error: unknown company: {', '.join(unknown)}", file=sys.stderr)
            return 2
        row, secret = access.create_key(name=args.name, role=args.role, companies=args.company, is_global=args.is_global,
                                        source="cli", requests_per_minute=args.rpm, tokens_per_day=args.tokens_per_day)
        access.audit(actor=None, action="key.create", company_id=args.company[0] if len(args.company) == 1 else None,
                     target=row.id, detail={"role": args.role, "global": args.is_global, "companies": args.company, "via": "cli"})
        _print(key_view(row) | {"key": secret})
        print("The key is shown only now; store it safely.", file=sys.stderr)
        return 0
    if args.action == "list":
        _print([key_view(r) for r in access.list_keys(include_revoked=args.all)])
        return 0
    before = access.get_key(key_id=args.key_id)
    row = access.revoke_key(key_id=args.key_id)
    if row is None:
        print(f"error: unknown key: {args.key_id}", file=sys.stderr)
        return 1
    if before is not None and before.revoked_at is None:  # revoking twice is not a second event
        companies = list(row.companies or [])
        access.audit(actor=None, action="key.revoke", target=row.id, company_id=companies[0] if len(companies) == 1 else None,
                     detail={"name": row.name, "via": "cli"})
    _print(key_view(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
