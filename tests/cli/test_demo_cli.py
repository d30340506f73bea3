import csv

from click.testing import CliRunner

from watchlist.cli import cli


def _run_demo(*args: str) -> str:
    result = CliRunner().invoke(cli, ["demo", *args], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def test_demo_finds_the_seeds_parties_and_explains_each_hit(tmp_path):
    output = _run_demo("--keep", str(tmp_path))
    for customer in ("C001 Nicolas Maduro", "C002 Cartel of the Suns", "C011 Cartel de los"):
        assert customer in output
    assert "builtin-cartel-de-los-soles" in output
    assert "Material support to an FTO" in output
    assert "rejected line 10: no name" in output
    assert "12 rows read: 11 screened, 1 rejected" in output
    assert (tmp_path / "hits.csv").exists()


def test_demo_does_not_alert_on_another_given_name_with_listed_surnames():
    output = _run_demo()
    assert "Juan Maduro Moros" not in output
    assert "Hiroshi Tanaka" not in output


def _consequences_by_record(folder):
    with (folder / "hits.csv").open(encoding="utf-8") as handle:
        return {row["record_id"]: row["consequences"] for row in csv.DictReader(handle)}


def test_demo_as_of_the_day_before_the_fto_listing_shows_no_fto_consequences(tmp_path):
    _run_demo("--as-of", "2025-11-23", "--keep", str(tmp_path / "before"))
    _run_demo("--as-of", "2025-11-24", "--keep", str(tmp_path / "after"))
    before = _consequences_by_record(tmp_path / "before")
    after = _consequences_by_record(tmp_path / "after")
    # Cartel de los Soles: SDGT since 25 Jul 2025, FTO in force from 24 Nov 2025.
    assert "SDGT-BLOCK" in before["C011"] and "FTO-MATERIAL-SUPPORT" not in before["C011"]
    assert "FTO-MATERIAL-SUPPORT" in after["C011"]
    # Tren de Aragua has been an FTO since February 2025.
    assert "FTO-MATERIAL-SUPPORT" in before["C004"]
