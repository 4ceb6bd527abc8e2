"""Scripted model replies shared by graph and API tests."""
from __future__ import annotations

import json

from llm.models import ModelSet
from llm.scripted import ScriptedChatModel

LEAKY_POSTING = """# [누리에이아이] 시니어 ML 엔지니어

## 회사소개
누리에이아이는 한국어 대화형 AI 스타트업입니다. 오로라 프로젝트와 한 빛 은행 파일럿을 이끌 분을 찾습니다.

## 주요업무
- 한국어 LLM 미세조정 파이프라인 운영
- 학습 서버 gpu-cluster.nuri.internal 관리

## 자격요건
- 만 30세 미만
- PyTorch 분산 학습 경험

## 우대사항
- vLLM 경험

## 복리후생
- 주 2회 재택근무

## 채용절차
서류전형 → 기술 면접 → 최종 합격

## 근무조건
- 정규직, 서울 강남구
"""

ENTITIES = {"job_title": "ML 엔지니어", "level": "시니어", "years": "8년 이상", "skills": ["PyTorch", "vLLM"],
            "duties": ["LLM 미세조정"], "qualifications": [], "preferred": [], "benefits": ["주 2회 재택근무"],
            "location": None, "employment_type": "정규직", "salary": None, "talent_profile": [], "hiring_process": []}


JUDGE_OK = '{"classes": [], "issues": [], "reason": "ok"}'


def responder(posting: str = LEAKY_POSTING, judge=lambda system, user: JUDGE_OK):
    def reply(messages) -> str:
        system = str(messages[0].content)
        if "compliance reviewer" in system:
            return judge(system, str(messages[-1].content))
        if "route requests" in system:
            return "custom"
        if "understand the request" in system:
            return "결과:\n" + json.dumps(ENTITIES | {"brief": "시니어 ML 엔지니어. PyTorch와 LLM 미세조정 경험 강조.\n"
                                                              "오로라 프로젝트 경험 강조."}, ensure_ascii=False)
        return posting
    return reply


def scripted_models(posting: str = LEAKY_POSTING, judge=lambda system, user: JUDGE_OK) -> ModelSet:
    return ModelSet(small=ScriptedChatModel(responder=responder(posting, judge)),
                    large=ScriptedChatModel(responder=responder(posting), chunk_chars=16))
