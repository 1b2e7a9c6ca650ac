import pytest
from pydantic import ValidationError

from storage import (
    FeedbackDraft,
    FeedbackStore,
    HandoffDraft,
    HandoffNotOpen,
    HandoffReason,
    HandoffState,
    HandoffStore,
    LiveAuthor,
    UserRole,
    UserStore,
    make_engine,
)


def test_rating_is_stored_durably(database_url, engine):
    FeedbackStore(engine).add(FeedbackDraft(sender_id="web-1", rating=5, comment="Rất nhanh, cảm ơn"))
    engine.dispose()
    fresh = make_engine(database_url)
    try:
        with fresh.connect() as connection:
            rows = connection.exec_driver_sql("SELECT rating, comment FROM feedback").all()
    finally:
        fresh.dispose()
    assert [tuple(row) for row in rows] == [(5, "Rất nhanh, cảm ơn")]


@pytest.mark.parametrize("rating", [0, 6, "năm"])
def test_rating_outside_one_to_five_is_rejected(rating):
    with pytest.raises(ValidationError):
        FeedbackDraft(sender_id="web-1", rating=rating)


def test_open_handoffs_oldest_first_without_resolved(engine):
    store = HandoffStore(engine)
    first = store.add(
        HandoffDraft(sender_id="zalo-1", reason=HandoffReason.REQUESTED, last_message="gặp nhân viên")
    )
    resolved = store.add(HandoffDraft(sender_id="web-2", reason=HandoffReason.REPEATED_FAILURE))
    last = store.add(HandoffDraft(sender_id="web-3", reason="repeated_failure", last_message="???"))
    store.close(resolved.id)
    assert [handoff.id for handoff in store.open_handoffs()] == [first.id, last.id]


def test_marking_a_waiting_conversation_again_updates_it(engine):
    store = HandoffStore(engine)
    store.add(HandoffDraft(sender_id="web-1", reason=HandoffReason.REPEATED_FAILURE, last_message="abc"))
    store.add(
        HandoffDraft(sender_id="web-1", reason=HandoffReason.REQUESTED, last_message="cho gặp người thật")
    )
    [waiting] = store.open_handoffs()
    assert (waiting.reason, waiting.last_message) == (HandoffReason.REQUESTED, "cho gặp người thật")


def test_unknown_reason_is_rejected():
    with pytest.raises(ValidationError):
        HandoffDraft(sender_id="web-1", reason="bored")


@pytest.fixture
def staff(engine):
    users = UserStore(engine)
    return users.add("tongdai1", "Tổng đài 1", UserRole.STAFF, "x"), users.add(
        "tongdai2", "Tổng đài 2", UserRole.STAFF, "x"
    )


def test_staff_take_answer_and_release_a_conversation(engine, staff):
    store = HandoffStore(engine)
    handoff = store.add(HandoffDraft(sender_id="zalo-1", reason=HandoffReason.REQUESTED, channel="zalo"))
    assert store.held("zalo-1") is None and store.open_for("zalo-1").id == handoff.id
    taken = store.take(handoff.id, staff[0].id)
    assert (taken.state, taken.taken_by) == (HandoffState.TAKEN, staff[0].id)
    assert store.held("zalo-1").id == handoff.id
    with pytest.raises(HandoffNotOpen):
        store.take(handoff.id, staff[1].id)  # already taken
    store.add_message(handoff.id, LiveAuthor.CITIZEN, "em cần hỏi về sổ đỏ")
    reply = store.add_message(handoff.id, LiveAuthor.STAFF, "Chào chị, em xem giúp ạ.", user_id=staff[0].id)
    assert [m.text for m in store.staff_messages_for("zalo-1")] == ["Chào chị, em xem giúp ạ."]
    assert store.staff_messages_for("zalo-1", after_id=reply.id) == []
    with pytest.raises(HandoffNotOpen):
        store.release(handoff.id, staff[1].id)  # only who holds it
    assert store.release(handoff.id, staff[0].id).state is HandoffState.RELEASED
    assert store.held("zalo-1") is None and store.open_handoffs() == []
    assert store.open_for("zalo-1") is None
    # Asking again later opens a new entry in the queue.
    again = store.add(HandoffDraft(sender_id="zalo-1", reason=HandoffReason.REQUESTED))
    assert again.id != handoff.id and again.state is HandoffState.WAITING
