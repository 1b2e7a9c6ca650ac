"""Random requests to every operation of the backend's OpenAPI document: none may answer 5xx.

hypothesis and schemathesis are not installed (and no dependency is added for this), so a small generator
reads the document itself: for each operation it makes values that fit the declared schemas, then breaks
them (a field dropped or added, a wrong type, a bound passed, control characters, huge numbers, markup),
with a seed fixed per operation so a failure is reproduced by running the test again. Requests are signed in
as a manager so they get past authentication to the validation behind it. Bounded and fast: CASES requests
per operation.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from settings import Settings
from tests.browser.servers import FakeRasa
from tests.webhook.bad_input import Backend, assert_vietnamese, bad_input_backend
from webhook.app import create_app

CASES = 25

NASTY_STRINGS = [
    "", " ", "\x00", "a\x00b", "\u202eabc", "\ud800", "\x1b[0m", "😀" * 50, "'; DROP TABLE users; --",
    "<script>alert(1)</script>", "../../../../etc/passwd", "%00", "9" * 40, "-1", "1e309", "null", "NaN",
    "Đăng ký khai sinh", "x" * 5000, "\t\n\r", "0", "true", "2025-02-30", "0001-01-01", "9999-12-31",
]  # fmt: skip
NASTY_NUMBERS = [-1, 0, 1, 2**31, 2**63, 2**64, -(2**63) - 1, 10**30, 1.5, -0.0]
NASTY_ANYTHING: list[Any] = [None, True, False, [], {}, [1, "a"], {"$ne": None}, "", 0, -1]


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory, fake_rasa_server: FakeRasa) -> Iterator[Backend]:
    fake_rasa_server.down = False
    with bad_input_backend(tmp_path_factory.mktemp("fuzz"), fake_rasa_server) as backend:
        yield backend


class Generator:
    """Values for the schemas of one OpenAPI document, valid or broken."""

    def __init__(self, spec: dict, rng: random.Random) -> None:
        self.schemas = spec.get("components", {}).get("schemas", {})
        self.rng = rng

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.schemas[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def valid(self, schema: dict, depth: int = 0) -> Any:
        schema = self.resolve(schema)
        rng = self.rng
        if "enum" in schema:
            return rng.choice(schema["enum"])
        if "const" in schema:
            return schema["const"]
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return self.valid(rng.choice(schema[key]), depth)
        if "allOf" in schema:
            return self.valid(schema["allOf"][0], depth)
        kind = schema.get("type")
        if kind == "string":
            if schema.get("format") == "date":
                return f"20{rng.randint(10, 30)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            low, high = schema.get("minLength", 0), min(schema.get("maxLength", 40), 40)
            alphabet = "abcxyzđăơư0123456789 .-"
            return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, max(low, high))))
        if kind == "integer":
            low = schema.get("minimum", schema.get("exclusiveMinimum", -5))
            high = schema.get("maximum", low + 50)
            return rng.randint(int(low), int(min(high, low + 50)))
        if kind == "number":
            return rng.uniform(0, 100)
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "array":
            return [self.valid(schema.get("items", {}), depth + 1) for _ in range(rng.randint(0, 2))]
        if kind == "object" or "properties" in schema:
            if depth > 3:
                return {}
            return {name: self.valid(sub, depth + 1) for name, sub in schema.get("properties", {}).items()}
        return rng.choice(NASTY_ANYTHING)

    def broken(self, schema: dict) -> Any:
        """A value of the schema with something wrong with it, or something else altogether."""
        schema = self.resolve(schema)
        rng = self.rng
        value = self.valid(schema)
        choice = rng.random()
        if isinstance(value, dict) and value and choice < 0.5:
            value = dict(value)
            name = rng.choice(sorted(value))
            what = rng.randrange(4)
            if what == 0:
                del value[name]
            elif what == 1:
                value[name] = rng.choice(NASTY_ANYTHING + NASTY_NUMBERS)
            elif what == 2:
                value[name] = rng.choice(NASTY_STRINGS)
            else:
                value[rng.choice(["extra", "id", "__proto__", "admin"])] = rng.choice(NASTY_STRINGS)
            return value
        if choice < 0.7:
            return rng.choice(NASTY_STRINGS)
        if choice < 0.85:
            return rng.choice(NASTY_NUMBERS)
        return rng.choice(NASTY_ANYTHING)

    def parameter(self, schema: dict) -> str:
        value = self.valid(schema) if self.rng.random() < 0.4 else self.broken(schema)
        if isinstance(value, bool):
            return str(value).lower()
        return value if isinstance(value, str) else json.dumps(value)


def _quoted(value: str) -> str:
    """Percent-encoded as UTF-8, a lone surrogate too (as the bytes a broken client would send)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def operations(spec: dict) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]


def request_for(spec: dict, method: str, path: str, rng: random.Random) -> tuple[str, dict]:
    operation = spec["paths"][path][method.lower()]
    generator = Generator(spec, rng)
    query: list[str] = []
    for parameter in operation.get("parameters", []):
        value = generator.parameter(parameter.get("schema", {}))
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", _quoted(value) or "x")
        elif parameter["in"] == "query" and rng.random() < 0.8:
            query.append(f"{parameter['name']}={_quoted(value)}")
    url = path + ("?" + "&".join(query) if query else "")
    request: dict[str, Any] = {}
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        schema = content["application/json"]["schema"]
        value = generator.valid(schema) if rng.random() < 0.2 else generator.broken(schema)
        if rng.random() < 0.1:
            request["content"] = rng.choice(
                [b"", b"{", b"\xff\xfe", b"[" * 2000, json.dumps(value).encode()[:-1]]
            )
        else:
            request["content"] = json.dumps(value).encode()
        request["headers"] = {"Content-Type": "application/json"}
    elif "application/x-www-form-urlencoded" in content:
        fields = {name: generator.parameter(sub) for name, sub in _form_fields(generator, content).items()}
        sent = [f"{name}={_quoted(value)}" for name, value in fields.items() if rng.random() < 0.85]
        request["content"] = "&".join(sent).encode()
        request["headers"] = {"Content-Type": "application/x-www-form-urlencoded"}
    elif method == "POST" and rng.random() < 0.5:  # an operation that reads its body raw (Zalo)
        value = generator.broken({"type": "object", "properties": {"app_id": {"type": "string"}}})
        request["content"] = json.dumps(value).encode()
    return url, request


def _form_fields(generator: Generator, content: dict) -> dict:
    schema = generator.resolve(content["application/x-www-form-urlencoded"]["schema"])
    return schema.get("properties", {})


def test_the_document_lists_every_route(backend: Backend) -> None:
    assert backend.client.get("/openapi.json").json() == SPEC
    found = set(operations(SPEC))
    assert {("POST", "/api/chat"), ("POST", "/webhooks/zalo"), ("POST", "/api/staff/complaints")} <= found
    assert len(found) >= 25


# The document as the app publishes it (building it needs no database, Rasa or lifespan).
SPEC = create_app(Settings(secret_key="k" * 40, database_url="sqlite://")).openapi()


@pytest.mark.parametrize(("method", "path"), sorted(operations(SPEC)), ids=" ".join)
def test_no_random_request_gets_a_server_error(backend: Backend, method: str, path: str) -> None:
    rng = random.Random(zlib.crc32(f"{method} {path}".encode()))
    headers = backend.headers["manager"]
    for _ in range(CASES):
        url, request = request_for(SPEC, method, path, rng)
        request["headers"] = {**headers, **request.get("headers", {})}
        response = backend.client.request(method, url, **request)
        assert response.status_code < 500, (method, url, request.get("content"), response.text)
        if response.status_code >= 400:
            assert_vietnamese(
                response.status_code, response.headers.get("content-type", ""), response.content
            )
    backend.assert_healthy()
