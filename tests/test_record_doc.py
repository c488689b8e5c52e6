"""docs/record.md maps every line of the template to a TOML key, and every key it names exists."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from blamefree.model import Record
from conftest import ROOT

DOC = ROOT / "docs" / "record.md"
TEMPLATE = ROOT / "docs" / "postmortem-template.md"


def template_lines() -> list[str]:
    """Every heading and every line with a bold field, above the usage notes' contents."""
    out = []
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#") or re.search(r"\*\*[^*]+\*\*", line):
            out.append(line)
        if line == "## Template Usage Notes":
            break
    return out


def table_rows() -> list[list[str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_template_lines_are_found():
    lines = template_lines()
    assert "**Incident ID:** [AUTO-GENERATED-ID]" in lines
    assert "### Appendix C: Technical Details" in lines
    assert len(lines) > 60


@pytest.mark.parametrize("line", sorted(set(template_lines())))
def test_every_heading_and_bold_field_of_the_template_has_a_row(line: str):
    firsts = [row[0] for row in table_rows()]
    wanted = f"`{line}`"
    count = sum(1 for cell in firsts if cell == wanted or cell.startswith(wanted + " ("))
    assert count >= template_lines().count(line), f"{line!r} has no row in docs/record.md"


def test_rows_follow_the_template_order():
    order = {line: index for index, line in reversed(list(enumerate(template_lines())))}
    positions = []
    for row in table_rows():
        match = re.match(r"`([^`]+)`", row[0])
        if match and match.group(1) in order:
            positions.append(order[match.group(1)])
    # Repeated headings (Detection, Response, Recovery) map to their first use; the
    # rest must not go backwards.
    unique = [p for p in positions if template_lines().count(template_lines()[p]) == 1]
    assert unique == sorted(unique)


def _resolve(path: str) -> bool:
    """Whether a documented key path (`impact.users`, `timeline[].at`, `[[timeline]]`) exists."""
    path = path.strip("[]")
    model: type[BaseModel] | None = Record
    for part in path.split("."):
        part = part.removesuffix("[]")
        if model is None:
            return False
        fields = {info.alias or name: info for name, info in model.model_fields.items()}
        if part not in fields:
            return False
        model = _model_of(fields[part].annotation)
    return True


def _model_of(annotation) -> type[BaseModel] | None:
    """The model class inside an annotation (`list[Event]`, `Signoff | None`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        inner = _model_of(arg)
        if inner:
            return inner
    return None


KEY = re.compile(r"^\[{0,2}[a-z_]+(\[\])?(\.[a-z_]+(\[\])?)*\]{0,2}$")


def named_keys() -> set[str]:
    """Key paths in the key column: the 2nd of the template table, the 1st of the other."""
    named = set()
    for row in table_rows():
        key_cell = row[1] if len(row) == 3 else row[0]
        if key_cell.startswith("derived"):
            continue  # names event kinds and record fields in prose, not keys
        for span in re.findall(r"`([^`]+)`", key_cell):
            named.update(part for part in span.split(", ") if KEY.match(part))
    return named


def test_every_key_the_doc_names_exists_in_the_model():
    named = named_keys()
    assert {"impact.users", "timeline[].what", "signoff.approved_digest", "[[lint.accepted]]"} <= named
    missing = sorted(p for p in named if not _resolve(p))
    assert missing == []


def test_every_model_field_is_documented():
    tops = {re.split(r"[.\[]", key.strip("[]"))[0] for key in named_keys()}
    for name, info in Record.model_fields.items():
        assert (info.alias or name) in tops, name
