"""screen_file: a customer CSV in, hits out, every row screened or rejected with a reason."""

from __future__ import annotations

import csv
import gc
from pathlib import Path

import pytest

from watchlist.errors import InputError
from watchlist.model import Entity, FuzzyDate, Name, Schema
from watchlist.screen import Screener
from watchlist.screen.batch import OUTPUT_COLUMNS, screen_file

LISTED = (
    Entity(
        id="t-1",
        schema=Schema.PERSON,
        source="t",
        source_id="1",
        names=(Name("MADURO MOROS, Nicolas"),),
        birth_dates=(FuzzyDate(1962, 11, 23),),
    ),
    Entity(id="t-2", schema=Schema.ORGANIZATION, source="t", source_id="2",
           names=(Name("CARTEL DE LOS SOLES"), Name("CARTEL OF THE SUNS"))),
)  # fmt: skip


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.from_entities(LISTED)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, text: bytes) -> Path:
    path.write_bytes(text)
    return path


GOOD_AND_BAD = (
    b"id,name,schema,birth_date,country\n"
    b"C1,Nicolas Maduro,Person,1962,VE\n"
    b"C2,Hiroshi Tanaka,Person,,\n"
    b"C3,,Person,,\n"
    b"C4,Cartel of the Suns,Organization\n"
    b"C5,Cartel de los Soles,Organization,,\n"
    b"C6,Nicol\xe1s Maduro Moros,Person,,VE\n"
    b"C7,Juan Maduro Moros,Pope,,\n"
    b"\n"
    b'C8,"Maduro Moros, Nicolas",Person,sometime,\n'
)


def test_counts_add_up_on_a_file_with_bad_rows(screener: Screener, tmp_path: Path) -> None:
    source = write(tmp_path / "customers.csv", GOOD_AND_BAD)
    output, rejects = tmp_path / "hits.csv", tmp_path / "rejects.csv"

    summary = screen_file(
        source, output, screener, rejects_path=rejects, threshold=None, limit=5,
        sources=None, workers=1, as_of=None, progress=None,
    )  # fmt: skip

    assert summary.rows_read == 9
    assert summary.rows_screened == 4
    assert summary.rows_rejected == 5
    assert summary.balanced
    assert summary.rows_with_hits == 3
    assert summary.hits == 3
    assert summary.unread_birth_dates == (10,)
    assert [r["record_id"] for r in rows(output)] == ["C1", "C5", "C8"]
    assert [(r["line"], r["record_id"], r["reason"]) for r in rows(rejects)] == [
        ("4", "C3", "no name"),
        ("5", "C4", "expected 5 fields, found 3 — an unquoted comma?"),
        ("7", "C6", "invalid UTF-8 bytes; save the file as UTF-8"),
        ("8", "C7", "unknown schema 'Pope'; use one of Person, Organization, Company, "
         "LegalEntity, Vessel, Airplane"),
        ("9", "", "empty line"),
    ]  # fmt: skip


def test_invalid_bytes_on_one_line_reject_only_that_line(
    screener: Screener, tmp_path: Path
) -> None:
    source = write(
        tmp_path / "in.csv",
        b"id,name\nA,Nicolas Maduro\nB,Cartel \xff\xfe Soles\nC,Cartel de los Soles\n",
    )

    summary = screen_file(source, tmp_path / "out.csv", screener, rejects_path=None,
                          threshold=None, limit=5, sources=None, workers=1, as_of=None,
                          progress=None)  # fmt: skip

    assert (summary.rows_read, summary.rows_screened, summary.rows_rejected) == (3, 2, 1)
    rejected = rows(tmp_path / "out.rejects.csv")
    assert [(r["line"], r["record_id"]) for r in rejected] == [("3", "B")]
    assert "\\xff" in rejected[0]["raw"]


def test_output_rows_carry_the_hit_and_its_explanation(screener: Screener, tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", b"name,id\nNicolas Maduro,X1\n")

    screen_file(source, tmp_path / "out.csv", screener, rejects_path=None, threshold=None,
                limit=5, sources=None, workers=1, as_of=None, progress=None)  # fmt: skip

    (row,) = rows(tmp_path / "out.csv")
    assert tuple(row) == OUTPUT_COLUMNS
    assert row["record_id"] == "X1" and row["line"] == "2"
    assert row["entity_id"] == "t-1" and row["source"] == "t" and row["source_id"] == "1"
    assert row["matched_name"] == "MADURO MOROS, Nicolas"
    assert float(row["score"]) >= 0.8
    assert row["explanation"].startswith("matched primary name 'MADURO MOROS, Nicolas'; name +")


def test_quoted_fields_may_span_lines(screener: Screener, tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", b'id,name\nA,"Cartel de\nlos Soles"\nB,\n')

    summary = screen_file(source, tmp_path / "out.csv", screener, rejects_path=None,
                          threshold=None, limit=5, sources=None, workers=1, as_of=None,
                          progress=None)  # fmt: skip

    assert (summary.rows_read, summary.rows_with_hits) == (2, 1)
    assert rows(tmp_path / "out.rejects.csv")[0]["line"] == "4"


def test_workers_give_the_same_result_in_input_order(screener: Screener, tmp_path: Path) -> None:
    lines = [b"id,name"]
    for n in range(300):
        name = b"Nicolas Maduro" if n % 3 == 0 else (b"" if n % 50 == 1 else b"Jane Doe %d" % n)
        lines.append(b"R%03d,%s" % (n, name))
    source = write(tmp_path / "in.csv", b"\n".join(lines) + b"\n")
    done: list[int] = []

    one = screen_file(
        source,
        tmp_path / "one.csv",
        screener,
        rejects_path=None,
        threshold=None,
        limit=5,
        sources=None,
        workers=1,
        as_of=None,
        progress=None,
    )
    two = screen_file(source, tmp_path / "two.csv", screener, rejects_path=None, threshold=None,
                      limit=5, sources=None, workers=2, as_of=None, progress=done.append,
                      chunk_rows=16)  # fmt: skip

    assert (two.rows_read, two.rows_screened, two.rows_rejected) == (300, 296, 4)
    assert (two.rows_with_hits, two.hits) == (one.rows_with_hits, one.hits) == (100, 100)
    assert (tmp_path / "two.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert done == sorted(done) and done[-1] == 300


def test_workers_load_a_saved_screener_from_its_file(screener: Screener, tmp_path: Path) -> None:
    saved = Screener.load(screener.save(tmp_path / "index" / "screener.pickle"))
    source = write(tmp_path / "in.csv", b"id,name\n" + b"A,Cartel de los Soles\n" * 40)

    summary = screen_file(source, tmp_path / "out.csv", saved, rejects_path=None,
                          threshold=None, limit=5, sources=None, workers=2, as_of=None,
                          progress=None, chunk_rows=8)  # fmt: skip

    assert summary.hits == 40


def test_header_without_a_name_column_is_refused(screener: Screener, tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", b"id,full_name\n1,X\n")

    with pytest.raises(InputError, match="line 1: the header has no name column"):
        screen_file(source, tmp_path / "out.csv", screener, rejects_path=None, threshold=None,
                    limit=5, sources=None, workers=1, as_of=None, progress=None)  # fmt: skip


def test_empty_file_is_refused(screener: Screener, tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", b"")

    with pytest.raises(InputError, match="the file is empty"):
        screen_file(source, tmp_path / "out.csv", screener, rejects_path=None, threshold=None,
                    limit=5, sources=None, workers=1, as_of=None, progress=None)  # fmt: skip


def test_summary_describes_itself(screener: Screener, tmp_path: Path) -> None:
    source = write(tmp_path / "customers.csv", GOOD_AND_BAD)

    summary = screen_file(source, tmp_path / "out.csv", screener, rejects_path=None,
                          threshold=None, limit=5, sources=None, workers=1, as_of=None,
                          progress=None)  # fmt: skip

    text = summary.describe()
    assert text.startswith("9 rows read: 4 screened, 5 rejected; 3 with hits, 3 hits in all;")
    assert "1 birth dates unreadable, screened on the other fields (lines 10)" in text


def test_screening_in_process_keeps_the_index_out_of_full_collections(
    screener: Screener, tmp_path: Path
) -> None:
    source = write(tmp_path / "customers.csv", GOOD_AND_BAD)
    gc.unfreeze()  # whatever another test of this process froze
    try:
        assert gc.get_freeze_count() == 0
        screen_file(
            source, tmp_path / "out.csv", screener, rejects_path=None, threshold=None, limit=5,
            sources=None, workers=1, as_of=None, progress=None,
        )  # fmt: skip
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
