"""A bank's own list as CSV: every row an entity, or an error naming file, line and column."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchlist.errors import SourceFormatError
from watchlist.model import (
    Authority,
    FuzzyDate,
    Identifier,
    IdentifierKind,
    NameKind,
    Schema,
)
from watchlist.sources import get_source
from watchlist.sources.custom import COLUMNS, CUSTOM, parse_custom

HEADER = ",".join(COLUMNS)
PETROV = (
    "C-0001,Ivan Petrov,Person,Ivan PETROV; Иван Петров,1971-04-02,ru,Russia,7204 123456,passport,"
    'EXIT,2024-11-05,"Customer exited, SAR 2024-118",https://cases.example.com/2024-118'
)
ACME = 'C-0002,Acme Trading FZE,company,Acme Trading,,ae,,,,"EXIT;TBML",2025-01-20,,'


def write(tmp_path: Path, text: str, name: str = "internal.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def test_registry_finds_the_custom_spec() -> None:
    assert get_source("custom") is CUSTOM


def test_reads_every_documented_column(tmp_path: Path) -> None:
    parsed = parse_custom(write(tmp_path, f"{HEADER}\n{PETROV}\n{ACME}\n"))
    assert parsed.source == "custom"
    assert parsed.counts == {"total": 2, "Company": 1, "Person": 1}
    petrov, acme = parsed.entities
    assert (petrov.id, petrov.source, petrov.source_id, petrov.schema) == (
        "custom-c-0001",
        "custom",
        "C-0001",
        Schema.PERSON,
    )
    assert [(n.full, n.kind) for n in petrov.names] == [
        ("Ivan Petrov", NameKind.PRIMARY),
        ("Ivan PETROV", NameKind.ALIAS),
        ("Иван Петров", NameKind.ALIAS),
    ]
    assert petrov.birth_dates == (FuzzyDate(1971, 4, 2),)
    assert (petrov.countries, petrov.nationalities) == (("ru",), ("ru",))
    assert petrov.identifiers == (Identifier(IdentifierKind.PASSPORT, "7204 123456"),)
    (designation,) = petrov.designations
    assert designation.authority is Authority.INTERNAL
    assert (designation.list_name, designation.programs, designation.listed_on) == (
        "custom",
        ("EXIT",),
        date(2024, 11, 5),
    )
    assert designation.note == "Customer exited, SAR 2024-118"
    assert designation.source_url == "https://cases.example.com/2024-118"
    assert acme.schema is Schema.COMPANY
    assert acme.programs == ("EXIT", "TBML")
    assert acme.birth_dates == ()


def test_only_id_and_name_are_required_and_schema_defaults(tmp_path: Path) -> None:
    parsed = parse_custom(write(tmp_path, "Name,ID\nGlobex,7\n", bom=True))
    (entity,) = parsed.entities
    assert (entity.id, entity.caption, entity.schema) == ("custom-7", "Globex", Schema.LEGAL_ENTITY)
    assert entity.designations[0].authority is Authority.INTERNAL


def test_list_name_sets_source_and_ids(tmp_path: Path) -> None:
    parsed = parse_custom(write(tmp_path, "id,name\nA 1,Globex\n"), list_name="internal-exits")
    (entity,) = parsed.entities
    assert (parsed.source, entity.source, entity.id) == (
        "internal-exits",
        "internal-exits",
        "internal-exits-a-1",
    )
    assert entity.designations[0].list_name == "internal-exits"


def test_id_type_label_is_classified_and_kept(tmp_path: Path) -> None:
    text = "id,name,id_number,id_type\n1,Juan Perez,12345678,Cedula No.\n2,Globex,99,\n"
    first, second = parse_custom(write(tmp_path, text)).entities
    assert first.identifiers == (
        Identifier(IdentifierKind.NATIONAL_ID, "12345678", label="Cedula No."),
    )
    assert second.identifiers == (Identifier(IdentifierKind.OTHER, "99"),)


def test_blank_lines_are_skipped_and_quoted_newlines_kept(tmp_path: Path) -> None:
    text = 'id,name,reason\n\n1,Globex,"two\nlines"\n\n2,Initech,\n'
    parsed = parse_custom(write(tmp_path, text))
    assert [e.caption for e in parsed.entities] == ["Globex", "Initech"]
    assert parsed.entities[0].designations[0].note == "two\nlines"


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("id,name\n1,Globex\n2,\n", 3, "name", "empty name"),
        ("id,name\n1,Globex\n,Initech\n", 3, "id", "empty id"),
        ("id,name\nA-1,Globex\na 1,Initech\n", 3, "id", "id 'a 1' already used on line 2"),
        ("id,name,schema\n1,Globex,Individual\n", 2, "schema", "unknown schema 'Individual'"),
        ("id,name,birth_date\n1,Jo,31/02/1975\n", 2, "birth_date", "'31/02/1975' is not a date"),
        ("id,name,listed_on\n1,Jo,yesterday\n", 2, "listed_on", "'yesterday' is not a date"),
        ("id,name,country\n1,Jo,Persia\n", 2, "country", "'Persia' is not a country"),
        ("id,name,id_type\n1,Jo,passport\n", 2, "id_number", "without an id_number"),
        ("id,name\n1,Globex\n2,Initech,extra\n", 3, None, "expected 2 fields, found 3"),
    ],
)
def test_bad_row_names_file_line_and_field(
    tmp_path: Path, text: str, line: int, field: str | None, message: str
) -> None:
    with pytest.raises(SourceFormatError) as error:
        parse_custom(write(tmp_path, text))
    assert (error.value.path, error.value.line, error.value.field) == (
        str(tmp_path / "internal.csv"),
        line,
        field,
    )
    assert message in str(error.value)
    assert str(error.value).startswith(f"internal.csv line {line}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("id,alias\n1,x\n", "unknown column(s) 'alias'"),
        ("id,schema\n1,Person\n", "missing required column(s) name"),
        ("id,name,name\n1,a,b\n", "column(s) name appear twice"),
    ],
)
def test_bad_header_is_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourceFormatError) as error:
        parse_custom(write(tmp_path, text))
    assert message in str(error.value)


def test_non_utf8_file_and_bad_list_name_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,name\n1,Müller\n".encode("latin-1"))
    with pytest.raises(SourceFormatError, match="save the file as CSV UTF-8"):
        parse_custom(path)
    with pytest.raises(SourceFormatError, match="lower-case letters"):
        parse_custom(write(tmp_path, "id,name\n1,A\n"), list_name="My List")


_cell = (
    st.text(
        alphabet=st.characters(categories=["L", "N", "P", "Zs"], exclude_characters=";"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(_cell, st.lists(_cell, max_size=3)), min_size=1, max_size=5))
def test_any_names_written_by_a_csv_writer_read_back(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, list[str]]]
) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "name", "aliases"])
    for number, (name, aliases) in enumerate(rows):
        writer.writerow([f"R{number}", name, "; ".join(aliases)])
    path = tmp_path_factory.mktemp("custom") / "list.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    parsed = parse_custom(path)
    assert [e.caption for e in parsed.entities] == [name for name, _ in rows]
    for entity, (name, aliases) in zip(parsed.entities, rows, strict=True):
        expected = [a for a in dict.fromkeys(aliases) if a != name]
        assert [n.full for n in entity.names[1:]] == expected
