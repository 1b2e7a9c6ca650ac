"""Conversation events for the friction report: outcomes per turn, the sender as a keyed hash.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

KINDS = (
    "answered", "choices", "unsure", "no_match", "not_understood", "out_of_scope", "handoff",
    "walkthrough_started", "walkthrough_finished", "complaint_filed",
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "conversation_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender_key", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(255)),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("procedure_code", sa.String(255)),
        sa.Column("procedure_name", sa.String(255)),
        sa.Column("question", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_conversation_events"),
        sa.CheckConstraint(
            f"kind IN ({', '.join(repr(kind) for kind in KINDS)})", name=op.f("ck_conversation_events_kind")
        ),
    )
    for column in ("at", "sender_key", "procedure_code"):
        op.create_index(f"ix_conversation_events_{column}", "conversation_events", [column])


def downgrade() -> None:
    op.drop_table("conversation_events")
