"""Who saw whose personal data, and when: one row per view of full contact details or export."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import Column, Engine, ForeignKey, Integer, String, Table, insert, select

from storage.db import UtcDateTime, metadata, utc_now
from storage.fields import LINE_MAX


class AuditEntry(BaseModel):
    id: int
    user_id: int
    action: str  # e.g. "view_complaint_contact", "export_complaints_csv"
    subject: str  # what was seen: a reference code, or the export's filter
    at: datetime


audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", name="fk_audit_log_user_id_users"), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", String(LINE_MAX), nullable=False),
    Column("at", UtcDateTime, nullable=False, index=True),
)


class AuditLog:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, user_id: int, action: str, subject: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                insert(audit_log).values(
                    user_id=user_id, action=action, subject=subject[:LINE_MAX], at=utc_now()
                )
            )

    def entries(self, limit: int = 200) -> list[AuditEntry]:
        """The newest entries first."""
        with self._engine.connect() as connection:
            rows = connection.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)).all()
        return [AuditEntry.model_validate(row._mapping) for row in rows]
