"""Skill pool batch from the command line (on JOBPOST_DATABASE_URL):

  python -m knowledge.cli rebuild [--wanted ../shared/data/wanted]   # resumes an interrupted batch
  python -m knowledge.cli show 1000229 [--kind required] [--top 20]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core.config import get_settings
from core.jobcodes import JOB_CODES
from knowledge.batch import rebuild
from store.db import make_engine, make_session_factory, migrate
from store.repository import Repository
from store.skill_pool import SkillPoolRepository


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m knowledge.cli")
    sub = ap.add_subparsers(dest="cmd", required=True)
    rb = sub.add_parser("rebuild")
    rb.add_argument("--wanted", type=Path, default=None, help="also read Wanted-format postings from this folder")
    sh = sub.add_parser("show")
    sh.add_argument("job_code", choices=sorted(JOB_CODES))
    sh.add_argument("--kind", choices=["required", "preferred", "duties"], default=None)
    sh.add_argument("--top", type=int, default=20)
    args = ap.parse_args(argv)
    settings = get_settings()
    engine = make_engine(settings.database_url)
    migrate(engine)
    sf = make_session_factory(engine)
    repo, store = Repository(sf), SkillPoolRepository(sf)
    if args.cmd == "rebuild":
        wanted = args.wanted or (Path(settings.skill_pool_wanted_dir) if settings.skill_pool_wanted_dir else None)
        if wanted is not None and not wanted.is_dir():
            print(f"error: no folder {wanted}", file=sys.stderr)
            return 2
        try:
            batch_id = rebuild(repo, store, wanted_dir=wanted)
        except Exception as exc:  # recorded on the batch; run the command again to resume it
            print(f"error: rebuild failed ({type(exc).__name__}: {exc}); run it again to resume", file=sys.stderr)
            return 1
        batch = store.get_batch(batch_id=batch_id)
        print(json.dumps({"batch": batch_id, "state": batch.state, "sources": batch.sources,  # type: ignore[union-attr]
                          "job_codes": batch.job_codes_done}, ensure_ascii=False))  # type: ignore[union-attr]
        return 0
    batch, pool = store.pool(job_code=args.job_code)
    if batch is None:
        print("no skill pool built yet: python -m knowledge.cli rebuild", file=sys.stderr)
        return 1
    kinds = [args.kind] if args.kind else list(pool)
    print(json.dumps({"batch": batch.id, "built_at": str(batch.finished_at),
                      **{k: [e["skill"] + f" ({e['companies']})" for e in pool[k][: args.top]] for k in kinds}},
                     ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
