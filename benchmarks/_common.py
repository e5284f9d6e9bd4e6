"""Shared pieces of the benchmarks: timing helpers and the result record."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    """One measured figure, its reference measured in the same run, and the target ratio.

    ``ratio`` is ours / reference for times (lower is better). A benchmark never fails
    because the machine is slow: the runner only reports whether the target is met.
    """

    name: str
    ours: float
    reference: float
    unit: str
    reference_name: str
    target: str
    met: bool | None = None

    @property
    def ratio(self) -> float:
        return self.ours / self.reference if self.reference else float("inf")


def median_time(fn: Callable[[], object], *, repeat: int = 7, number: int = 1) -> float:
    """Median seconds per call of ``fn`` over ``repeat`` rounds of ``number`` calls."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)
