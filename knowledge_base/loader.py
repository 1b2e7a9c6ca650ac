"""The one way the product gets its knowledge: curated province entries merged over the national catalogue."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import yaml
from pydantic import ValidationError

from knowledge_base.errors import KnowledgeBaseError, describe_validation_error
from knowledge_base.importer import read_catalogue
from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import Procedure
from settings import get_settings

PROFILE_FILE = "profile.yml"
PROCEDURES_DIR = "procedures"
# Environment overrides for single profile fields, e.g. TLDVC_PROFILE_HOTLINE=1900xxxx.
PROFILE_ENV_PREFIX = "TLDVC_PROFILE_"


def load_procedures(
    province_dir: Path | None = None, national_catalogue: Path | None = None
) -> list[Procedure]:
    """Province KB plus national catalogue (both from settings by default), province entries winning by code.

    Sorted by code, so the result (and its fingerprint) does not depend on file order.
    """
    settings = get_settings()
    province_dir = province_dir if province_dir is not None else settings.province_dir
    national_catalogue = national_catalogue if national_catalogue is not None else settings.national_catalogue
    by_code: dict[str, Procedure] = {}
    if national_catalogue is not None:
        if not Path(national_catalogue).is_file():
            raise KnowledgeBaseError([f"{national_catalogue}: không tìm thấy tệp danh mục quốc gia"])
        by_code.update((procedure.code, procedure) for procedure in read_catalogue(Path(national_catalogue)))
    if province_dir is not None:
        by_code.update(
            (procedure.code, procedure) for procedure in load_province_procedures(Path(province_dir))
        )
    return [by_code[code] for code in sorted(by_code)]


def load_province_procedures(province_dir: Path) -> list[Procedure]:
    """Every `<province_dir>/procedures/*.yml`; all problems of all files are reported together."""
    folder = province_dir / PROCEDURES_DIR
    if not folder.is_dir():
        return []
    procedures: list[Procedure] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            procedure = Procedure.model_validate(_read_yaml(path))
        except KnowledgeBaseError as error:
            problems += error.problems
            continue
        except ValidationError as error:
            problems += describe_validation_error(path, error)
            continue
        if procedure.code in seen:
            problems.append(f"{path}: code: mã {procedure.code} đã có trong {seen[procedure.code].name}")
            continue
        seen[procedure.code] = path
        procedures.append(procedure)
    if problems:
        raise KnowledgeBaseError(problems)
    return procedures


def load_profile(province_dir: Path | None = None) -> ProvinceProfile:
    """`<province_dir>/profile.yml`, with top-level fields overridable by TLDVC_PROFILE_<FIELD> variables."""
    province_dir = province_dir if province_dir is not None else get_settings().province_dir
    path = Path(province_dir) / PROFILE_FILE
    data = _read_yaml(path)
    for name in ProvinceProfile.model_fields:
        value = os.environ.get(PROFILE_ENV_PREFIX + name.upper())
        if value is not None:
            # Lists and objects come as JSON; plain strings and numbers as they are.
            data[name] = yaml.safe_load(value) if value[:1] in "[{" else value
    try:
        return ProvinceProfile.model_validate(data)
    except ValidationError as error:
        raise KnowledgeBaseError(describe_validation_error(path, error)) from error


def kb_fingerprint(procedures: list[Procedure]) -> str:
    """Stable hash of the KB content (order-independent), for rebuilding search indexes when it changes."""
    digest = hashlib.sha256()
    for procedure in sorted(procedures, key=lambda item: item.code):
        digest.update(
            json.dumps(procedure.model_dump(mode="json"), sort_keys=True, ensure_ascii=False).encode()
        )
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise KnowledgeBaseError([f"{path}: không tìm thấy tệp"]) from error
    except yaml.YAMLError as error:
        raise KnowledgeBaseError([f"{path}: (cú pháp YAML): {error}".replace("\n", " ")]) from error
    if not isinstance(data, dict):
        raise KnowledgeBaseError([f"{path}: (toàn bộ tệp): phải là một bảng khóa: giá trị (mapping)"])
    return data
