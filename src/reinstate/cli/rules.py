"""``reinstate rules list|show``: the review rules, where each comes from, and what it means."""

from __future__ import annotations

import argparse
from typing import Any

from reinstate.cli._output import print_json


def add_parser(sub: Any) -> None:
    p = sub.add_parser("rules", help="list or explain the review rules used by `reinstate check`")
    rsub = p.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", required=True)
    lst = rsub.add_parser("list", help="every rule: id, category, severity, on/off, source file")
    lst.add_argument("prefix", nargs="?", help="only rules whose id starts with this prefix")
    lst.add_argument("--json", action="store_true", help="JSON output")
    lst.set_defaults(handler=run_list)
    show = rsub.add_parser("show", help="one rule in full, with its examples")
    show.add_argument("rule_id", metavar="ID", help="the rule id, e.g. tone.money.losses")
    show.add_argument("--json", action="store_true", help="JSON output")
    show.set_defaults(handler=run_show)


def _matches(rule_id: str, prefix: str | None) -> bool:
    return prefix is None or rule_id == prefix or rule_id.startswith(prefix.rstrip(".") + ".")


def run_list(args: argparse.Namespace) -> int:
    from reinstate.core.errors import NotFoundError
    from reinstate.core.review import ReviewConfig, load_rules

    config = ReviewConfig.from_home()
    ruleset = load_rules(config.home)
    rows = []
    for rule_id, rule in sorted(ruleset.rules.items()):
        if not _matches(rule_id, args.prefix):
            continue
        rows.append(
            {
                "id": rule_id,
                "category": rule.category,
                "severity": config.severity.get(rule_id, rule.severity),
                "enabled": config.is_enabled(rule_id),
                "kind": (
                    "check"
                    if rule.check
                    else "cooccur"
                    if rule.cooccur
                    else "classifier"
                    if rule.classifier
                    else "patterns"
                ),
                "message": rule.message,
                "source": ", ".join(str(p) for p in ruleset.sources[rule_id]),
            }
        )
    if args.prefix and not rows:
        raise NotFoundError(f"no rule id starts with '{args.prefix}'")
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        state = "" if row["enabled"] else "  (off)"
        print(f"{row['id']:<34} {row['category']:<18} {row['severity']:<8}{state}")
        print(f"    {row['message']}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from reinstate.core.errors import NotFoundError
    from reinstate.core.review import ReviewConfig, load_rules

    config = ReviewConfig.from_home()
    ruleset = load_rules(config.home)
    rule = ruleset.rules.get(args.rule_id)
    if rule is None:
        close = [r for r in sorted(ruleset.rules) if _matches(r, args.rule_id)]
        hint = f" (rules under it: {', '.join(close)})" if close else ""
        raise NotFoundError(f"no rule '{args.rule_id}'{hint}; see `reinstate rules list`")
    data = rule.as_dict()
    data["severity"] = config.severity.get(rule.id, rule.severity)
    data["enabled"] = config.is_enabled(rule.id)
    data["sources"] = [str(p) for p in ruleset.sources[rule.id]]
    if args.json:
        print_json(data)
        return 0
    print(f"{rule.id}   ({rule.category}, {data['severity']}{'' if data['enabled'] else ', off'})")
    print(f"  message:    {rule.message}")
    if rule.suggestion:
        print(f"  suggestion: {rule.suggestion}")
    print(f"  applies to: {', '.join(rule.kinds)}")
    if rule.parts is not None:
        names = ", ".join(part.replace("_", " ") for part in rule.parts)
        print(f"  only under: {names}")
    if rule.check:
        print(f"  logic:      the '{rule.check}' check (Python)")
    if rule.classifier:
        from reinstate.core.review.classifier import load_model

        info, warning = load_model().thresholds(rule.classifier)
        print(
            f"  logic:      sentences the sentence model scores as '{rule.classifier}':"
            f" info from probability {info:.2f}, the rule's severity from {warning:.2f}"
        )
    for pattern in rule.patterns:
        print(f"  pattern:    {pattern}")
    for n, cues in enumerate(rule.cooccur):
        lead = "sentence with one of:" if n == 0 else "and one of:"
        print(f"  {lead:<22}{', '.join(cues)}")
    if rule.unless:
        print(f"  {'unless:':<22}{', '.join(rule.unless)}")
    if rule.unless_next:
        print(f"  {'unless next sentence:':<22}{', '.join(rule.unless_next)}")
    if rule.requires_first_person:
        print(f"  {'only if':<22}the sentence says I, we, my, our, me or us")
    if rule.forbid_data:
        print(f"  {'only if':<22}the sentence has no number, date or full name")
    for pattern in rule.exceptions:
        print(f"  exception:  {pattern}")
    for example in rule.flag:
        print(f"  flags:      {' '.join(example.split())[:160]}")
    for example in rule.pass_:
        print(f"  passes:     {' '.join(example.split())[:160]}")
    print(f"  source:     {', '.join(data['sources'])}")
    return 0
