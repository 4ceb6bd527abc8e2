"""Onboarding from the command line, on the configured database (JOBPOST_DATABASE_URL). Each
command that changes a company runs Service 1 for it before returning.

  python -m onboarding.cli create-company --name 누리AI --intro-file intro.md [--industry ..]
  python -m onboarding.cli add-postings COMPANY_ID postings.json     # [{"job_code": null, "title": .., "text": ..}]
  python -m onboarding.cli add-document COMPANY_ID handbook.pdf
  python -m onboarding.cli import-wanted [--dir ../shared/data/wanted] (--company NAME ... | --limit N) [--min-postings 2]
  python -m onboarding.cli status COMPANY_ID
  python -m onboarding.cli process COMPANY_ID
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from core.config import REPO_ROOT, get_settings
from onboarding.documents import DocumentError, read_document
from onboarding.intake import IntakeError, PostingIn
from onboarding.service1 import run_job


def _runtime():
    from api.runtime import Runtime

    return Runtime(get_settings())


def _process(rt, company_id: str) -> dict:
    rt.onboarding.mark_stale(company_id=company_id)
    state = asyncio.run(run_job(rt.deps, rt.onboarding, company_id))
    job = rt.onboarding.get_job(company_id=company_id)
    return {"company_id": company_id, "state": state, "progress": job.progress, "detail": job.detail, "error": job.error}


def _print(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _fail(msg: str, code: int = 2) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m onboarding.cli", description="jobpost onboarding")
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("create-company")
    c.add_argument("--name", required=True)
    c.add_argument("--intro", default="")
    c.add_argument("--intro-file", type=Path)
    c.add_argument("--industry", default="")
    c.add_argument("--size", default="")
    c.add_argument("--location", default="")
    p = sub.add_parser("add-postings")
    p.add_argument("company_id")
    p.add_argument("file", type=Path)
    d = sub.add_parser("add-document")
    d.add_argument("company_id")
    d.add_argument("file", type=Path)
    w = sub.add_parser("import-wanted")
    w.add_argument("--dir", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "wanted")
    w.add_argument("--company", action="append", default=[], help="a company name as in the data (repeat)")
    w.add_argument("--limit", type=int, default=0, help="import the first N companies")
    w.add_argument("--min-postings", type=int, default=1)
    for name in ("status", "process"):
        sub.add_parser(name).add_argument("company_id")
    args = ap.parse_args(argv)

    rt = _runtime()
    if args.cmd == "create-company":
        intro = args.intro_file.read_text(encoding="utf-8") if args.intro_file else args.intro
        cid = rt.onboarding.create_company(name=args.name, intro=intro, industry=args.industry, size=args.size,
                                           location=args.location)
        rt.access.audit(actor=None, action="company.create", company_id=cid, detail={"name": args.name, "via": "cli"})
        _print(_process(rt, cid))
        return 0
    if args.cmd == "import-wanted":
        from catalog.wanted import WantedCollector

        try:
            collector = WantedCollector(args.dir)
        except FileNotFoundError as exc:
            return _fail(str(exc))
        ids = []
        for name in args.company:
            cid = collector.find(name)
            if cid is None:
                return _fail(f"no company named {name!r} in {args.dir}")
            ids.append(cid)
        if not args.company:
            ids = [cid for cid in collector.list_company_ids() if len(collector.fetch_postings(cid)) >= args.min_postings]
            ids = ids[: args.limit] if args.limit else ids
        results = []
        for cid in ids:
            bundle = collector.fetch_company(cid)
            imported = rt.repo.import_company(bundle, collector.fetch_postings(cid))
            if imported:
                rt.access.audit(actor=None, action="company.create", company_id=cid, detail={"name": bundle.profile.name, "via": "wanted"})
            results.append({"name": bundle.profile.name, "imported": imported, **_process(rt, cid)})
        _print(results)
        return 0
    if rt.repo.get_company(args.company_id) is None:
        return _fail(f"unknown company: {args.company_id}", 1)
    if args.cmd == "add-postings":
        try:
            items = TypeAdapter(list[PostingIn]).validate_json(args.file.read_bytes())
        except (OSError, ValidationError) as exc:
            return _fail(f"cannot read postings from {args.file}: {exc}")
        try:
            records = [it.to_record(args.company_id, i)[0] for i, it in enumerate(items)]
        except IntakeError as exc:
            return _fail(str(exc))
        ids = rt.onboarding.add_postings(company_id=args.company_id, postings=records)
        _print({"added": ids, **_process(rt, args.company_id)})
        return 0
    if args.cmd == "add-document":
        try:
            doc = read_document(args.file.name, args.file.read_bytes(), max_bytes=rt.settings.max_document_bytes)
        except OSError as exc:
            return _fail(str(exc))
        except DocumentError as exc:
            return _fail(f"{exc.code}: {exc}")
        rt.onboarding.add_document(company_id=args.company_id, title=doc.title, kind=doc.kind, text=doc.text)
        _print({"document": doc.title, "chars": doc.chars, **_process(rt, args.company_id)})
        return 0
    if args.cmd == "process":
        _print(_process(rt, args.company_id))
        return 0
    job = rt.onboarding.get_job(company_id=args.company_id)
    _print({"state": "ready", "progress": 1.0} if job is None else
           {"state": job.state, "progress": job.progress, "steps_done": job.steps_done, "detail": job.detail, "error": job.error})
    return 0


if __name__ == "__main__":
    sys.exit(main())
