"""`watchlist match` and `watchlist screen` on a store holding a small hand-built list."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from watchlist.cli import cli
from watchlist.model import Authority, Designation, Entity, FuzzyDate, Name, NameKind, Schema
from watchlist.sources import ParsedList
from watchlist.store import Store

ENTITIES = (
    Entity(
        id="custom-maduro",
        schema=Schema.PERSON,
        source="custom",
        source_id="maduro",
        names=(Name("MADURO MOROS, Nicolas"),),
        birth_dates=(FuzzyDate(1962, 11, 23),),
        designations=(
            Designation(Authority.OFAC, "SDN List", ("VENEZUELA",), listed_on=date(2017, 7, 31)),
        ),
    ),
    Entity(
        id="custom-soles",
        schema=Schema.ORGANIZATION,
        source="custom",
        source_id="soles",
        names=(Name("CARTEL DE LOS SOLES"), Name("CARTEL OF THE SUNS", NameKind.ALIAS)),
        designations=(
            Designation(Authority.OFAC, "SDN List", ("SDGT",), listed_on=date(2025, 7, 25)),
        ),
    ),
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store.open(url) as store:
        store.load(ParsedList(source="custom", entities=ENTITIES, files=()))
    return url


def run(tmp_path: Path, db: str, *args: str) -> Result:
    runner = CliRunner(env={"COLUMNS": "200", "WATCHLIST_HOME": str(tmp_path / "home")})
    return runner.invoke(cli, ["--db", db, *args])


def test_match_prints_the_hit_and_why(tmp_path: Path, db: str) -> None:
    result = run(
        tmp_path, db, "match", "Nicolas Maduro", "--schema", "person", "--birth-date", "1962"
    )

    assert result.exit_code == 0, result.output
    assert "MADURO MOROS, Nicolas" in result.stdout
    assert "custom-maduro" in result.stdout
    assert "birth_year_match +0.04" in result.stdout
    assert "VENEZUELA" in result.stdout


def test_match_json_gives_scores_and_contributions(tmp_path: Path, db: str) -> None:
    result = run(tmp_path, db, "match", "Cartel of the Suns", "--json")

    assert result.exit_code == 0, result.output
    (hit,) = json.loads(result.stdout)
    assert hit["entity_id"] == "custom-soles"
    assert hit["score"] == 1.0 and hit["match"] is True
    assert hit["name_kind"] == "alias"
    assert hit["contributions"][0]["feature"] == "name"


def test_match_as_of_a_day_before_the_designation_finds_nothing(tmp_path: Path, db: str) -> None:
    before = run(tmp_path, db, "match", "Cartel de los Soles", "--as-of", "2025-07-24")
    after = run(tmp_path, db, "match", "Cartel de los Soles", "--as-of", "2025-07-25")

    assert "No hit for 'Cartel de los Soles' at threshold 0.8." in before.stdout
    assert "custom-soles" in after.stdout


def test_match_other_given_name_is_no_hit(tmp_path: Path, db: str) -> None:
    result = run(tmp_path, db, "match", "Juan Maduro Moros", "--schema", "Person")

    assert result.exit_code == 0
    assert "No hit for 'Juan Maduro Moros'" in result.stdout


def test_match_threshold_zero_shows_weak_candidates(tmp_path: Path, db: str) -> None:
    result = run(tmp_path, db, "match", "Juan Maduro Moros", "--threshold", "0", "--json")

    hits = json.loads(result.stdout)
    assert hits[0]["entity_id"] == "custom-maduro"
    assert hits[0]["match"] is False


def test_match_rejects_a_threshold_outside_zero_to_one(tmp_path: Path, db: str) -> None:
    result = run(tmp_path, db, "match", "X", "--threshold", "2")

    assert result.exit_code == 2
    assert "2.0 is not between 0 and 1" in result.output


def test_empty_store_says_what_to_load(tmp_path: Path) -> None:
    result = run(tmp_path, f"sqlite:///{tmp_path / 'empty.db'}", "match", "Nicolas Maduro")

    assert result.exit_code == 1
    assert "run `watchlist load builtin`" in result.stderr


def test_screen_writes_hits_and_rejects_and_a_summary(tmp_path: Path, db: str) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_bytes(
        b"id,name,schema\nC1,Nicolas Maduro,Person\nC2,,Person\nC3,Cartel de los Soles,\n"
        b"C4,Caf\xe9 Paris,\nC5,Jane Doe,Person\n"
    )
    hits, rejects = tmp_path / "hits.csv", tmp_path / "rejects.csv"

    result = run(tmp_path, db, "screen", str(customers), "--output", str(hits),
                 "--rejects", str(rejects), "--workers", "2")  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "5 rows read: 3 screened, 2 rejected; 2 with hits, 2 hits in all" in result.stderr
    with hits.open(encoding="utf-8") as handle:
        assert [(r["record_id"], r["entity_id"]) for r in csv.DictReader(handle)] == [
            ("C1", "custom-maduro"),
            ("C3", "custom-soles"),
        ]
    with rejects.open(encoding="utf-8") as handle:
        assert [(r["line"], r["reason"]) for r in csv.DictReader(handle)] == [
            ("3", "no name"),
            ("5", "invalid UTF-8 bytes; save the file as UTF-8"),
        ]


def test_screen_reports_a_bad_header(tmp_path: Path, db: str) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text("ref,customer\n1,Nicolas Maduro\n")

    result = run(tmp_path, db, "screen", str(customers), "--output", str(tmp_path / "h.csv"))

    assert result.exit_code == 1
    assert "line 1: the header has no id, name column" in result.stderr
