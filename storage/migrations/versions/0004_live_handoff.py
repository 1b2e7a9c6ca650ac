"""Live handoff: a handoff is waiting, taken by a member of staff, or released; the live chat is kept.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("channel", sa.String(32)))
        batch.add_column(sa.Column("state", sa.String(32)))
        batch.add_column(sa.Column("taken_by", sa.Integer))
        batch.add_column(sa.Column("taken_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("released_at", sa.DateTime(timezone=True)))
    # Handoffs made before: the web chat was the only channel; resolved ones go back to the bot.
    op.execute(
        "UPDATE handoffs SET channel = 'web', state = CASE WHEN resolved THEN 'released' ELSE 'waiting' END"
    )
    with op.batch_alter_table("handoffs") as batch:
        batch.alter_column("channel", existing_type=sa.String(32), nullable=False)
        batch.alter_column("state", existing_type=sa.String(32), nullable=False)
        batch.create_check_constraint(op.f("ck_handoffs_state"), "state IN ('waiting', 'taken', 'released')")
        batch.create_foreign_key("fk_handoffs_taken_by_users", "users", ["taken_by"], ["id"])
        batch.create_index("ix_handoffs_state", ["state"])
        batch.drop_index("ix_handoffs_resolved")
        batch.drop_column("resolved")
    op.create_table(
        "live_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("handoff_id", sa.Integer, nullable=False),
        sa.Column("author", sa.String(32), nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_live_messages"),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"], name="fk_live_messages_handoff_id_handoffs"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_live_messages_user_id_users"),
        sa.CheckConstraint("author IN ('citizen', 'staff')", name=op.f("ck_live_messages_author")),
    )
    op.create_index("ix_live_messages_handoff_id", "live_messages", ["handoff_id"])


def downgrade() -> None:
    op.drop_table("live_messages")
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("resolved", sa.Boolean))
    op.execute("UPDATE handoffs SET resolved = (state = 'released')")
    with op.batch_alter_table("handoffs") as batch:
        batch.alter_column("resolved", existing_type=sa.Boolean, nullable=False)
        batch.create_index("ix_handoffs_resolved", ["resolved"])
        batch.drop_index("ix_handoffs_state")
        batch.drop_constraint("fk_handoffs_taken_by_users", type_="foreignkey")
        batch.drop_constraint(op.f("ck_handoffs_state"), type_="check")
        for column in ("released_at", "taken_at", "taken_by", "state", "channel"):
            batch.drop_column(column)
