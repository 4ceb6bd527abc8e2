"""The reviewer approves exactly what is published: an edit that needs a fix comes back for confirmation."""
from __future__ import annotations

from core.schemas import Posting

SECRETS = ("Project 오로라", "오로라", "한빛은행", "누리챗 2.0")


def _start(client) -> dict:
    r = client.post("/generations", json={"company_id": "nuri-ai", "job_code": "1000229", "level": "junior"})
    assert r.status_code == 200, r.text
    return r.json()


def test_edit_needing_a_fix_returns_to_review_with_the_fixed_text(client):
    view = _start(client)
    posting = Posting.from_markdown(view["posting"])
    posting.sections["qualifications"] += "\n- 만 29세 이하, 한빛은행 프로젝트 참여 경험\n- Git 사용 경험"
    posting.sections.pop("process")  # the reviewer deletes a section on purpose
    edited = posting.to_markdown()

    r = client.post(f"/generations/{view['thread_id']}/review", json={"action": "edit", "edited_posting": edited})
    assert r.status_code == 200, r.text
    back = r.json()
    assert back["status"] == "pending_review"  # not approved: the reviewer has not seen the fixed text yet
    shown = back["posting"]
    assert "29세" not in shown and not any(s in shown for s in SECRETS)
    assert "[비공개]" not in shown and " , " not in shown
    assert "- Git 사용 경험" in shown  # the rest of the reviewer's text is kept
    assert "채용절차" not in shown  # a deleted section is not put back...
    assert any(f["rule_id"] == "OUT-SECTION-001" for f in back["findings"])  # ...a finding suggests it
    assert "-" in back["review_diff"] and "29세" in back["review_diff"]
    assert client.app.state.runtime.repo.get_run(view["thread_id"]).status == "pending_review"

    r = client.post(f"/generations/{view['thread_id']}/review", json={"action": "approve"})
    final = r.json()
    assert final["status"] == "approved"
    assert final["final_posting"] == shown  # exactly the text the reviewer confirmed
    assert client.app.state.runtime.repo.get_run(view["thread_id"]).final_markdown == shown


def test_clean_edit_is_approved_as_written(client):
    view = _start(client)
    posting = Posting.from_markdown(view["posting"])
    posting.sections["preferred"] = "- 오픈소스 기여 경험"
    edited = posting.to_markdown()
    r = client.post(f"/generations/{view['thread_id']}/review", json={"action": "edit", "edited_posting": edited})
    out = r.json()
    assert out["status"] == "approved"
    assert out["final_posting"].strip() == edited.strip()
