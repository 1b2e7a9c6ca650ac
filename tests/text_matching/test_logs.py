"""No application log line holds a full phone number."""

import logging
import re
from unittest.mock import Mock

import pytest
from uvicorn.logging import AccessFormatter

from text_matching import PersonalDataFilter, install_log_scrubbing


@pytest.fixture
def captured() -> list[str]:
    lines: list[str] = []

    class ListHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = ListHandler()
    logger = logging.getLogger("tests.text_matching")
    logger.addHandler(handler)
    logger.propagate = False
    install_log_scrubbing()
    yield lines
    logger.removeHandler(handler)


def test_a_log_line_never_holds_a_full_phone_number(captured: list[str]) -> None:
    logger = logging.getLogger("tests.text_matching")
    logger.warning("complaint from %s: %s", "0912.345.678", {"text": "gọi +84 987 654 321"})
    logger.warning("citizen wrote: sđt 0912345678, tên tôi là Nguyễn Văn An")
    try:
        raise ValueError("bad phone 0933 444 555")
    except ValueError:
        logger.exception("validation failed")
    text = "\n".join(captured)
    assert "[SĐT]" in text and "[TÊN]" in text
    assert not re.search(r"\d{3}\D?\d{3}\D?\d{3}", text), text
    assert "Nguyễn" not in text


def test_the_filter_is_installed_once_per_handler(captured: list[str]) -> None:
    install_log_scrubbing()
    handler = logging.getLogger("tests.text_matching").handlers[-1]
    assert sum(isinstance(f, PersonalDataFilter) for f in handler.filters) == 1


def test_a_record_without_personal_data_is_left_as_it_was() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "answered %s in %d ms", ("1.001193", 24), None)
    assert PersonalDataFilter().filter(record)
    assert record.args == ("1.001193", 24) and record.getMessage() == "answered 1.001193 in 24 ms"


@pytest.mark.parametrize("service", ["gateway", "action_server"])
def test_the_gateway_and_the_action_server_install_the_filter(service: str) -> None:
    handler = logging.NullHandler()  # as uvicorn's and rasa_sdk's own logging configuration add theirs
    logging.getLogger(f"tests.{service}").addHandler(handler)
    try:
        if service == "gateway":
            from webhook.app import create_app

            create_app()
        else:
            from actions.server import attach_sanic_app_extensions

            attach_sanic_app_extensions(Mock())
        assert any(isinstance(f, PersonalDataFilter) for f in handler.filters)
    finally:
        logging.getLogger(f"tests.{service}").removeHandler(handler)


@pytest.mark.parametrize(
    "path",
    [
        "/api/staff/suggestions?q=sdt+0912345678+hoi+ve+khai+sinh",
        "/api/staff/suggestions?q=s%C4%91t%200912%20345%20678",
        "/api/staff/suggestions?q=t%C3%AAn+t%C3%B4i+l%C3%A0+Nguy%E1%BB%85n+V%C4%83n+An",
    ],
)
def test_an_access_line_never_holds_personal_data_url_encoded(path: str) -> None:
    # uvicorn.access's record: the query string as the client sent it, encoded.
    args = ("127.0.0.1:44716", "GET", path, "1.1", 401)
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None
    )
    assert PersonalDataFilter().filter(record)
    line = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False).format(
        record
    )
    assert "/api/staff/suggestions" in line and "401" in line
    assert not re.search(r"\d{3}\D{0,3}\d{3}\D{0,3}\d{3}", line), line
    assert "Nguy" not in line, line


def test_an_encoded_line_without_personal_data_is_left_encoded() -> None:
    args = ("127.0.0.1:1", "GET", "/api/staff/suggestions?q=khai+sinh+m%E1%BA%A5t+bao+l%C3%A2u", "1.1", 200)
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None
    )
    assert PersonalDataFilter().filter(record)
    assert record.args == args
