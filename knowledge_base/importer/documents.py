"""The dossier table (thanh_phan_ho_so), flattened by the catalogue into one string.

Each group is `<group heading>Tên giấy tờMẫu đơn, tờ khaiSố lượng` followed by rows
`<name><template file?><count>` where count is "1 bản chính", "1 bản sao" or "0 bản chính,1 bản sao".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge_base.importer.text import LOWER, UPPER, clean, is_empty
from knowledge_base.schema import DocumentRequirement

GROUP_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# A count cell abuts the next row's name, so one followed by a space or punctuation is prose in a name.
_COUNT = re.compile(
    r"(?P<originals>\d+) bản chính(?:,(?P<copies_after>\d+) bản sao)?(?=$|[^\s,;.:)])"
    r"|(?P<copies>\d+) bản sao(?=$|[^\s,;.:)])"
)
_TEMPLATE_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)$", re.IGNORECASE)
_TEMPLATE_START = re.compile(rf"(?<=[{LOWER}.;:)])(?=[{UPPER}])")
_TEMPLATE_WORD = re.compile(r"M[ẫa]u|MẪU|Ph[ụu] l[ụu]c|PL|Bi[ểe]u|TK|T[ờo] khai", re.IGNORECASE)
_CASE = re.compile(r"^(?P<case>(?:Trong )?[Tt]rường hợp .{3,200}?)(?: thì |: ?)(?P<rest>.{3,})$", re.DOTALL)
# "… trong trường hợp X" at the end names a case; "trừ trường hợp X" is an exception and does not.
_CASE_TAIL = re.compile(
    r"(?<!trừ )(?P<case>(?:trong |đối với )?trường hợp [^;().]{3,200}?)\)?[.;]?$", re.IGNORECASE
)
_FORM_MENTION = re.compile(r"\b(?P<code>(?:[Mm]ẫu|MẪU)(?: số)? (?=\S*\d)[A-Z0-9][A-Za-z0-9./-]*[A-Za-z0-9])")
# Longer group headings are notes on the whole dossier, not the case its documents apply to.
_MAX_CASE_HEADING = 120
_BULLET = re.compile(r"^[\s*+•·-]+|^[a-zđ]\) ")


@dataclass
class DocumentsParse:
    documents: list[DocumentRequirement] = field(default_factory=list)
    unparsed: str = ""
    problems: list[str] = field(default_factory=list)


def parse_documents(text: str) -> DocumentsParse:
    result = DocumentsParse()
    text = clean(text)
    if is_empty(text):
        return result
    segments = text.split(GROUP_HEADER)
    heading = segments[0]
    leftovers = []
    if len(segments) == 1:
        result.unparsed = text
        result.problems.append("documents: không có bảng giấy tờ")
        return result
    for segment in segments[1:]:
        position = 0
        for count in _COUNT.finditer(segment):
            raw, originals, copies = _split_count(segment[position : count.start()], count)
            position = count.end()
            document = _document(raw, originals, copies, heading)
            if document:
                result.documents.append(document)
            else:
                leftovers.append(raw)
        heading = segment[position:]
    leftovers = [item.strip() for item in [*leftovers, heading] if item.strip(" -+*")]
    if leftovers:
        result.unparsed = "\n".join(leftovers)
        result.problems.append("documents: văn bản không thuộc dòng nào")
    if not result.documents:
        result.problems.append("documents: không tách được giấy tờ")
    return result


def _split_count(raw: str, count: re.Match[str]) -> tuple[str, int, int]:
    """Counts are one digit in practice; digits before it belong to the name ("15/06/20201 bản chính")."""
    digits = count["originals"] or count["copies"]
    if len(digits) > 1:
        raw, digits = raw + digits[:-1], digits[-1]
    if count["copies"]:
        return raw, 0, int(digits)
    return raw, int(digits), int(count["copies_after"] or 0)


def _document(raw: str, originals: int, copies: int, heading: str) -> DocumentRequirement | None:
    raw = raw.strip()
    name, form_code = _split_template(raw)
    name = _BULLET.sub("", name).strip()
    case = None
    if match := _CASE.match(name):
        case, name = match["case"].strip(), match["rest"].strip()
    elif match := _CASE_TAIL.search(name):
        case = match["case"].strip()
    if not case and (group_case := _group_case(heading)):
        case = group_case
    if not form_code and (mention := _FORM_MENTION.search(name)):
        form_code = mention["code"]
    if len(name) < 3:
        return None
    return DocumentRequirement(
        name=name[0].upper() + name[1:],
        originals=originals,
        copies=copies,
        form_code=form_code,
        case=case,
        present_only="xuất trình" in heading.lower(),
    )


def _split_template(raw: str) -> tuple[str, str | None]:
    """A row ending in a file name has the template cell glued to the name: cut at the last seam."""
    if not _TEMPLATE_FILE.search(raw):
        return raw, None
    seams = [match.start() for match in _TEMPLATE_START.finditer(raw)]
    if not seams:
        return raw, None
    # Prefer the last seam opening with a template word ("…thủy sảnMau 02 TS.docx"), as file names may be
    # camel-case themselves ("MauDanhsachthuyenvien.docx").
    worded = [seam for seam in seams if _TEMPLATE_WORD.match(raw, seam)]
    cut = (worded or seams)[-1]
    return raw[:cut], raw[cut:].strip()


def _group_case(heading: str) -> str | None:
    heading = _BULLET.sub("", heading.strip()).rstrip(": ").strip()
    if heading in ("", "-") or heading.lower().startswith(("giấy tờ phải", "thành phần hồ sơ")):
        return None
    if len(heading) > _MAX_CASE_HEADING or ". " in heading:
        return None
    return heading
