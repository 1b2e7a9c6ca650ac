"""The backend serves the managers' dashboard at /quan-ly/ with everything it needs, nothing from outside."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.webhook.backend import backend_client, prepare_database
from webhook.app import STATIC_DIR

DASHBOARD = STATIC_DIR / "quan-ly"
CHART_JS = DASHBOARD / "vendor" / "chart.js"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    prepare_database(url)
    with backend_client(url) as client:
        yield client


def _assets(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"#]+)"', page)


def _scripts() -> list[Path]:
    return sorted((DASHBOARD / "js").glob("*.js"))


def test_the_dashboard_is_a_vietnamese_page_at_quan_ly(client: TestClient) -> None:
    response = client.get("/quan-ly/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<html lang="vi">' in response.text
    assert "<title>Quản lý phản ánh – Trợ lý Dịch vụ công</title>" in response.text
    redirect = client.get("/quan-ly", follow_redirects=False)
    assert redirect.status_code in (301, 307) and redirect.headers["location"].endswith("/quan-ly/")


def test_every_asset_and_module_is_served_from_the_backend(client: TestClient) -> None:
    page = client.get("/quan-ly/").text
    assets = _assets(page)
    assert assets == ["dashboard.css", "vendor/chart.js/chart.umd.min.js", "js/main.js"]
    imports = re.compile(r'from "\./([\w-]+\.js)"')
    imported = {f"js/{name}" for script in _scripts() for name in imports.findall(script.read_text())}
    assert imported == {f"js/{script.name}" for script in _scripts()} - {"js/main.js"}
    for asset in [*assets, *imported]:
        response = client.get(f"/quan-ly/{asset}")
        assert response.status_code == 200, asset
        if asset.endswith(".js"):  # module scripts are refused with any other type
            assert "javascript" in response.headers["content-type"], asset


def test_no_script_inserts_html_or_reaches_another_host() -> None:
    for script in _scripts():
        source = script.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", source), script
        assert "http://" not in source and "https://" not in source, script


def test_the_vendored_chart_js_is_the_release_its_readme_names() -> None:
    readme = (CHART_JS / "README.md").read_text(encoding="utf-8")
    version = re.search(r"# Chart\.js (\d+\.\d+\.\d+)", readme)[1]
    checksum = re.search(r"file sha256 `([0-9a-f]{64})`", readme)[1]
    bundle = (CHART_JS / "chart.umd.min.js").read_bytes()
    assert bundle.startswith(f"/*!\n * Chart.js v{version}\n".encode())
    assert hashlib.sha256(bundle).hexdigest() == checksum
    assert "MIT License" in (CHART_JS / "LICENSE.md").read_text(encoding="utf-8")
