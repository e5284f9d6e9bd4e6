"""CLI start-up: ``reinstate --version`` against a bare ``python -c pass``.

Both run with byte-code caching allowed (as on a user's machine) and after one warm-up run,
so the figure is the start-up an editor sees on every save, not a first compile.
"""

from __future__ import annotations

import os
import subprocess
import sys

from benchmarks._common import Result, median_time


def run() -> list[Result]:
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def ours() -> None:
        subprocess.run(
            [python, "-m", "reinstate", "--version"], check=True, capture_output=True, env=env
        )

    def floor() -> None:
        subprocess.run([python, "-c", "pass"], check=True, capture_output=True, env=env)

    ours()
    floor()
    t_ours = median_time(ours, repeat=9)
    t_floor = median_time(floor, repeat=9)
    # the target is absolute: fast enough for an editor to run it on every save
    return [
        Result(
            "CLI start (reinstate --version)",
            t_ours,
            t_floor,
            "s",
            "python -c pass",
            "under 100 ms",
            t_ours < 0.1,
        )
    ]
