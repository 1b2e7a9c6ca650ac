"""FastAPI dependencies: the storage services and the signed-in account, with role checks."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer

from actions.knowledge import procedure_search
from knowledge_base.profile import ProvinceProfile
from search_index import ProcedureSearch
from settings import Settings
from storage import (
    AuditLog,
    ComplaintService,
    HandoffStore,
    Reports,
    SenderPseudonyms,
    User,
    UserRole,
    UserStore,
)
from storage.friction import FrictionReport
from webhook.channels.zalo.channel import ZaloChannel
from webhook.core.security import username_from_token
from webhook.rate_limits import RateLimits

# No automatic error: a request without a token gets the same Vietnamese 401 as one with a bad token.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_profile(request: Request) -> ProvinceProfile:
    return request.app.state.profile


def get_complaints(request: Request) -> ComplaintService:
    return request.app.state.complaints


def get_users(request: Request) -> UserStore:
    return request.app.state.users


def get_audit(request: Request) -> AuditLog:
    return request.app.state.audit


def get_handoffs(request: Request) -> HandoffStore:
    return request.app.state.handoffs


def get_friction(request: Request) -> FrictionReport:
    return request.app.state.friction


def get_zalo(request: Request) -> ZaloChannel | None:
    """The Zalo channel, or None when it is not configured."""
    return request.app.state.zalo


def get_reports(request: Request) -> Reports:
    return request.app.state.reports


def get_rate_limits(request: Request) -> RateLimits:
    return request.app.state.rate_limits


def get_pseudonyms(request: Request) -> SenderPseudonyms:
    return request.app.state.pseudonyms


def get_search() -> ProcedureSearch:
    """The process's one procedure search, the same the action server's actions use: loaded on first use
    (e5 and the index, several seconds, at most once however many requests wait for it), then kept."""
    return procedure_search()


SettingsDep = Annotated[Settings, Depends(get_settings)]
ProfileDep = Annotated[ProvinceProfile, Depends(get_profile)]
ComplaintsDep = Annotated[ComplaintService, Depends(get_complaints)]
UsersDep = Annotated[UserStore, Depends(get_users)]
AuditDep = Annotated[AuditLog, Depends(get_audit)]
HandoffsDep = Annotated[HandoffStore, Depends(get_handoffs)]
ZaloDep = Annotated[ZaloChannel | None, Depends(get_zalo)]
ReportsDep = Annotated[Reports, Depends(get_reports)]
FrictionDep = Annotated[FrictionReport, Depends(get_friction)]
SearchDep = Annotated[ProcedureSearch, Depends(get_search)]
RateLimitsDep = Annotated[RateLimits, Depends(get_rate_limits)]
PseudonymsDep = Annotated[SenderPseudonyms, Depends(get_pseudonyms)]

_UNAUTHENTICATED = HTTPException(
    status.HTTP_401_UNAUTHORIZED,
    "Phiên đăng nhập không hợp lệ hoặc đã hết hạn, vui lòng đăng nhập lại.",
    headers={"WWW-Authenticate": "Bearer"},
)


def get_current_user(
    token: Annotated[str | None, Depends(oauth2_scheme)], settings: SettingsDep, users: UsersDep
) -> User:
    username = username_from_token(token, settings.secret_key) if token else None
    user = users.get(username) if username else None
    if user is None or not user.active:
        raise _UNAUTHENTICATED
    return user


def require_manager(user: Annotated[User, Depends(get_current_user)]) -> User:
    if user.role is not UserRole.MANAGER:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Chức năng này chỉ dành cho cán bộ quản lý.")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
ManagerUser = Annotated[User, Depends(require_manager)]
