"""Render a report at the edge: compiler-style text and SARIF 2.1.0 for editors."""

from __future__ import annotations

from typing import Any

from reinstate import __version__
from reinstate.core.review.model import PARTS, Part, Report
from reinstate.core.review.rules import load_rules

_PART_LABELS = {
    "root_cause": "root cause",
    "corrective_actions": "corrective actions",
    "preventive_measures": "preventive measures",
}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _excerpt(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def format_text(source: str, report: Report) -> str:
    """``file:line:col: severity rule message``, the excerpt, the suggestion; then a summary."""
    out: list[str] = []
    for f in report.findings:
        out.append(f"{source}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")
        if f.excerpt:
            out.append(f"    | {_excerpt(f.excerpt)}")
        if f.suggestion:
            out.append(f"    = {f.suggestion}")
    counts = {level: 0 for level in ("error", "warning", "info")}
    for f in report.findings:
        counts[f.severity] += 1
    if report.kind in ("poa", "reply"):
        parts = ", ".join(f"{_PART_LABELS[p]} {_part_state(report, p)}" for p in PARTS)
    else:
        parts = f"kind {report.kind}"
    s = report.stats
    verdict = "ready" if report.ready else "not ready"
    out.append(
        f"{source}: {verdict}: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} note(s); {parts}; {s.words} words, reading ease {s.reading_ease:g}, "
        f"{round(s.date_or_number_share * 100)}% of sentences with a date or number"
    )
    return "\n".join(out) + "\n"


def _part_state(report: Report, part: Part) -> str:
    section = report.sections[part]
    if not section.found:
        return "missing"
    return "ok" if section.fits else "misplaced content"


def to_sarif(items: list[tuple[str, str, Report]]) -> dict[str, Any]:
    """One SARIF 2.1.0 log with one run over every reviewed file."""
    rules = load_rules().rules
    used: dict[str, int] = {}
    driver_rules: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for source, text, report in items:
        for f in report.findings:
            if f.rule not in used:
                used[f.rule] = len(driver_rules)
                rule = rules.get(f.rule)
                driver_rules.append(
                    {
                        "id": f.rule,
                        "shortDescription": {"text": rule.message if rule else f.message},
                        "help": {"text": (rule.suggestion if rule else f.suggestion) or ""},
                        "properties": {"category": f.category},
                    }
                )
            end_line = f.line + text.count("\n", f.start, f.end)
            last_break = text.rfind("\n", 0, f.end)
            end_column = f.end - last_break if f.end > f.start else f.column
            results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": used[f.rule],
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": f.message + (f" {f.suggestion}" if f.suggestion else "")},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": source},
                                "region": {
                                    "startLine": f.line,
                                    "startColumn": f.column,
                                    "endLine": end_line,
                                    "endColumn": end_column,
                                    "charOffset": f.start,
                                    "charLength": f.end - f.start,
                                    "snippet": {"text": f.excerpt},
                                },
                            }
                        }
                    ],
                    "properties": {"category": f.category},
                }
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reinstate check",
                        "version": __version__,
                        "rules": driver_rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
