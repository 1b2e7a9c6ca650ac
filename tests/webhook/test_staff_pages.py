"""The backend serves the staff pages, the managers' dashboard at /quan-ly/ and the hotline console at
/tong-dai/, with everything they need, their shared modules included, and nothing from outside."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from fastapi.testclient import TestClient

from tests.webhook.backend import backend_client, prepare_database
from webhook.app import STATIC_DIR

PAGES = {
    "quan-ly": "Quản lý phản ánh – Trợ lý Dịch vụ công",
    "tong-dai": "Tổng đài hỗ trợ – Trợ lý Dịch vụ công",
}
SHARED = STATIC_DIR / "shared"
CHART_JS = STATIC_DIR / "quan-ly" / "vendor" / "chart.js"
IMPORT = re.compile(r'from "(\.\.?/[\w./-]+\.js)"')


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'backend.sqlite3'}"
    prepare_database(url)
    with backend_client(url) as client:
        yield client


def _assets(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"#]+)"', page)


def _module_graph(entry: PurePosixPath) -> set[PurePosixPath]:
    """Every module a page's entry script imports, directly or not, as paths below STATIC_DIR."""
    found, waiting = set(), [entry]
    while waiting:
        module = waiting.pop()
        if module in found:
            continue
        found.add(module)
        source = (STATIC_DIR / module).read_text(encoding="utf-8")
        for imported in IMPORT.findall(source):
            parts = [*module.parent.parts]
            for part in PurePosixPath(imported).parts:
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            waiting.append(PurePosixPath(*parts))
    return found


def _scripts() -> list[Path]:
    return sorted(path for folder in (*PAGES, "shared") for path in (STATIC_DIR / folder / "js").glob("*.js"))


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_each_staff_page_is_a_vietnamese_page(client: TestClient, page: str, title: str) -> None:
    response = client.get(f"/{page}/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<html lang="vi">' in response.text
    assert f"<title>{title}</title>" in response.text
    redirect = client.get(f"/{page}", follow_redirects=False)
    assert redirect.status_code in (301, 307) and redirect.headers["location"].endswith(f"/{page}/")


@pytest.mark.parametrize("page", PAGES)
def test_every_asset_and_module_is_served_from_the_backend(client: TestClient, page: str) -> None:
    html = client.get(f"/{page}/").text
    assets = _assets(html)
    assert assets[0] == "../shared/staff.css" and assets[-1] == "js/main.js"
    modules = _module_graph(PurePosixPath(page, "js", "main.js"))
    # Every script of the page's own folder is used; the shared ones come from ../shared/js/.
    own = {PurePosixPath(page, "js", path.name) for path in (STATIC_DIR / page / "js").glob("*.js")}
    assert {m for m in modules if m.parts[0] == page} == own
    assert {m.parts[0] for m in modules} == {page, "shared"}
    for asset in [*assets, *(f"/{m}" for m in modules)]:
        response = client.get(asset if asset.startswith("/") else f"/{page}/{asset}")
        assert response.status_code == 200, asset
        if asset.endswith(".js"):  # module scripts are refused with any other type
            assert "javascript" in response.headers["content-type"], asset


def test_every_shared_module_serves_a_page() -> None:
    used = set().union(*(_module_graph(PurePosixPath(page, "js", "main.js")) for page in PAGES))
    assert {PurePosixPath("shared", "js", path.name) for path in (SHARED / "js").glob("*.js")} <= used


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
