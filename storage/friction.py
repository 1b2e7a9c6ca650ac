"""The friction report: which procedures cause citizens trouble, and which questions the bot cannot answer.

Built from conversation events (storage/conversation_events.py), complaints and ratings. Counts are of
conversations (a sender's events), so a citizen who asks four follow-ups, or fails twice, counts once.

Per procedure, over the period:
- conversations: conversations about it: with an event naming it other than the bot's offers (see _ABOUT)
  — an answer, its document walkthrough, a complaint filed in the chat, or a failed, off-topic or handed-over
  turn while it was the topic (asked about earlier, perhaps before the period). A procedure the bot only
  offered (unsure, choices) has none, and is listed only if complained about;
- unanswered: conversations about it in which a later question got no answer (nothing fit, or NLU could
  not place it) — what the answer about the procedure left open;
- handoffs: conversations about it handed to staff;
- complaints: complaints filed about it (complaints table);
- average_rating / low_ratings: ratings given in conversations about it (a rating of 1–2 is low); ratings
  are joined through the sender's keyed hash.

Friction score = unanswered + handoffs + 3 × complaints + low_ratings. Every term is a citizen who met a
problem with this procedure; a complaint weighs three times as much because the citizen went as far as
a formal complaint about the real dossier, not just the bot. Counts rather than rates: a complaint needs
no conversation, and a rate over a handful of conversations would put rare procedures on top by chance.
Ties: lower average rating first, then more conversations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import Connection, Engine, Row, and_, case, func, select, true
from sqlalchemy.sql.elements import ColumnElement

from storage.complaints import complaints, vietnam_day_start
from storage.conversation_events import UNANSWERED_KINDS, ConversationEventKind, conversation_events
from storage.feedback import feedback
from storage.pseudonyms import SenderPseudonyms
from storage.question_groups import group_questions
from vietnamese import fold_diacritics

COMPLAINT_WEIGHT = 3
LOW_RATING = 2
# The newest unanswered questions grouped at most; the grouping compares every pair.
MAX_QUESTIONS = 2000
EXAMPLES_PER_GROUP = 3

# What makes a conversation one about the procedure the event names: every kind but the bot's offers.
# Answers, walkthroughs and filed complaints name the procedure concerned; failures, off-topic turns and
# handoffs name the conversation's topic, which only an answer, a picked button or a procedure named for
# a walkthrough sets. Unsure and choices name what search offered: the citizen may never have taken it up.
_OFFERED = (ConversationEventKind.UNSURE, ConversationEventKind.CHOICES)
_ABOUT = tuple(kind for kind in ConversationEventKind if kind not in _OFFERED)
_FAILED = (ConversationEventKind.NO_MATCH, ConversationEventKind.NOT_UNDERSTOOD)


def friction_score(unanswered: int, handoffs: int, complaints: int, low_ratings: int) -> int:
    return unanswered + handoffs + COMPLAINT_WEIGHT * complaints + low_ratings


class ReportPeriod(BaseModel):
    """Days in Vietnam's calendar, both included; None leaves that side open."""

    date_from: date | None = None
    date_to: date | None = None

    def condition(self, column: ColumnElement[datetime]) -> ColumnElement[bool]:
        bounds = [true()]
        if self.date_from:
            bounds.append(column >= vietnam_day_start(self.date_from))
        if self.date_to:
            bounds.append(column < vietnam_day_start(self.date_to + timedelta(days=1)))
        return and_(*bounds)


class ProcedureFriction(BaseModel):
    procedure_code: str
    procedure_name: str | None
    conversations: int = Field(description="Conversations about the procedure (not merely offered it)")
    unanswered: int = Field(description="Conversations about it in which a later question got no answer")
    handoffs: int = Field(description="Conversations about it handed over to staff")
    complaints: int = Field(description="Complaints filed about it")
    ratings: int = Field(description="Ratings given in conversations about it")
    average_rating: float | None = Field(description="Their average (1–5), none without ratings")
    low_ratings: int = Field(description=f"Ratings of {LOW_RATING} or less among them")
    walkthroughs_started: int = Field(description="Conversations that began its document walkthrough")
    walkthroughs_finished: int = Field(description="Conversations that went through to the summary")
    friction_score: int = Field(
        description=f"unanswered + handoffs + {COMPLAINT_WEIGHT} × complaints + low_ratings"
    )


class UnansweredGroup(BaseModel):
    questions: int = Field(description="Questions in the group")
    conversations: int = Field(description="Conversations they came from")
    examples: list[str] = Field(description="The most typical questions, scrubbed of personal data")
    outcomes: dict[ConversationEventKind, int] = Field(description="What the bot did, by outcome")
    nearest_procedure_code: str | None = Field(
        description="The procedure search offered most often (unsure) for these questions, if any"
    )
    nearest_procedure_name: str | None
    last_asked: datetime


class FrictionReport:
    def __init__(self, engine: Engine, pseudonyms: SenderPseudonyms) -> None:
        self._engine = engine
        self._pseudonyms = pseudonyms

    def procedures(self, period: ReportPeriod) -> list[ProcedureFriction]:
        """Every procedure with conversations or complaints in the period, highest friction first."""
        e = conversation_events.c
        about = and_(e.procedure_code.is_not(None), e.kind.in_(_ABOUT), period.condition(e.at))

        def conversations(*kinds: ConversationEventKind) -> ColumnElement[int]:
            return func.count(func.distinct(case((e.kind.in_(kinds), e.sender_key))))

        with self._engine.connect() as connection:
            counts = connection.execute(
                select(
                    e.procedure_code,
                    func.count(func.distinct(e.sender_key)).label("conversations"),
                    conversations(*_FAILED).label("unanswered"),
                    conversations(ConversationEventKind.HANDOFF).label("handoffs"),
                    conversations(ConversationEventKind.WALKTHROUGH_STARTED).label("walkthroughs_started"),
                    conversations(ConversationEventKind.WALKTHROUGH_FINISHED).label("walkthroughs_finished"),
                )
                .where(about)
                .group_by(e.procedure_code)
            ).all()
            about_by = connection.execute(
                select(e.procedure_code, e.sender_key).distinct().where(about)
            ).all()
            complained = connection.execute(
                select(complaints.c.procedure_code, func.count(), func.max(complaints.c.procedure_name))
                .where(complaints.c.procedure_code.is_not(None), period.condition(complaints.c.created_at))
                .group_by(complaints.c.procedure_code)
            ).all()
            ratings = connection.execute(
                select(feedback.c.sender_id, feedback.c.rating).where(period.condition(feedback.c.created_at))
            ).all()
            codes = {row.procedure_code for row in counts} | {row[0] for row in complained}
            names = self._names(connection, codes)

        complaint_counts = {code: count for code, count, _ in complained}
        for code, _, name in complained:  # "Đăng ký khai sinh (1.001193)", as the complaint form keeps it
            names.setdefault(code, name.removesuffix(f"({code})").rstrip() if name else None)
        rated = self._ratings_by_procedure(about_by, ratings)
        by_code = {row.procedure_code: row for row in counts}
        report = []
        for code in codes:
            row = by_code.get(code)
            scores = rated.get(code, [])
            low = sum(score <= LOW_RATING for score in scores)
            unanswered, handoffs = (row.unanswered, row.handoffs) if row else (0, 0)
            report.append(
                ProcedureFriction(
                    procedure_code=code,
                    procedure_name=names.get(code),
                    conversations=row.conversations if row else 0,
                    unanswered=unanswered,
                    handoffs=handoffs,
                    complaints=complaint_counts.get(code, 0),
                    ratings=len(scores),
                    average_rating=round(sum(scores) / len(scores), 2) if scores else None,
                    low_ratings=low,
                    walkthroughs_started=row.walkthroughs_started if row else 0,
                    walkthroughs_finished=row.walkthroughs_finished if row else 0,
                    friction_score=friction_score(unanswered, handoffs, complaint_counts.get(code, 0), low),
                )
            )
        return sorted(
            report,
            key=lambda p: (
                -p.friction_score,
                p.average_rating if p.average_rating is not None else 6.0,
                -p.conversations,
                p.procedure_code,
            ),
        )

    def unanswered(self, period: ReportPeriod, limit: int = 50) -> list[UnansweredGroup]:
        """Questions the bot could not answer in the period (the newest MAX_QUESTIONS), grouped by
        similarity; the groups from most conversations down."""
        e = conversation_events.c
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(e.at, e.sender_key, e.kind, e.procedure_code, e.procedure_name, e.question)
                .where(e.kind.in_(UNANSWERED_KINDS), e.question.is_not(None), period.condition(e.at))
                .order_by(e.id.desc())
                .limit(MAX_QUESTIONS)
            ).all()
        grouped = group_questions([row.question for row in rows])
        groups = [self._group([rows[index] for index in members]) for members in grouped]
        groups.sort(key=lambda g: (-g.conversations, -g.questions, -g.last_asked.timestamp()))
        return groups[:limit]

    # --- internals -----------------------------------------------------------------------------------------

    @staticmethod
    def _names(connection: Connection, codes: set[str]) -> dict[str, str]:
        """The name each procedure was last recorded under, whenever that was."""
        if not codes:
            return {}
        e = conversation_events.c
        latest = (
            select(e.procedure_code, func.max(e.id).label("id"))
            .where(e.procedure_code.in_(codes), e.procedure_name.is_not(None))
            .group_by(e.procedure_code)
            .subquery()
        )
        rows = connection.execute(
            select(e.procedure_code, e.procedure_name).join(latest, e.id == latest.c.id)
        )
        return {row.procedure_code: row.procedure_name for row in rows}

    def _ratings_by_procedure(self, about_by: Sequence[Row], ratings: Sequence[Row]) -> dict[str, list[int]]:
        """The ratings of the conversations about each procedure."""
        procedures_of: dict[str, set[str]] = defaultdict(set)
        for code, sender_key in about_by:
            procedures_of[sender_key].add(code)
        rated: dict[str, list[int]] = defaultdict(list)
        for sender_id, rating in ratings:
            for code in procedures_of.get(self._pseudonyms(sender_id), ()):
                rated[code].append(rating)
        return rated

    @staticmethod
    def _group(rows: Sequence[Row]) -> UnansweredGroup:
        examples: list[str] = []
        seen: set[str] = set()
        for row in rows:  # most typical first
            folded = " ".join(fold_diacritics(row.question.lower()).split())
            if folded not in seen and len(examples) < EXAMPLES_PER_GROUP:
                seen.add(folded)
                examples.append(row.question)
        offered = Counter(
            (row.procedure_code, row.procedure_name)
            for row in rows
            if row.kind is ConversationEventKind.UNSURE
        )
        (nearest_code, nearest_name), _ = offered.most_common(1)[0] if offered else ((None, None), 0)
        return UnansweredGroup(
            questions=len(rows),
            conversations=len({row.sender_key for row in rows}),
            examples=examples,
            outcomes=Counter(row.kind for row in rows),
            nearest_procedure_code=nearest_code,
            nearest_procedure_name=nearest_name,
            last_asked=max(row.at for row in rows),
        )
