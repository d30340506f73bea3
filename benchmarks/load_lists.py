"""Time parsing and loading the July 2021 OFAC SDN set plus the February 2026 UN list, into SQLite
and into PostgreSQL, end to end (parse + store). Target: 15 s in all per database.

    .venv/bin/python benchmarks/load_lists.py            # runs, prints, updates RESULTS.md
    .venv/bin/python benchmarks/load_lists.py --no-write # runs and prints only

Reads the list files from ../shared/data (or $WATCHLIST_SHARED_DATA); PostgreSQL from
$WATCHLIST_BENCH_PG (default postgresql+psycopg://postgres@127.0.0.1:5432/test), in a database
of its own that it drops afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psutil
import sqlalchemy as sa

from watchlist.sources import get_source
from watchlist.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WATCHLIST_SHARED_DATA", ROOT.parent / "shared" / "data"))
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SECTION = "## Loading lists"
PG_ADMIN = os.environ.get("WATCHLIST_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LISTS = (("ofac-sdn", "ofac-sdn-2021"), ("un-sc", "un-sc/consolidated.xml"))
TARGET_S = 15.0


@contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="watchlist-bench-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'bench.db'}"


@contextmanager
def postgres_url() -> Iterator[str]:
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"watchlist_bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def one_run(url: str) -> dict[str, float]:
    """Parse both lists and load them into an empty store; seconds per step."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    store = Store.open(url)
    timings["open + migrate"] = time.perf_counter() - start
    try:
        for source, relative in LISTS:
            began = time.perf_counter()
            parsed = get_source(source).parse(SHARED / relative)
            parsed_at = time.perf_counter()
            store.load(parsed)
            timings[f"parse {source}"] = parsed_at - began
            timings[f"store {source}"] = time.perf_counter() - parsed_at
            timings[f"entities {source}"] = float(len(parsed.entities))
    finally:
        store.close()
    timings["total"] = time.perf_counter() - start
    return timings


BACKENDS: dict[str, Callable[[], AbstractContextManager[str]]] = {
    "SQLite": sqlite_url,
    "PostgreSQL": postgres_url,
}


def measure(backend: str, runs: int) -> list[dict[str, float]]:
    """Each run in a fresh Python process, so that every run pays what `watchlist load` pays:
    importing the parsers and loading their reference data."""
    results = []
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, __file__, "--one", backend],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    return results


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    ram = psutil.virtual_memory().total / 2**30
    system = f"{platform.system()} {platform.release()}"
    return f"{model}, {os.cpu_count()} cores, {ram:.0f} GiB RAM, {system}"


def postgres_version() -> str:
    engine = sa.create_engine(PG_ADMIN)
    with engine.connect() as connection:
        version = str(connection.exec_driver_sql("SHOW server_version").scalar_one())
    engine.dispose()
    return version


def report(results: dict[str, list[dict[str, float]]], runs: int, load_before: float) -> str:
    import sqlite3

    now = datetime.now(UTC)
    steps = [key for key in next(iter(results.values()))[0] if not key.startswith("entities")]
    entities = next(iter(results.values()))[0]
    counts = ", ".join(f"{source} {int(entities[f'entities {source}']):,}" for source, _ in LISTS)
    lines = [
        SECTION,
        "",
        f"`make bench-load` (benchmarks/load_lists.py), {now:%Y-%m-%d %H:%M} UTC.",
        f"Machine: {machine()}. Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, PostgreSQL {postgres_version()} on 127.0.0.1. Load average "
        f"when it started: {load_before:.1f} (other work on the machine slows every figure).",
        "",
        f"Parse and load the July 2021 OFAC SDN CSV set and the February 2026 UN XML into an "
        f"empty store ({counts} entities), {runs} runs each, each in a fresh process (so "
        f"imports and the parsers' reference data count, as in `watchlist load`); median "
        f"seconds (fastest in brackets). Target: total ≤ {TARGET_S:.0f} s.",
        "",
        "| step | " + " | ".join(results) + " |",
        "| --- | " + " | ".join("---:" for _ in results) + " |",
    ]
    for step in steps:
        cells = []
        for runs_of in results.values():
            values = [run[step] for run in runs_of]
            cells.append(f"{statistics.median(values):.2f} ({min(values):.2f})")
        label = f"**{step}**" if step == "total" else step
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")
    verdicts = []
    for backend, runs_of in results.items():
        total = statistics.median(run["total"] for run in runs_of)
        verdicts.append(
            f"{backend} {total:.1f} s ({'within' if total <= TARGET_S else 'OVER'} target)"
        )
    lines.append("Result: " + "; ".join(verdicts) + ".")
    lines.append("")
    return "\n".join(lines)


def write_section(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\n"
    start = text.find(SECTION + "\n")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + ("" if end == -1 else text[end + 1 :])
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="Do not update RESULTS.md.")
    parser.add_argument("--one", choices=list(BACKENDS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        with BACKENDS[args.one]() as url:
            print(json.dumps(one_run(url)))
        return 0
    load_before = os.getloadavg()[0]
    results = {backend: measure(backend, args.runs) for backend in BACKENDS}
    section = report(results, args.runs, load_before)
    print(section)
    if not args.no_write:
        write_section(section)
        print(f"updated {RESULTS.relative_to(ROOT)}")
    worst = max(statistics.median(r["total"] for r in runs) for runs in results.values())
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
