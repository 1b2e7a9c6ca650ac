"""Complaint workflow: staff accounts, audit log, history of every change, new states, check-character codes.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATES = ("new", "assigned", "in_progress", "resolved", "closed", "rejected")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(255), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sa.CheckConstraint("role IN ('manager', 'staff')", name=op.f("ck_users_role")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_audit_log_user_id_users"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    with op.batch_alter_table("complaints") as batch:
        # Codes gain a check character: "PA-" + 6 random + 1.
        batch.alter_column("reference_code", type_=sa.String(10), existing_nullable=False)
        # The note shown to the citizen becomes the latest public reply; internal notes go to the history.
        batch.alter_column("last_update", new_column_name="public_reply", existing_type=sa.Text)
        batch.add_column(sa.Column("assignee_id", sa.Integer))
        batch.create_foreign_key("fk_complaints_assignee_id_users", "users", ["assignee_id"], ["id"])
        batch.drop_constraint(op.f("ck_complaints_status"), type_="check")
        batch.create_check_constraint(op.f("ck_complaints_status"), _in("status", STATES))
        batch.create_index("ix_complaints_status", ["status"])
    op.create_table(
        "complaint_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("complaint_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer),
        sa.Column("from_status", sa.String(32)),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("assignee_id", sa.Integer),
        sa.Column("note", sa.Text),
        sa.Column("public_reply", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_complaint_history"),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name="fk_complaint_history_complaint_id_complaints"
        ),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name="fk_complaint_history_actor_id_users"),
        sa.ForeignKeyConstraint(["assignee_id"], ["users.id"], name="fk_complaint_history_assignee_id_users"),
        sa.CheckConstraint(_in("from_status", STATES), name=op.f("ck_complaint_history_from_status")),
        sa.CheckConstraint(_in("to_status", STATES), name=op.f("ck_complaint_history_to_status")),
    )
    op.create_index("ix_complaint_history_complaint_id", "complaint_history", ["complaint_id"])
    # Complaints filed before the history existed get their filing as the first entry.
    op.execute(
        "INSERT INTO complaint_history (complaint_id, at, to_status, public_reply) "
        "SELECT id, created_at, status, public_reply FROM complaints"
    )


def downgrade() -> None:
    op.drop_table("complaint_history")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_index("ix_complaints_status")
        batch.drop_constraint(op.f("ck_complaints_status"), type_="check")
        batch.create_check_constraint(
            op.f("ck_complaints_status"), _in("status", (*STATES[:2], "resolved", "closed"))
        )
        batch.drop_constraint("fk_complaints_assignee_id_users", type_="foreignkey")
        batch.drop_column("assignee_id")
        batch.alter_column("public_reply", new_column_name="last_update", existing_type=sa.Text)
        batch.alter_column("reference_code", type_=sa.String(9), existing_nullable=False)
    op.drop_table("audit_log")
    op.drop_table("users")
