"""The HR workspace and the LangServe playground, driven in headless Chromium against the real server."""
from __future__ import annotations

import json
import os
import re

import httpx
import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # see tests/browser/conftest.py: a skip outside CI, a failure where required
    if os.environ.get("JOBPOST_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests skipped: the playwright package is not installed", allow_module_level=True)

from tests.browser.conftest import COMPANY, shot, sign_in
from tests.conftest import ADMIN_TOKEN

AGE_REQUEST = "만 30세 이하만 지원 가능하게 써줘"


def _auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def _pick(page, job_code: str = "1000229", level: str = "junior") -> None:
    page.fill("#company-search", "누리")
    page.click(f"[data-company='{COMPANY}']")
    page.wait_for_selector("#past-panel:not([hidden]) .past-item")
    page.select_option("#job-code", job_code)
    page.select_option("#level", level)


def _pending_thread(server: str, key: str, request: str = "") -> dict:
    r = httpx.post(f"{server}/generations", json={"company_id": COMPANY, "job_code": "1000229", "level": "senior",
                                                  "request": request}, headers=_auth(key), timeout=60)
    assert r.status_code == 200 and r.json()["status"] == "pending_review", r.text
    return r.json()


def test_sign_in_company_and_three_drafts_side_by_side(server, keys, new_page, page_errors):
    page = new_page()
    page.goto(server + "/")
    assert page.locator("form[action='/login'] #key").is_visible()  # not signed in: the sign-in form
    shot(page, "01-sign-in")
    sign_in(page, server, keys["writer"])
    # A writer sees writing, not the reviewer's inbox or onboarding.
    assert page.locator("[data-view='write']").is_visible()
    assert page.locator("[data-view='inbox']").is_hidden() and page.locator("[data-view='onboard']").is_hidden()
    _pick(page)
    assert "백엔드" in page.inner_text("#past-postings")  # past postings grouped by job code
    # A writer does not see registry entries: what was left out is marked with its category only.
    assert page.locator("#past-postings mark.redaction").count() >= 1
    shot(page, "02-company")
    page.click("#load-drafts")
    drafts = page.locator("#drafts .draft")
    drafts.first.wait_for()
    assert drafts.count() == 3
    assert {drafts.nth(i).get_attribute("data-style") for i in range(3)} == {"concise", "detailed", "past_style"}
    # Differences are visible: every highlighted line is absent from the other two drafts.
    texts = {d.get_attribute("data-style"): d.locator("pre.posting").inner_text() for d in drafts.all()}
    unique = page.locator("#drafts .line.unique")
    assert unique.count() > 0
    for i in range(unique.count()):
        line = unique.nth(i)
        style = line.locator("xpath=ancestor::article").get_attribute("data-style")
        assert all(line.inner_text().strip() not in {x.strip() for x in texts[o].split("\n")} for o in texts if o != style)
    box = [d.bounding_box() for d in drafts.all()]
    assert box[0]["y"] == box[1]["y"] == box[2]["y"]  # side by side on a laptop
    shot(page, "03-drafts")
    # Edit a draft in place and save it (revise): the result shows the edited text, still pending review.
    page.click("[data-edit='detailed']")
    area = page.locator("#drafts textarea.edit-area")
    area.fill(area.input_value() + "\n- 코드 리뷰 문화를 중시합니다\n")
    page.click("#drafts [data-save]")
    expect(page.locator("#result-body .posting-box")).to_contain_text("코드 리뷰 문화를 중시합니다")
    assert page.locator("#result-body .thread").get_attribute("data-status") == "pending_review"
    assert page_errors == []


def test_stream_custom_posting_with_findings_highlighted(server, keys, new_page, page_errors):
    page = new_page()
    sign_in(page, server, keys["writer"])
    _pick(page, level="senior")
    # The page says up front how the result comes.
    page.wait_for_selector("#custom-how[data-how]")
    assert page.get_attribute("#custom-how", "data-how") in ("instant", "streamed", "queued")
    page.fill("#request", AGE_REQUEST)
    # Count the separate text appends to the live region: streamed means more than one.
    page.evaluate("""() => { window.__appends = 0;
        new MutationObserver((m) => { window.__appends += m.length; })
          .observe(document.querySelector('#stream-output'), {childList: true, characterData: true, subtree: true}); }""")
    page.click("#run-stream")
    page.wait_for_selector("#result-body .thread[data-status]")
    assert page.evaluate("window.__appends") > 1
    assert len(page.locator("#stream-output").text_content()) > 100
    assert page.get_attribute("#stream-output", "aria-live") == "polite"
    page.click("#steps summary")
    steps = page.inner_text("#steps-list")
    assert page.locator("#steps-list li").count() >= 3 and "KR-AGE-001" not in steps
    # What was read from the request is shown while the posting is written (the `understood` event).
    assert page.locator("#steps-extra .understood-live dl.kv").count() == 1
    # The unlawful condition is shown highlighted in the request, with rule, reason and suggested fix.
    mark = page.locator(".request-echo mark.finding[data-rule='KR-AGE-001']")
    assert mark.count() >= 1 and "만 30세 이하" in mark.first.inner_text()
    card = page.locator(".finding-card", has_text="KR-AGE-001").first
    assert "연령" in card.inner_text() and "삭제" in card.inner_text()
    assert "만 30세 이하" not in page.locator("#result-body .posting-box").inner_text()
    shot(page, "04-stream-findings")

    # An edit that brings the condition into the posting: the output finding is shown and the line the
    # guard removed is marked in the comparison.
    page.click("[data-edit='result']")
    area = page.locator("#result-body textarea.edit-area")
    area.fill(area.input_value().replace("## 자격요건\n", "## 자격요건\n- 만 30세 이하 지원 가능\n", 1))
    page.click("#result-body [data-save]")
    page.wait_for_selector("#result-body .diff .del")
    assert "만 30세 이하" in page.inner_text("#result-body .diff .del")
    assert page.locator(".finding-card", has_text="KR-AGE-001").count() >= 1
    shot(page, "05-output-finding")
    assert page_errors == []


def test_reviewer_inbox_edit_then_approve_and_export(server, keys, new_page, page_errors, tmp_path):
    view = _pending_thread(server, keys["writer"])
    page = new_page()
    sign_in(page, server, keys["reviewer"])
    page.click("[data-view='inbox']")
    item = page.locator(f"#inbox-list [data-thread='{view['thread_id']}']")
    item.click()
    page.wait_for_selector("#review-body .review-controls")
    shot(page, "06-inbox")
    # Edit, then see the exact text that will be published before approving it.
    edited = view["posting"].replace("## 우대사항\n", "## 우대사항\n- 오픈소스 기여 경험\n", 1)
    page.fill("#review-edit", edited)
    page.click("[data-action='preview']")
    preview = page.locator(".publish-preview")
    assert "오픈소스 기여 경험" in preview.inner_text()
    shot(page, "07-publish-preview")
    page.click("[data-action='edit']")
    page.wait_for_selector("#review-body .thread[data-status='approved']")
    final = httpx.get(f"{server}/generations/{view['thread_id']}", headers=_auth(keys["reviewer"]), timeout=30).json()
    assert final["status"] == "approved" and "오픈소스 기여 경험" in final["final_posting"]
    # Gone from the inbox (one call: GET /generations?status=pending_review).
    expect(page.locator(f"#inbox-list [data-thread='{view['thread_id']}']")).to_have_count(0)

    # Export: Markdown, plain text and HTML downloads, and copy.
    got = {}
    for kind in ("md", "txt", "html"):
        with page.expect_download() as dl:
            page.click(f"#review-body [data-export='{kind}']")
        path = tmp_path / dl.value.suggested_filename
        dl.value.save_as(path)
        got[kind] = path.read_text(encoding="utf-8")
    assert got["md"] == final["final_posting"]
    assert "## " not in got["txt"] and "오픈소스 기여 경험" in got["txt"]
    assert got["html"].startswith("<!doctype html>") and "<li>오픈소스 기여 경험</li>" in got["html"]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("#review-body [data-export='copy']")
    expect(page.locator("#toast")).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == final["final_posting"]
    shot(page, "08-approved-export")
    assert page_errors == []


def test_reviewer_edit_needing_a_fix_shows_the_diff_then_approves(server, keys, new_page, page_errors):
    view = _pending_thread(server, keys["writer"])
    page = new_page()
    sign_in(page, server, keys["reviewer"])
    page.click("[data-view='inbox']")
    page.click(f"#inbox-list [data-thread='{view['thread_id']}']")
    page.fill("#review-edit", view["posting"].replace("## 자격요건\n", "## 자격요건\n- 만 30세 이하\n", 1))
    page.click("[data-action='preview']")
    page.click("[data-action='edit']")
    # The service removed the unlawful line: the reviewer sees what changed and approves that text.
    page.wait_for_selector("#review-body .diff .del")
    assert page.locator("#review-body .thread").get_attribute("data-status") == "pending_review"
    shown = page.locator("#review-body .posting-box").inner_text()
    assert "만 30세 이하" not in shown
    shot(page, "09-edit-fixed-diff")
    page.click("[data-action='approve']")
    page.wait_for_selector("#review-body .thread[data-status='approved']")
    final = httpx.get(f"{server}/generations/{view['thread_id']}", headers=_auth(keys["reviewer"]), timeout=30).json()
    assert "만 30세 이하" not in final["final_posting"]
    assert page_errors == []


def test_reviewer_rejects_with_a_reason(server, keys, new_page, page_errors):
    view = _pending_thread(server, keys["writer"])
    page = new_page()
    sign_in(page, server, keys["reviewer"])
    page.click("[data-view='inbox']")
    page.click(f"#inbox-list [data-thread='{view['thread_id']}']")
    page.click("[data-action='reject']")
    assert page.locator("#error").is_visible()  # a reason is required
    page.fill("#reject-reason", "연봉 정보를 추가해 주세요")
    page.click("[data-action='reject']")
    page.wait_for_selector("#review-body .thread[data-status='rejected_by_reviewer'], #review-body .thread[data-status='rejected']")
    assert page_errors == []


def test_playground_renders_its_form_and_a_run_completes(server, keys, new_page, page_errors):
    page = new_page()
    sign_in(page, server, keys["writer"], path="/graph/playground/")
    company = page.locator("textarea[id='#/properties/company_id-input']")
    company.wait_for()
    for field in ("job_code", "level", "request", "mode", "style", "language"):
        assert page.locator(f"[id='#/properties/{field}']").count() == 1, field
    shot(page, "10-playground-form")
    company.fill(COMPANY)
    page.locator("textarea[id='#/properties/job_code-input']").fill("1000229")
    page.locator("textarea[id='#/properties/level-input']").fill("junior")
    with page.expect_response(lambda r: r.url.endswith("/graph/stream_log")) as response:
        page.get_by_role("button", name="Start").click()
    assert response.value.status == 200
    response.value.finished()
    expect(page.locator("body")).to_contain_text("pending_review")
    shot(page, "11-playground-run")
    assert page_errors == [], page_errors


def test_narrow_window_english_and_keyboard(server, keys, new_page, page_errors):
    page = new_page(width=390, height=844)
    sign_in(page, server, keys["writer"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.click("#lang-toggle")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.inner_text("[data-view='write']") == "Write"
    _pick(page)
    # Keyboard only: the drafts button is reachable and works with Enter.
    page.focus("#load-drafts")
    page.keyboard.press("Enter")
    drafts = page.locator("#drafts .draft")
    drafts.first.wait_for()
    boxes = [d.bounding_box() for d in drafts.all()]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # one column
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "12-narrow-english")
    page.click("#lang-toggle")
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert page_errors == []


def _routes(server: str) -> set[str]:
    doc = httpx.get(f"{server}/openapi.json", headers=_auth(ADMIN_TOKEN), timeout=30).json()
    return {f"{m.upper()} {p}" for p, ops in doc["paths"].items() for m in ops}


def test_section_regenerate(server, keys, new_page, page_errors):
    if "POST /generations/{thread_id}/sections" not in _routes(server):
        pytest.skip("POST /generations/{thread_id}/sections is not in this build")
    page = new_page()
    sign_in(page, server, keys["writer"])
    _pick(page)
    page.click("#load-drafts")
    page.wait_for_selector(".section-form")
    page.select_option(".section-form select", "우대사항")
    page.fill(".section-form input", "클라우드 경험을 강조해 주세요")
    with page.expect_response(lambda r: r.url.endswith("/sections")) as response:
        page.click("[data-regen]")
    assert response.value.status == 200, response.value.text()
    expect(page.locator("#toast")).to_contain_text("우대사항")
    assert json.loads(response.value.text())["edit"]["section"]
    shot(page, "13-section-regenerate")
    assert page_errors == []


def test_background_job_notifies_when_done(server, keys, new_page, page_errors):
    routes = _routes(server)
    if not {"POST /jobs", "GET /jobs"} <= routes or not ({"GET /notifications/stream", "GET /notifications"} & routes):
        pytest.skip("background jobs or notifications are not in this build")
    page = new_page()
    sign_in(page, server, keys["writer"])
    _pick(page)
    page.fill("#request", "데이터 엔지니어링 경험을 강조한 공고를 써줘")
    assert page.locator("#run-background").is_visible()
    with page.expect_response(lambda r: r.url.endswith("/jobs") and r.request.method == "POST") as response:
        page.click("#run-background")
    assert response.value.status == 202, response.value.text()
    job_id = response.value.json()["job_id"]
    # The notification arrives by itself (stream or polling): the badge shows, the list has the job.
    page.wait_for_selector("#notify-badge:not([hidden])", timeout=60_000)
    page.click("[data-view='activity']")
    page.wait_for_selector(f"#jobs-list [data-job='{job_id}']")
    assert job_id in page.inner_text("#notify-list")
    shot(page, "14-background-notification")
    page.locator("#notify-list button").first.click()
    page.wait_for_selector("#result-body .thread[data-status]")
    assert page_errors == []


def test_admin_usage_load_and_onboarding(server, keys, new_page, page_errors):
    page = new_page()
    sign_in(page, server, keys["admin"])
    page.click("[data-view='usage']")
    page.wait_for_selector("#me-info dd")
    page.wait_for_selector("#load-info dd")
    assert "admin" in page.inner_text("#me-info") or "관리자" in page.inner_text("#me-info")
    assert page.locator("#usage-keys table, #usage-keys p").count() == 1
    shot(page, "15-usage-load")
    page.click("[data-view='onboard']")
    page.fill("#ob-name", "웹테스트물류")
    page.fill("#ob-id", "web-test-logis")
    page.fill("#ob-intro", "웹테스트물류는 수도권 당일 배송을 하는 물류 회사입니다.")
    page.fill("#ob-posting", "[주요업무]\n- 배송 관리 시스템 백엔드 개발\n[자격요건]\n- Python 3년 이상")
    page.click("#onboard-form button[type=submit]")
    expect(page.locator("#onboard-status")).to_contain_text(re.compile(r"web-test-logis: (ready|failed)"), timeout=90_000)
    assert "ready" in page.inner_text("#onboard-status")
    shot(page, "16-onboarded")
    assert page_errors == []


def test_apply_a_suggested_fix_in_one_click(server, keys, new_page, page_errors):
    """The offline generator writes no text that a guard flags and leaves in place, so the finding is
    added to the server's real answer on its way to the page; applying it is the page's real revise call."""
    page = new_page()
    sign_in(page, server, keys["writer"])
    _pick(page, level="mid")
    flagged = "백엔드 개발 경험"

    def add_finding(route):
        response = route.fetch()
        view = response.json()
        view["findings"] = [{"rule_id": "OUT-GROUND-002", "severity": "warning", "where": "output", "span": flagged,
                             "message": f"회사 자료·과거 공고·요청에 없는 기술입니다: '{flagged}'",
                             "suggestion": "이 직무에 실제로 필요한 기술인지 확인하세요."}]
        route.fulfill(response=response, json=view)

    page.route("**/generations", add_finding)
    page.click("#load-drafts")
    mark = page.locator("#result-body .posting-box mark.finding[data-rule='OUT-GROUND-002']")
    mark.first.wait_for()
    assert mark.first.inner_text() == flagged
    with page.expect_request(lambda r: r.url.endswith("/review") and r.method == "POST") as sent:
        page.click("#result-body .apply-fix[data-rule='OUT-GROUND-002']")
    body = sent.value.post_data_json
    assert body["action"] == "revise" and flagged not in body["edited_posting"]
    expect(page.locator("#toast")).to_contain_text("OUT-GROUND-002")
    assert flagged not in page.locator("#result-body .posting-box").inner_text()
    shot(page, "17-apply-fix")
    assert page_errors == []


def test_update_a_past_posting(server, keys, new_page, page_errors):
    if "POST /postings/{posting_id}/update" not in _routes(server):
        pytest.skip("POST /postings/{posting_id}/update is not in this build")
    page = new_page()
    sign_in(page, server, keys["writer"])
    _pick(page)
    button = page.locator("#past-postings [data-posting]").first
    posting_id = button.get_attribute("data-posting")
    button.click()
    page.fill("#past-update-request", "복리후생에 점심 식대 지원을 추가해 주세요")
    with page.expect_response(lambda r: r.url.endswith(f"/postings/{posting_id}/update")) as response:
        page.click("#past-update-run")
    assert response.value.status == 200, response.value.text()
    thread_id = response.value.json()["thread_id"]
    page.wait_for_selector(f"#result-body .thread[data-thread='{thread_id}']")
    assert page.locator("#past-update").is_hidden()
    shot(page, "18-update-past-posting")
    assert page_errors == []
