"""A collector over postings in the Wanted crawl format (wanted_data_*.json: COMPANY, GROUP_INTRO,
TITLE, MAINDUTIES, QUALIFICATION, PREFERENTIAL, BENEFITS, …), read where they lie at run time."""
from __future__ import annotations

import hashlib
import json
from functools import cached_property
from pathlib import Path

from catalog.models import CompanyBundle, CompanyProfile, PastPostingRecord
from onboarding.job_classifier import classify_posting
from onboarding.posting_parser import sections_from_fields

_FIELDS = {"주요업무": "MAINDUTIES", "자격요건": "QUALIFICATION", "우대사항": "PREFERENTIAL", "복리후생": "BENEFITS"}


def company_id_for(name: str) -> str:
    return "wanted-" + hashlib.sha1(name.strip().encode("utf-8")).hexdigest()[:10]


class WantedCollector:
    """Companies and their postings from a folder of Wanted exports. Job codes come from the
    classifier (the export's job groups are coarser than the product's job codes)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise FileNotFoundError(f"no Wanted data folder at {self.directory}")

    @cached_property
    def _by_company(self) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        seen: set[str] = set()
        for path in sorted(self.directory.glob("wanted_data_*.json")):
            for post in json.loads(path.read_text(encoding="utf-8")):
                pid = str(post.get("ID"))
                name = str(post.get("COMPANY") or "").strip()
                if not name or pid in seen:  # the same posting can sit in two job-group files
                    continue
                seen.add(pid)
                out.setdefault(company_id_for(name), []).append(post)
        return out

    def list_company_ids(self) -> list[str]:
        return sorted(self._by_company)

    def find(self, name: str) -> str | None:
        cid = company_id_for(name)
        return cid if cid in self._by_company else None

    def fetch_company(self, company_id: str) -> CompanyBundle:
        posts = self._by_company.get(company_id)
        if not posts:
            raise KeyError(company_id)
        first = posts[0]
        intro = max((str(p.get("GROUP_INTRO") or "") for p in posts), key=len)
        profile = CompanyProfile(id=company_id, name=str(first["COMPANY"]).strip(), kind="wanted",
                                 location=str(first.get("WORKING_AREA") or ""), intro=intro.strip())
        return CompanyBundle(profile=profile)

    def fetch_postings(self, company_id: str, job_code: str | None = None) -> list[PastPostingRecord]:
        records = []
        for post in self._by_company.get(company_id, []):
            sections = sections_from_fields({heading: str(post.get(field) or "") for heading, field in _FIELDS.items()})
            code = classify_posting(str(post.get("TITLE") or ""), "\n".join(sections.values())).job_code
            if job_code is None or code == job_code:
                records.append(PastPostingRecord(id=f"wanted-{post['ID']}", company_id=company_id, job_code=code,
                                                 title=str(post.get("TITLE") or "").strip(), sections=sections,
                                                 source="collector", public=True))
        return records
