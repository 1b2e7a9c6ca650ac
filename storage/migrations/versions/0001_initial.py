"""The schema as the first release created it (complaints, feedback, handoffs), reproduced exactly.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference_code", sa.String(9), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("procedure_code", sa.String(255)),
        sa.Column("procedure_name", sa.String(255)),
        sa.Column("dossier_code", sa.String(255)),
        sa.Column("agency", sa.String(255), nullable=False),
        sa.Column("submitted_on", sa.Date),
        sa.Column("promised_on", sa.Date),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("citizen_name", sa.String(255), nullable=False),
        sa.Column("phone", sa.String(10), nullable=False),
        sa.Column("contact_consent", sa.Boolean, nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(255), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("last_update", sa.Text),
        sa.Column("answer_due", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_complaints"),
        sa.UniqueConstraint("reference_code", name="uq_complaints_reference_code"),
        sa.CheckConstraint(
            "kind IN ('slow', 'evasive', 'attitude', 'other')", name=op.f("ck_complaints_kind")
        ),
        sa.CheckConstraint(
            "status IN ('new', 'assigned', 'resolved', 'closed')", name=op.f("ck_complaints_status")
        ),
    )
    op.create_index("ix_complaints_sender_id", "complaints", ["sender_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("rating", sa.SmallInteger, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_feedback_rating_range")),
    )
    op.create_index("ix_feedback_sender_id", "feedback", ["sender_id"])
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("last_message", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_handoffs"),
        sa.CheckConstraint("reason IN ('requested', 'repeated_failure')", name=op.f("ck_handoffs_reason")),
    )
    op.create_index("ix_handoffs_sender_id", "handoffs", ["sender_id"])
    op.create_index("ix_handoffs_resolved", "handoffs", ["resolved"])


def downgrade() -> None:
    for table in ("handoffs", "feedback", "complaints"):
        op.drop_table(table)
