"""The document walkthrough on real province KB entries: which questions, in which order, what is missing."""

from __future__ import annotations

import pytest

from actions.checklist import applicable_documents, new_state, next_question, record_answer, summary_text
from knowledge_base.loader import load_procedures
from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import Procedure


@pytest.fixture(scope="module")
def birth_registration() -> Procedure:
    return next(p for p in load_procedures() if p.code == "1.001193")


def walk(procedure: Procedure, answer_for) -> dict:
    state = new_state(procedure.code)
    while (question := next_question(procedure, state)) is not None:
        state = record_answer(procedure, state, answer_for(question))
    return state


def test_confirmation_comes_first_then_case_questions_then_documents(birth_registration: Procedure):
    state = new_state(birth_registration.code)
    kinds = []
    while (question := next_question(birth_registration, state)) is not None:
        kinds.append(question.kind)
        state = record_answer(birth_registration, state, "no" if question.kind == "case" else "yes")
    assert kinds[0] == "confirm"
    assert kinds.index("document") > kinds.index("case")
    assert kinds.count("case") == len(birth_registration.case_questions)


def test_a_case_answered_no_drops_the_documents_it_requires(birth_registration: Procedure):
    state = walk(birth_registration, lambda q: "no" if q.kind == "case" else "yes")
    names = [d.name for _, d in applicable_documents(birth_registration, state["cases"])]
    assert not any("ủy quyền" in name for name in names)
    assert any("Giấy chứng sinh" in name for name in names)


def test_denying_the_procedure_starts_over_without_one(birth_registration: Procedure):
    state = record_answer(birth_registration, new_state(birth_registration.code), "no")
    assert state["code"] is None


def test_summary_lists_missing_documents_and_how_to_submit(birth_registration: Procedure):
    state = walk(
        birth_registration,
        lambda q: (
            "no"
            if q.kind == "document" and "Giấy chứng sinh" in birth_registration.documents[int(q.key)].name
            else ("no" if q.kind == "case" else "yes")
        ),
    )
    summary = summary_text(birth_registration, state, ProvinceProfile(province="Tây Ninh"))
    missing = summary.split("❌ Còn thiếu")[1]
    assert "Giấy chứng sinh" in missing
    assert "cơ sở y tế" in missing  # how to get it
    assert "trực tuyến" in summary
