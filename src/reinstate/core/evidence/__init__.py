"""Pure checks on an attached document's text and metadata (no files, no processes).

The sandboxed parsing lives in :mod:`reinstate.evidence`; this package judges what it read.
"""

from reinstate.core.evidence.checks import CHECKS, CheckContext, planned_checks, run_checks
from reinstate.core.evidence.dates import FoundDate, find_dates, issue_date
from reinstate.core.evidence.models import CheckResult, ImageInfo, ParsedDocument

__all__ = [
    "CHECKS",
    "CheckContext",
    "CheckResult",
    "FoundDate",
    "ImageInfo",
    "ParsedDocument",
    "find_dates",
    "issue_date",
    "planned_checks",
    "run_checks",
]
