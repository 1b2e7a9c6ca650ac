"""Messaging channels (Zalo): inbound events recorded once, outbound messages, the platform's token pair.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbound_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("event_name", sa.String(64), nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_inbound_events"),
        sa.UniqueConstraint("channel", "event_id", name="uq_inbound_events_channel_event_id"),
    )
    op.create_index("ix_inbound_events_sender_id", "inbound_events", ["sender_id"])
    op.create_index("ix_inbound_events_handled_at", "inbound_events", ["handled_at"])
    op.create_table(
        "outbound_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("recipient_id", sa.String(255), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_outbound_messages"),
        sa.CheckConstraint(
            "state IN ('pending', 'sent', 'failed', 'waiting')", name=op.f("ck_outbound_messages_state")
        ),
    )
    op.create_index("ix_outbound_messages_recipient_id", "outbound_messages", ["recipient_id"])
    op.create_index("ix_outbound_messages_state", "outbound_messages", ["state"])
    op.create_table(
        "channel_tokens",
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("access_token", sa.Text, nullable=False),
        sa.Column("refresh_token", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel", name="pk_channel_tokens"),
    )


def downgrade() -> None:
    for table in ("channel_tokens", "outbound_messages", "inbound_events"):
        op.drop_table(table)
