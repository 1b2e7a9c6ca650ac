"""Health of every service behind the gateway, for operators and the launcher."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Request, Response

from webhook.schemas import HealthReport, ServiceHealth

router = APIRouter(tags=["health"])


async def _action_server_health(url: str) -> ServiceHealth:
    try:
        async with httpx.AsyncClient(timeout=5.0) as http:
            (await http.get(f"{url}/health")).raise_for_status()
    except httpx.HTTPError as error:
        return ServiceHealth(status="down", detail=str(error) or type(error).__name__)
    return ServiceHealth(status="ok")


@router.get(
    "/health", response_model=HealthReport, summary="Status of the gateway, Rasa and the action server"
)
async def health(request: Request, response: Response) -> HealthReport:
    services = {
        "gateway": ServiceHealth(status="ok"),
        "rasa": await request.app.state.rasa.health(),
        "action_server": await _action_server_health(request.app.state.settings.action_server_url),
    }
    healthy = all(s.status == "ok" for s in services.values())
    response.status_code = 200 if healthy else 503
    return HealthReport(status="ok" if healthy else "degraded", services=services)


@router.get("/health/live", summary="The gateway process is up")
async def live() -> dict[str, str]:
    return {"status": "ok"}
