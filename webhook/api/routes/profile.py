"""The deployed province's public facts, for the web chat's title and footer."""

from __future__ import annotations

from fastapi import APIRouter, Request

from knowledge_base.profile import ProvinceProfile
from webhook.schemas import ProvinceInfo

router = APIRouter(prefix="/api", tags=["chat"])


@router.get("/profile", response_model=ProvinceInfo, summary="Province name, hotline and portal")
async def profile(request: Request) -> ProvinceInfo:
    province: ProvinceProfile = request.app.state.profile
    return ProvinceInfo(
        province=province.province, hotline_text=province.hotline_text, portal_url=province.portal_url
    )
