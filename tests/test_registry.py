from pathlib import Path

from catalog.collector import BundledCollector
from guards.entity_proposer import propose_entities
from guards.sensitive import SensitiveMatcher

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def test_proposer_recovers_most_of_each_registry():
    c = BundledCollector(SAMPLE)
    total = covered = 0
    categories = set()
    for cid in c.list_company_ids():
        bundle = c.fetch_company(cid)
        proposals = propose_entities(bundle.documents)
        categories |= {p.category for p in proposals}
        assert not {"코드명", "신제품", "자동화"} & {p.text for p in proposals}
        matcher = SensitiveMatcher(proposals)
        total += len(bundle.sensitive_entities)
        covered += sum(1 for e in bundle.sensitive_entities if matcher.find(e.text))
    assert covered / total >= 0.85
    assert categories >= {"codename", "unreleased_product", "nda_client", "confidential_figure", "hostname",
                          "ip_address", "personal_data"}


def test_proposer_skips_what_is_registered():
    bundle = BundledCollector(SAMPLE).fetch_company("nuri-ai")
    proposals = propose_entities(bundle.documents, bundle.sensitive_entities)
    assert "한빛은행" not in {p.text for p in proposals}


def test_registry_api_and_its_effect_on_generation(client):
    url = "/companies/mirae-logis/sensitive-entities"
    before = client.get(url).json()
    assert any(e["text"] == "쿠팡이츠" for e in before)
    proposals = client.post(url + "/proposals").json()
    assert proposals and all(p["status"] == "pending" for p in proposals)
    assert client.post(url + "/proposals").json() == proposals  # stored once, not proposed twice
    # Never applied by itself: an admin accepts (into the registry) or rejects each one.
    first = proposals[0]
    assert first["text"] not in {e["text"] for e in client.get(url).json()}
    assert client.post(f"{url}/proposals/{first['id']}/accept").json()["status"] == "accepted"
    assert client.get(url + "/proposals", params={"status": "pending"}).json() == proposals[1:]
    assert {e["text"]: e for e in client.get(url).json()}[first["text"]]["source"] == "proposed"
    other = "/companies/nuri-ai/sensitive-entities"
    second = client.post(other + "/proposals").json()[0]
    assert client.post(f"{other}/proposals/{second['id']}/reject").json()["status"] == "rejected"
    assert second["text"] not in {e["text"] for e in client.get(other).json()}
    assert client.post(f"{url}/proposals/{second['id']}/accept").status_code == 404  # another company's proposal
    assert client.post(f"{url}/proposals/999999/accept").status_code == 404
    # Register the company's own WMS name as confidential: it must vanish from new postings.
    r = client.post(url, json={"text": "송도테크노파크", "category": "other"})
    assert r.status_code == 201
    assert client.post(url, json={"text": "송도테크노파크"}).status_code == 409
    body = client.post("/generations", json={"company_id": "mirae-logis", "job_code": "1000229", "level": "senior"}).json()
    assert "송도테크노파크" not in body["posting"]
    assert all("송도테크노파크" not in d for d in body["drafts"].values())
    assert client.delete(url, params={"text": "송도테크노파크"}).status_code == 200
    assert client.delete(url, params={"text": "송도테크노파크"}).status_code == 404
    assert client.post(url, json={"text": "x"}).status_code == 422
    assert client.get("/companies/nope/sensitive-entities").status_code == 404
