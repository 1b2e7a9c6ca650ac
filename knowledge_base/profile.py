"""The province profile: the facts about one province that every answer may need (profile.yml)."""

from __future__ import annotations

from datetime import date

from pydantic import Field, HttpUrl

from knowledge_base.schema import Model

# Marks a value the deployment must fill in; the bot never shows it to citizens.
PLACEHOLDER_PREFIX = "CẦN ĐIỀN"
# Left empty these make the bot unable to tell citizens where to turn, so `unfilled` reports them.
REQUIRED_FOR_DEPLOYMENT = ("hotline", "provincial_portal_url", "complaint_answer_working_days")
# Used until the deployment sets its own commitment (README, Configuration): two working weeks.
DEFAULT_COMPLAINT_ANSWER_WORKING_DAYS = 10


class ServiceCentre(Model):
    """A public-service centre (Trung tâm Phục vụ hành chính công) or one-stop desk."""

    name: str = Field(min_length=3)
    address: str | None = None
    phone: str | None = None
    hours: str | None = None  # e.g. "Thứ Hai – Thứ Sáu, 7:00–11:30 và 13:30–17:00"
    email: str | None = None


class ProvinceProfile(Model):
    province: str = Field(min_length=2)  # e.g. "Tây Ninh"
    merged_from: list[str] = Field(default_factory=list)  # former provinces merged in (2025 reorganisation)
    centres: list[ServiceCentre] = Field(default_factory=list)
    hotline: str | None = None
    provincial_portal_url: HttpUrl | str | None = None
    national_portal_url: HttpUrl = HttpUrl("https://dichvucong.gov.vn")
    national_hotline: str = "18001096"  # support line of the national public-service portal
    # The deployment's own commitment for answering complaints and feedback. Until it is set, due dates
    # use DEFAULT_COMPLAINT_ANSWER_WORKING_DAYS and `validate` lists it as unfilled.
    complaint_answer_working_days: int | None = Field(default=None, ge=1, le=90)
    # Days the government or the province moves each year around public holidays (the public holidays
    # themselves, lunar ones included, come from the `holidays` package).
    extra_days_off: list[date] = Field(default_factory=list)
    make_up_working_days: list[date] = Field(default_factory=list)
    # When hotline staff answer handed-over conversations, on working days (Vietnam time).
    staff_hours: list[str] = Field(default_factory=lambda: ["07:30-11:30", "13:30-17:00"])
    notes: list[str] = Field(default_factory=list)

    @property
    def answer_working_days(self) -> int:
        return self.complaint_answer_working_days or DEFAULT_COMPLAINT_ANSWER_WORKING_DAYS

    @property
    def hotline_text(self) -> str:
        """What citizens are told to call: the province's hotline once filled in, else the national one."""
        if _filled(self.hotline):
            return str(self.hotline)
        return f"tổng đài Cổng Dịch vụ công quốc gia {self.national_hotline}"

    @property
    def portal_url(self) -> str:
        """Where citizens submit online: the province's portal once filled in, else the national one."""
        return (
            str(self.provincial_portal_url)
            if _filled(self.provincial_portal_url)
            else str(self.national_portal_url)
        )

    def unfilled(self) -> list[str]:
        """Dotted names of the fields still holding a deployment placeholder."""
        found = []

        def visit(value: object, path: str) -> None:
            if (value is None and path in REQUIRED_FOR_DEPLOYMENT) or (
                isinstance(value, str) and value.startswith(PLACEHOLDER_PREFIX)
            ):
                found.append(path)
            elif isinstance(value, Model):
                for name in type(value).model_fields:
                    visit(getattr(value, name), f"{path}.{name}" if path else name)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    visit(item, f"{path}[{index}]")

        visit(self, "")
        return found


def _filled(value: object) -> bool:
    return bool(value) and not str(value).startswith(PLACEHOLDER_PREFIX)
