"""Train the review's sentence classifier from the labelled letters (a maintainer's tool).

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_review_model.py [FOLDER ...] [--test FOLDER ...]

Every letter ``NAME.txt`` with its label ``NAME.json`` (the format of ``tests/appeals``) is
cut into sentences the way the review cuts them; a sentence is an example of a category when
a labelled phrase of that category overlaps it, and a counter-example otherwise. One logistic
regression per category is fitted on the features of ``reinstate.core.review.classifier``;
weights too small to matter are dropped and the rest written to
``src/reinstate/core/review/data/sentence_model.json``. With ``--test``, the letters there
(never used for training) are scored and the share of their labelled sentences found at each
threshold is printed, with the sentences of good letters that would be flagged.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reinstate.core.review.classifier import (  # noqa: E402
    FEATURES_VERSION,
    MODEL_FILE,
    features,
    normalised_spans,
    words,
)
from reinstate.core.review.context import Context  # noqa: E402
from reinstate.core.review.normalize import normalise  # noqa: E402
from reinstate.core.review.sections import find_sections  # noqa: E402

CATEGORIES = [
    "blame_amazon",
    "blame_others",
    "threat_legal",
    "emotional",
    "money",
    "begging",
    "vague_promise",
    "unsupported_claim",
    "off_topic",
]
DEFAULT = [
    Path("/work/shared/corpus/appeals"),
    ROOT / "tests/appeals",
    ROOT / "tests/appeals_heldout",
]
KINDS = {"escalation_email": "escalation"}


Row = tuple[dict[str, int], set[str], str, str]


def sentences(folders: list[Path]) -> list[Row]:
    """(features, categories, verdict, letter) of every sentence of every labelled letter."""
    rows: list[Row] = []
    for folder in folders:
        for txt in sorted(folder.glob("*.txt")):
            label = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
            text = txt.read_text(encoding="utf-8")
            kind = label.get("kind", "poa")
            norm = normalise(text)
            ctx = Context(text, norm, KINDS.get(kind, kind), None, find_sections(text))
            spans = []
            for problem in label["problems"]:
                if problem["phrase"] and problem["category"] in CATEGORIES:
                    start = text.find(problem["phrase"])
                    spans.append((start, start + len(problem["phrase"]), problem["category"]))
            sents = ctx.sentences
            norm_spans = normalised_spans(
                norm.norm_starts, norm.orig_starts, norm.copied, len(norm.text), sents
            )
            for (s, e), (ns, ne) in zip(sents, norm_spans, strict=True):
                cats = {c for a, b, c in spans if a < e and s < b}
                tokens = words(norm.text, ns, ne)
                rows.append((dict(features(tokens)), cats, label["verdict"], txt.stem))
    return rows


def rule_examples() -> list[Row]:
    """The built-in rules' own examples: a ``flag`` example of a tone rule is an example of
    its category, a ``pass`` example a counter-example (short sentences in many wordings)."""
    from reinstate.core.review import load_rules

    rows: list[Row] = []
    for rule in load_rules(builtin_only=True).rules.values():
        if rule.classifier or rule.category not in CATEGORIES:
            continue
        for text in rule.flag:
            tokens = words(normalise(text).text)
            rows.append((dict(features(tokens)), {rule.category}, "bad", rule.id))
        for text in rule.pass_:
            tokens = words(normalise(text).text)
            rows.append((dict(features(tokens)), set(), "good", rule.id))
    return rows


def _threshold(probs: Any, target: Any, precision: float, floor: float) -> float:
    """The lowest probability (from ``floor``, at most 0.99) from which at least ``precision``
    of the sentences flagged are labelled; 0.99 when none reaches it."""
    order = sorted(zip(probs, target, strict=True), key=lambda pair: -pair[0])
    best = 0.99
    right = 0
    for n, (p, labelled) in enumerate(order, start=1):
        if p < floor:
            break
        right += bool(labelled)
        if right / n >= precision:
            best = min(best, float(p))
    return round(max(floor, best), 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--test", nargs="*", type=Path, default=[])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument(
        "--info-precision",
        type=float,
        default=0.5,
        help="the share of right answers wanted from the info threshold (cross-validated)",
    )
    parser.add_argument("--info-floor", type=float, default=0.5, help="the lowest info threshold")
    parser.add_argument(
        "--warning-precision",
        type=float,
        default=0.95,
        help="the share of right answers wanted from the warning threshold (cross-validated)",
    )
    # weights under 0.05 change almost no sentence's score (on the held-out letters the same
    # sentences reach the warning level), and leaving them out makes the model a third smaller,
    # which is a good part of the CLI's start-up
    parser.add_argument("--min-weight", type=float, default=0.05)
    parser.add_argument(
        "--no-rule-examples", action="store_true", help="leave out the rules' own examples"
    )
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    args = parser.parse_args()

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    rows = sentences(args.folders)
    print(f"{len(rows)} sentences from {', '.join(str(f) for f in args.folders)}")
    if not args.no_rule_examples:
        examples = rule_examples()
        rows += examples
        print(f"{len(examples)} examples from the rules")
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([f for f, _, _, _ in rows])
    names = vectorizer.get_feature_names_out()
    bias: list[float] = []
    weights: dict[str, list[list[float]]] = {}
    models = []
    groups = [letter for _, _, _, letter in rows]
    info: list[float] = []
    warning: list[float] = []
    for index, category in enumerate(CATEGORIES):
        target = np.array([category in cats for _, cats, _, _ in rows])
        model = LogisticRegression(C=args.c, class_weight="balanced", max_iter=5000)
        # thresholds from predictions on letters left out of the fit (five folds by letter)
        held = cross_val_predict(
            model, matrix, target, groups=groups, cv=GroupKFold(5), method="predict_proba"
        )[:, 1]
        info.append(_threshold(held, target, args.info_precision, args.info_floor))
        warning.append(_threshold(held, target, args.warning_precision, max(info[-1], 0.8)))
        model.fit(matrix, target)
        models.append(model)
        print(
            f"  {category}: {int(target.sum())} example sentences; "
            f"info from {info[-1]:.2f}, warning from {warning[-1]:.2f}"
        )
        bias.append(round(float(model.intercept_[0]), 4))
        for name, weight in zip(names, model.coef_[0], strict=True):
            if abs(weight) >= args.min_weight:
                weights.setdefault(str(name), []).append([index, round(float(weight), 4)])
    data = {
        "features_version": FEATURES_VERSION,
        "trained_on": [
            str(f.relative_to(ROOT)) if f.is_relative_to(ROOT) else f.name for f in args.folders
        ],
        "sentences": len(rows),
        "categories": CATEGORIES,
        "bias": bias,
        "thresholds": {"info": info, "warning": warning},
        "weights": dict(sorted(weights.items())),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(weights)} features)")

    if args.test:
        test = sentences(args.test)
        tmatrix = vectorizer.transform([f for f, _, _, _ in test])
        for level, thresholds in (("info", info), ("warning", warning)):
            found = total = flagged_good = 0
            for index, category in enumerate(CATEGORIES):
                probs = models[index].predict_proba(tmatrix)[:, 1]
                for p, (_, cats, verdict, _) in zip(probs, test, strict=True):
                    if category in cats:
                        total += 1
                        found += p >= thresholds[index]
                    elif verdict == "good" and p >= thresholds[index]:
                        flagged_good += 1
            print(
                f"  test, {level}: {found}/{total} labelled sentences found; "
                f"{flagged_good} sentences of good letters flagged"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
