"""Collectors shaped like a job-site API. The bundled one reads the sample data shipped in the repo."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from catalog.models import (
    CompanyBundle,
    CompanyDocument,
    CompanyProfile,
    PastPostingRecord,
    SensitiveEntityRecord,
)


class PostingCollector(Protocol):
    def list_company_ids(self) -> list[str]: ...

    def fetch_company(self, company_id: str) -> CompanyBundle: ...

    def fetch_postings(self, company_id: str, job_code: str | None = None) -> list[PastPostingRecord]: ...


class BundledCollector:
    """Reads data/sample: companies.json, docs/<company>/*.md and postings/<company>.json."""

    def __init__(self, root: Path):
        self.root = Path(root)
        with (self.root / "companies.json").open(encoding="utf-8") as fh:
            self._companies = {c["id"]: c for c in json.load(fh)}

    def list_company_ids(self) -> list[str]:
        return list(self._companies)

    def fetch_company(self, company_id: str) -> CompanyBundle:
        raw = self._companies.get(company_id)
        if raw is None:
            raise KeyError(company_id)
        profile = CompanyProfile(**{k: raw[k] for k in CompanyProfile.model_fields if k in raw})
        documents = [
            CompanyDocument(title=d["title"], kind=d.get("kind", "intro"),
                            text=(self.root / d["path"]).read_text(encoding="utf-8"))
            for d in raw.get("documents", [])
        ]
        entities = [SensitiveEntityRecord(**e) for e in raw.get("sensitive_entities", [])]
        return CompanyBundle(profile=profile, documents=documents, sensitive_entities=entities)

    def fetch_postings(self, company_id: str, job_code: str | None = None) -> list[PastPostingRecord]:
        path = self.root / "postings" / f"{company_id}.json"
        if not path.exists():
            return []
        with path.open(encoding="utf-8") as fh:
            items = json.load(fh)
        records = [PastPostingRecord(company_id=company_id, **p) for p in items]
        return [r for r in records if job_code is None or r.job_code == job_code]
