"""CLI start-up: ``reinstate --version`` against a bare ``python -c pass``."""

from __future__ import annotations

import subprocess
import sys

from benchmarks._common import Result, median_time


def run() -> list[Result]:
    python = sys.executable

    def ours() -> None:
        subprocess.run([python, "-m", "reinstate", "--version"], check=True, capture_output=True)

    def floor() -> None:
        subprocess.run([python, "-c", "pass"], check=True, capture_output=True)

    t_ours = median_time(ours, repeat=9)
    t_floor = median_time(floor, repeat=9)
    ratio = t_ours / t_floor
    return [
        Result(
            "CLI start (reinstate --version)",
            t_ours,
            t_floor,
            "s",
            "python -c pass",
            "< 4x",
            ratio < 4,
        )
    ]
