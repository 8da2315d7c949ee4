"""The table printed at the end of a run and the JSON written beside it."""

import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from .context import Row

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    """What the numbers were measured on: they mean little without it."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration, ValueError):
        memory_kb = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


CALIBRATION_STEPS = 3_000_000


def python_speed() -> float:
    """Millions of steps a second of one fixed pure-Python loop, best of three.

    This is a shared virtual machine whose speed changes from day to day (the
    same code parsed 327 articles/s in one run and 218 in another): the same
    loop, timed at the start and the end of each run, says how fast the
    machine was, so runs can be compared through it.
    """
    best = float("inf")
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for step in range(CALIBRATION_STEPS):
            total += step
        best = min(best, time.perf_counter() - started)
    return round(CALIBRATION_STEPS / best / 1e6, 1)


def speed_row(start: float, end: float) -> Row:
    return Row(
        "Machine",
        "Python speed, one fixed loop (start, end of the run)",
        f"{start}, {end} M steps/s",
    )


def parser_row(compiled: bool) -> Row:
    """Whether the parser ran compiled, as ``make parser`` deploys it: it changes the
    import figures by more than half."""
    how = "compiled with mypyc (make parser)" if compiled else "Python source (no make parser)"
    return Row("Machine", "parser", how)


def table(rows: list[Row]) -> str:
    """Markdown, so the README can hold the last run's table as printed."""
    lines = ["| Section | Measure | Result | Target | Met |", "|---|---|---|---|---|"]
    marks = {True: "yes", False: "**no**", None: ""}
    for row in rows:
        lines.append(
            f"| {row.section} | {row.measure} | {row.value} | {row.target} | {marks[row.met]} |"
        )
    return "\n".join(lines)


def write(figures: dict, rows: list[Row], *, path: Path | None = None) -> Path:
    path = path or RESULTS / "latest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "figures": figures,
        "rows": [row.__dict__ for row in rows],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path
