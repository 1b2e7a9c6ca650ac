"""Request and response models of the gateway's public API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ChatRequest(BaseModel):
    sender_id: str = Field(
        min_length=1, max_length=128, pattern=r"^[\w.:@-]+$", description="Stable id of the citizen"
    )
    text: str = Field(min_length=1, max_length=2000, description="What the citizen typed")


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    text: str | None = None
    buttons: list[Button] = Field(default_factory=list)


class ChatReply(BaseModel):
    messages: list[BotMessage]


ServiceState = Literal["ok", "down"]


class ServiceHealth(BaseModel):
    status: ServiceState
    detail: str | None = None


class HealthReport(BaseModel):
    status: Literal["ok", "degraded"]
    services: dict[str, ServiceHealth]


class ProvinceInfo(BaseModel):
    """The public facts of the deployed province that the web chat shows."""

    province: str = Field(description="Province name, e.g. Tây Ninh")
    hotline_text: str = Field(description="What citizens are told to call for help")
    portal_url: str = Field(description="Where citizens submit applications online")
