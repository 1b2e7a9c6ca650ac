"""The web widget's files, and which sites may show its panel (TLDVC_WIDGET_ALLOWED_ORIGINS)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from settings import Settings
from storage import upgrade_database_at
from webhook.app import create_app


def _client(tmp_path: Path, **settings: str) -> TestClient:
    database_url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    upgrade_database_at(database_url)
    return TestClient(
        create_app(Settings(database_url=database_url, secret_key="k" * 40, **settings))  # type: ignore[arg-type]
    )


def test_the_script_the_panel_and_the_demo_are_served(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        script = client.get("/widget.js")
        assert script.status_code == 200
        assert script.headers["content-type"].startswith(("text/javascript", "application/javascript"))
        assert 'aria-label="${TEXT.open}"' in script.text and "Mở trợ lý dịch vụ công" in script.text
        panel = client.get("/widget/")
        assert panel.status_code == 200 and 'src="panel.js"' in panel.text
        demo = client.get("/widget-demo/")
        assert demo.status_code == 200 and '<script src="../widget.js" defer></script>' in demo.text
        assert "Trang mẫu" in demo.text


def test_by_default_only_this_machine_may_frame_the_panel(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        policy = client.get("/widget/").headers["content-security-policy"]
        assert policy == "frame-ancestors 'self' http://127.0.0.1:* http://localhost:*"
        assert "content-security-policy" not in client.get("/").headers


def test_the_province_names_the_sites_that_show_the_widget(tmp_path: Path) -> None:
    origins = "https://tayninh.gov.vn, https://dichvucong.tayninh.gov.vn:8443"
    with _client(tmp_path, widget_allowed_origins=origins) as client:
        assert client.get("/widget/panel.js").headers["content-security-policy"] == (
            "frame-ancestors 'self' https://tayninh.gov.vn https://dichvucong.tayninh.gov.vn:8443"
        )
    with _client(tmp_path, widget_allowed_origins="*") as client:
        assert client.get("/widget/").headers["content-security-policy"] == "frame-ancestors *"


@pytest.mark.parametrize("origin", ["tayninh.gov.vn", "https://tayninh.gov.vn/trang-chu", "ftp://x.vn"])
def test_an_allowed_origin_must_be_an_origin(origin: str) -> None:
    with pytest.raises(ValidationError, match="not an origin"):
        Settings(widget_allowed_origins=origin)
