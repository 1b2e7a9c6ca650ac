import re
from pathlib import Path

import pytest
import yaml

from knowledge_base.cli import main
from knowledge_base.errors import KnowledgeBaseError
from knowledge_base.loader import kb_fingerprint, load_procedures, load_profile
from tests.knowledge_base.shared_data import CATALOGUE


def write(province_dir: Path, name: str, data: dict) -> Path:
    """An entry file; its short name is its name unless the test gives one."""
    path = province_dir / "procedures" / name
    path.write_text(
        yaml.safe_dump({"short_name": data["name"], **data}, allow_unicode=True), encoding="utf-8"
    )
    return path


def test_province_entry_wins_over_catalogue(province_dir):
    if not CATALOGUE.is_file():
        pytest.skip("no catalogue")
    write(
        province_dir,
        "khai_sinh.yml",
        {"code": "1.001193", "name": "Đăng ký khai sinh", "aliases": ["làm giấy khai sinh"]},
    )
    procedures = {p.code: p for p in load_procedures(province_dir, CATALOGUE)}
    assert len(procedures) == 2642
    assert procedures["1.001193"].aliases == ["làm giấy khai sinh"]


def test_bad_entry_names_file_field_and_problem(province_dir):
    path = write(
        province_dir, "bad.yml", {"code": "1001193", "name": "Đăng ký", "modes": [{"channel": "fax"}]}
    )
    with pytest.raises(KnowledgeBaseError) as error:
        load_procedures(province_dir, None)
    message = str(error.value)
    assert f"{path}: code: " in message and "1.001193" in message
    assert f"{path}: modes[0].channel: " in message


def test_unknown_field_and_bad_yaml_are_reported(province_dir):
    write(province_dir, "extra.yml", {"code": "1.001193", "name": "Đăng ký", "ghi_chu": "x"})
    (province_dir / "procedures" / "broken.yml").write_text("code: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as error:
        load_procedures(province_dir, None)
    assert "extra.yml: ghi_chu: " in str(error.value)
    assert "broken.yml: (cú pháp YAML)" in str(error.value)


def test_an_entry_without_short_name_is_rejected(province_dir):
    path = province_dir / "procedures" / "a.yml"
    path.write_text("code: '1.001193'\nname: Thủ tục đăng ký khai sinh\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=re.escape(f"{path}: short_name: ")):
        load_procedures(province_dir, None)


def test_duplicate_codes_are_rejected(province_dir):
    write(province_dir, "a.yml", {"code": "1.001193", "name": "Đăng ký khai sinh"})
    write(province_dir, "b.yml", {"code": "1.001193", "name": "Khai sinh"})
    with pytest.raises(KnowledgeBaseError, match=re.escape("b.yml: code: mã 1.001193 đã có trong a.yml")):
        load_procedures(province_dir, None)


def test_fingerprint_is_stable_and_content_sensitive(province_dir):
    write(province_dir, "a.yml", {"code": "1.001193", "name": "Đăng ký khai sinh"})
    write(province_dir, "b.yml", {"code": "1.000656", "name": "Đăng ký khai tử"})
    procedures = load_procedures(province_dir, None)
    assert kb_fingerprint(procedures) == kb_fingerprint(list(reversed(procedures)))
    write(province_dir, "b.yml", {"code": "1.000656", "name": "Đăng ký khai tử lưu động"})
    assert kb_fingerprint(load_procedures(province_dir, None)) != kb_fingerprint(procedures)


def test_profile_env_override(province_dir, monkeypatch):
    monkeypatch.setenv("TLDVC_PROFILE_HOTLINE", "0123")
    profile = load_profile(province_dir)
    assert (profile.province, profile.hotline) == ("Tây Ninh", "0123")


def test_shipped_profile_is_valid_and_marks_placeholders():
    profile = load_profile()
    assert profile.province == "Tây Ninh"
    assert "hotline" in profile.unfilled() or profile.hotline


def test_validate_exit_codes(province_dir, capsys):
    write(province_dir, "a.yml", {"code": "1.001193", "name": "Đăng ký khai sinh"})
    assert main(["validate", str(province_dir)]) == 0
    write(province_dir, "b.yml", {"code": "1.000656", "name": "Đă"})
    assert main(["validate", str(province_dir)]) == 1
    assert "b.yml: name: " in capsys.readouterr().err


def test_show_prints_readable_text(province_dir, capsys):
    write(
        province_dir,
        "a.yml",
        {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "modes": [
                {"channel": "trực tuyến", "processing_time": "1 ngày", "fee": "Miễn phí", "fee_vnd": 0}
            ],
        },
    )
    assert main(["show", "1.001193", "--province-dir", str(province_dir)]) == 0
    out = capsys.readouterr().out
    assert (
        "Đăng ký khai sinh (mã 1.001193)" in out
        and "Trực tuyến, thời hạn 1 ngày, phí, lệ phí: Miễn phí" in out
    )
