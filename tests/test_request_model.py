"""The learned request classifier: what it ships with, that training reproduces it, and how the
screen uses it (a refusal, or only the sentences that carry the ask dropped)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import guards.model_screen as model_screen
from evals import train_request_model as trainer
from guards import request_model
from guards.request_screen import screen_request

CASES = Path(__file__).resolve().parents[1] / "evals" / "cases"


def test_features_are_sorted_unique_ids_and_read_past_endings():
    a = request_model.featurize("지원자는 뽑지 마세요")
    assert list(a) == sorted(set(a.tolist())) and a.max() < 1 << request_model.HASH_BITS
    b = request_model.featurize("지원자는 뽑지 말아 주세요")
    assert len(set(a.tolist()) & set(b.tolist())) > len(a) // 2  # shared lemmas and n-grams


def test_shipped_model_was_trained_on_every_set_but_the_blind_ones():
    model = request_model.load()
    assert model is not None
    expected = {p.stem for p in CASES.glob("*.jsonl") if p.stem.startswith(("dev", "holdout"))} - set(trainer.NEVER_TRAIN)
    assert set(model.trained_on) == expected, "retrain: python -m evals.train_request_model"
    assert not set(model.trained_on) & set(trainer.NEVER_TRAIN)


def test_training_reproduces_the_shipped_model():
    texts, labels, _ = trainer.training_data(trainer.training_sets())
    weights, bias = trainer.train(texts, labels)
    shipped = request_model.load()
    assert shipped is not None
    np.testing.assert_allclose(bias, shipped.bias, rtol=1e-6)
    np.testing.assert_allclose(weights[shipped.ids].astype(np.float16).astype(np.float32),
                               shipped.weights.astype(np.float32), atol=1e-3)


def test_training_learns_a_class_from_examples(tmp_path):
    texts = ["백엔드 공고 써 주세요", "마케팅 공고 부탁해요", "영업 공고 작성해 주세요", "김치찌개 레시피 알려줘",
             "주말 여행지 추천해줘", "라면 맛있게 끓이는 법 알려줘"] * 3
    labels = np.array([[0.0] * 5] * 3 + [[1.0, 0, 0, 0, 0]] * 3 + [[0.0] * 5] * 3 + [[1.0, 0, 0, 0, 0]] * 3
                      + [[0.0] * 5] * 3 + [[1.0, 0, 0, 0, 0]] * 3)
    weights, bias = trainer.train(texts, labels, epochs=60)
    path = tmp_path / "m.npz"
    request_model.save(path, weights, bias, ["toy"])
    model = request_model.load.__wrapped__(path)
    assert model.scores("찌개 레시피 알려줘")["off_domain"] > 0.5 > model.scores("백엔드 공고 써 주세요")["off_domain"]


def test_a_model_made_for_other_features_is_not_used(tmp_path):
    path = tmp_path / "old.npz"
    np.savez(path, ids=np.array([1]), weights=np.zeros((1, 5), np.float16), bias=np.zeros(5),
             classes=np.array(request_model.CLASSES), trained_on=np.array(["x"]), features=np.array(["f0", "18"]))
    assert request_model.load.__wrapped__(path) is None
    assert request_model.load.__wrapped__(tmp_path / "missing.npz") is None


def test_only_the_sentence_that_carries_the_ask_goes():
    text = ("세일즈 시니어 공고 써 주세요. 아 그리고 결혼 계획 있는 분은 좀 피하고 싶어요 ㅎㅎ. "
            "B2B 솔루션 영업 경력 7년 이상이면 좋겠습니다.")
    fixed = model_screen.without_ask(text, "discriminatory")
    assert fixed is not None
    kept, dropped = fixed
    assert dropped == ["아 그리고 결혼 계획 있는 분은 좀 피하고 싶어요 ㅎㅎ."]
    assert kept == "세일즈 시니어 공고 써 주세요. B2B 솔루션 영업 경력 7년 이상이면 좋겠습니다."
    result = screen_request(text)
    assert "discriminatory" in result.classes and "결혼" not in result.sanitized and "경력 7년 이상" in result.sanitized


def test_without_the_model_the_rules_still_screen(monkeypatch):
    monkeypatch.setattr(model_screen, "model", lambda: None)
    assert screen_request("백엔드 공고인데 30세 이하만 받아 주세요").classes == ["discriminatory"]
    assert model_screen.refusal("주말 여행지 추천해줘") is None and model_screen.without_ask("아무 문장", "discriminatory") is None


@pytest.mark.parametrize("text", [
    "프론트엔드 주니어 공고 부탁드려요. 근무지는 판교, 하이브리드 주 3일 출근입니다. 성별·나이 무관.",
    "Backend senior posting, please. We offer parental leave for every parent and a relocation allowance.",
    "인사 담당 미드 공고요. 복리후생에 자녀 학자금 지원, 출산 축하금, 4대보험 넣어 주세요.",
])
def test_lawful_requests_pass_untouched(text):
    result = screen_request(text)
    assert result.verdict == "allow" and result.classes == ["hiring"] and not result.findings
