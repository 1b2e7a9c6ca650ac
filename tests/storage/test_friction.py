"""The friction report on both databases: per-procedure counts and ranking, the date range, ratings joined
through the keyed hash, and unanswered questions grouped, scrubbed and pointed at the nearest procedure."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, select

from storage import (
    ComplaintDraft,
    ComplaintService,
    ConversationEventDraft,
    ConversationEventKind,
    ConversationEventStore,
    FeedbackDraft,
    FeedbackStore,
    SenderPseudonyms,
)
from storage import conversation_events as events_module
from storage.conversation_events import conversation_events
from storage.friction import FrictionReport, ReportPeriod

Kind = ConversationEventKind
PSEUDONYMS = SenderPseudonyms("khoa-gia-danh-chi-dung-cho-thu-nghiem")
BIRTH = ("1.001193", "Thủ tục đăng ký khai sinh")
RESIDENCE = ("1.004222", "Thủ tục đăng ký thường trú")
PASSPORT = ("2.002159", "Cấp hộ chiếu phổ thông")
UNEMPLOYMENT = ("1.001978", "Giải quyết hưởng trợ cấp thất nghiệp")


@pytest.fixture
def record(engine: Engine):
    store = ConversationEventStore(engine)

    def add(sender: str, kind: ConversationEventKind, procedure=(None, None), question=None) -> None:
        store.add(
            ConversationEventDraft(
                sender_key=PSEUDONYMS(sender),
                channel="rest",
                kind=kind,
                procedure_code=procedure[0],
                procedure_name=procedure[1],
                question=question,
            )
        )

    return add


@pytest.fixture
def report(engine: Engine) -> FrictionReport:
    return FrictionReport(engine, PSEUDONYMS)


def _complain(
    service: ComplaintService, draft: ComplaintDraft, procedure: tuple[str, str], sender: str
) -> None:
    service.file(
        draft.model_copy(
            update={
                "procedure_code": procedure[0],
                "procedure_name": f"{procedure[1]} ({procedure[0]})",
                "sender_id": sender,
            }
        )
    )


def test_procedures_are_ranked_by_friction_score(record, report, engine, service, draft) -> None:
    # Birth registration: three conversations (one asks twice), one with a question left unanswered
    # afterwards, one handed to staff, ratings 1 and 5.
    for sender in ("a", "a", "b", "c"):
        record(sender, Kind.ANSWERED, BIRTH)
    record("a", Kind.NO_MATCH, (BIRTH[0], None), "con ngoài giá thú thì sao")
    record("a", Kind.NO_MATCH, (BIRTH[0], None), "vậy phải làm sao")
    record("b", Kind.HANDOFF, (BIRTH[0], None))
    ratings = FeedbackStore(engine)
    ratings.add(FeedbackDraft(sender_id="a", rating=1))
    ratings.add(FeedbackDraft(sender_id="b", rating=5))
    # Residence: asked once, but two complaints.
    record("d", Kind.ANSWERED, RESIDENCE)
    _complain(service, draft, RESIDENCE, "d")
    _complain(service, draft, RESIDENCE, "x")
    # Passport: asked by five, no trouble, rated 4 by one; walked through by two, finished by one.
    for sender in "efghi":
        record(sender, Kind.ANSWERED, PASSPORT)
    record("e", Kind.WALKTHROUGH_STARTED, PASSPORT)
    record("f", Kind.WALKTHROUGH_STARTED, PASSPORT)
    record("f", Kind.WALKTHROUGH_FINISHED, PASSPORT)
    ratings.add(FeedbackDraft(sender_id="e", rating=4))
    # Unemployment benefit: only a complaint, no conversation.
    _complain(service, draft, UNEMPLOYMENT, "y")

    rows = {row.procedure_code: row for row in report.procedures(ReportPeriod())}
    assert [row.procedure_code for row in report.procedures(ReportPeriod())] == [
        RESIDENCE[0],  # 3 × 2 complaints = 6
        BIRTH[0],  # 1 unanswered + 1 handoff + 1 low rating = 3
        UNEMPLOYMENT[0],  # 3 × 1 complaint = 3, but no rating: after the one rated 3.0
        PASSPORT[0],  # 0
    ]
    birth = rows[BIRTH[0]]
    assert (birth.conversations, birth.unanswered, birth.handoffs, birth.complaints) == (3, 1, 1, 0)
    assert (birth.ratings, birth.average_rating, birth.low_ratings, birth.friction_score) == (2, 3.0, 1, 3)
    assert birth.procedure_name == BIRTH[1]
    passport = rows[PASSPORT[0]]
    walkthroughs = (passport.walkthroughs_started, passport.walkthroughs_finished)
    assert (passport.conversations, walkthroughs) == (5, (2, 1))
    assert (passport.average_rating, passport.friction_score) == (4.0, 0)
    unemployment = rows[UNEMPLOYMENT[0]]
    assert (unemployment.conversations, unemployment.complaints) == (0, 1)
    assert unemployment.procedure_name == UNEMPLOYMENT[1]


def test_a_procedure_the_bot_only_offered_is_not_listed(
    record, report, engine, service, draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    def at(*moment: int) -> None:
        monkeypatch.setattr(events_module, "utc_now", lambda: datetime(*moment, tzinfo=timezone.utc))

    # Birth: asked about in November; in December only a question left unanswered and a handoff, while
    # birth was still the conversation's topic: a conversation about birth in December too.
    at(2025, 11, 20, 3)
    record("e", Kind.ANSWERED, BIRTH)
    at(2025, 12, 2, 3)
    record("e", Kind.NO_MATCH, (BIRTH[0], None), "con ngoài giá thú thì sao")
    record("e", Kind.HANDOFF, (BIRTH[0], None))
    # Offers: the likely procedure as a button (unsure), or one of several (choices), never picked.
    record("a", Kind.UNSURE, UNEMPLOYMENT, "hỏi về trợ cấp thất nghiệp")
    record("b", Kind.CHOICES, PASSPORT)
    # Residence: offered to one citizen, who rated the bot 1, and asked about by another.
    record("c", Kind.CHOICES, RESIDENCE)
    FeedbackStore(engine).add(FeedbackDraft(sender_id="c", rating=1))
    record("d", Kind.ANSWERED, RESIDENCE)

    rows = report.procedures(ReportPeriod(date_from=date(2025, 12, 1), date_to=date(2025, 12, 31)))
    assert [(row.procedure_code, row.conversations) for row in rows] == [(BIRTH[0], 1), (RESIDENCE[0], 1)]
    birth, residence = rows
    assert (birth.unanswered, birth.handoffs, birth.friction_score) == (1, 1, 2)
    assert birth.procedure_name == BIRTH[1]  # as last recorded, before the period
    assert (residence.ratings, residence.friction_score) == (0, 0)  # c's rating is no rating of residence
    # A complaint lists an offered procedure all the same.
    _complain(service, draft, UNEMPLOYMENT, "a")
    listed = [(row.procedure_code, row.conversations) for row in report.procedures(ReportPeriod())]
    assert listed == [(UNEMPLOYMENT[0], 0), (BIRTH[0], 1), (RESIDENCE[0], 1)]


def test_the_period_bounds_events_and_complaints_in_vietnam_days(
    record, report, service, draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 23:30 on 30 Nov in Vietnam is 16:30 UTC: still November, whatever the server's zone.
    monkeypatch.setattr(events_module, "utc_now", lambda: datetime(2025, 11, 30, 16, 30, tzinfo=timezone.utc))
    record("a", Kind.ANSWERED, BIRTH)
    monkeypatch.setattr(events_module, "utc_now", lambda: datetime(2025, 11, 30, 17, 30, tzinfo=timezone.utc))
    record("b", Kind.ANSWERED, BIRTH)
    record("b", Kind.HANDOFF, (BIRTH[0], None))
    _complain(service, draft, RESIDENCE, "c")  # filed now, after the period

    november = report.procedures(ReportPeriod(date_from=date(2025, 11, 1), date_to=date(2025, 11, 30)))
    assert [(row.procedure_code, row.conversations, row.handoffs) for row in november] == [(BIRTH[0], 1, 0)]
    december = report.procedures(ReportPeriod(date_from=date(2025, 12, 1), date_to=date(2025, 12, 1)))
    assert [(row.procedure_code, row.handoffs) for row in december] == [(BIRTH[0], 1)]


def test_unanswered_questions_are_grouped_with_examples_and_the_nearest_procedure(record, report) -> None:
    record("a", Kind.UNSURE, UNEMPLOYMENT, "tôi tên Lan sđt 0912.345.678 hỏi về trợ cấp thất nghiệp")
    record("b", Kind.NO_MATCH, (BIRTH[0], None), "tro cap that nghiep lam o dau")
    record("c", Kind.UNSURE, UNEMPLOYMENT, "hưởng trợ cấp thất nghiệp cần giấy tờ gì")
    record("c", Kind.NOT_UNDERSTOOD, question="trợ cấp thất nghiệp được bao nhiêu tiền")
    record("d", Kind.OUT_OF_SCOPE, question="xin visa đi Hàn Quốc")
    record("e", Kind.NO_MATCH, question="làm visa Hàn Quốc mất bao lâu")
    record("f", Kind.OUT_OF_SCOPE, question="bóng đá tối nay")
    record("g", Kind.ANSWERED, BIRTH)  # answered: not among them

    groups = report.unanswered(ReportPeriod())
    assert [(g.questions, g.conversations) for g in groups] == [(4, 3), (2, 2), (1, 1)]
    benefit, visa, football = groups
    assert all("thất nghiệp" in q or "that nghiep" in q for q in benefit.examples)
    assert len(benefit.examples) == 3
    assert (benefit.nearest_procedure_code, benefit.nearest_procedure_name) == UNEMPLOYMENT
    assert benefit.outcomes == {Kind.UNSURE: 2, Kind.NO_MATCH: 1, Kind.NOT_UNDERSTOOD: 1}
    assert visa.nearest_procedure_code is None  # the topic of a failure is no suggestion
    assert football.examples == ["bóng đá tối nay"]


def test_a_stored_unanswered_question_never_holds_a_full_phone_number(record, engine) -> None:
    record("a", Kind.NO_MATCH, question="tôi tên Lan sđt 0912.345.678 hỏi về trợ cấp thất nghiệp")
    record("b", Kind.NOT_UNDERSTOOD, question="gọi +84 912 345 678 hoặc 0283 822 1234 giúp em")
    with engine.connect() as connection:
        stored = connection.execute(select(conversation_events.c.question)).scalars().all()
    assert stored[0] == "tôi tên [TÊN] sđt [SĐT] hỏi về trợ cấp thất nghiệp"
    for question in stored:
        digits = re.sub(r"[\s.+-]", "", question)
        assert not re.search(r"\d{7,}", digits), question


def test_only_unanswered_questions_keep_the_citizens_words() -> None:
    with pytest.raises(ValidationError):
        ConversationEventDraft(
            sender_key=PSEUDONYMS("a"), kind=Kind.ANSWERED, procedure_code=BIRTH[0], question="khai sinh"
        )
