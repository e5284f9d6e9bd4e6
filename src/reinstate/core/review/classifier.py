"""A sentence classifier for the tone categories, learnt from labelled appeals.

Phrase lists and cue lists find the wordings someone thought of; sellers find others. The
classifier scores every sentence of a letter for each tone category it knows (blame on
Amazon, blame on others, threats, feelings, money, begging, vague promises, unsupported
claims, off-topic) with a linear model over the sentence's words, word pairs and word stems.
The model is data (``data/sentence_model.json``), written by ``scripts/train_review_model.py``
from the labelled letters in the test suite; it is read once per process and scored in plain
Python (a dictionary look-up per word).

A rule uses it by naming a category: ``classifier = "blame_amazon"``. The rule's own severity
applies from the model's ``warning`` threshold up; between the ``info`` threshold and that it
reports at info level. A sentence another finding of the same category already covers is not
reported again.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from reinstate.core.errors import KnowledgeError

MODEL_FILE = Path(__file__).resolve().parent / "data" / "sentence_model.json"
FEATURES_VERSION = 1

_WORD = re.compile(r"[a-z0-9]+|[$€£%!?]")
_DIGITS = re.compile(r"[0-9]+")
_STEM = 5


def features(sentence: str) -> set[str]:
    """The features of one sentence (lower case, straight quotes): its words, the first five
    letters of its longer words (so "investigators" and "investigation" share one), and its
    word pairs. Every run of digits reads as "0" (a number, whatever its value)."""
    text = _DIGITS.sub("0", sentence.replace("n't", " not"))
    words = _WORD.findall(text)
    out = set(words)
    out.update([w[:_STEM] + "*" for w in words if len(w) > _STEM])
    out.update(map("_".join, pairwise(words)))
    return out


@dataclass(frozen=True)
class SentenceModel:
    """Per category: a bias, thresholds, and each feature's weight."""

    categories: tuple[str, ...]
    bias: tuple[float, ...]
    info: tuple[float, ...]  # a score (log-odds) from which a sentence is reported at info
    warning: tuple[float, ...]  # ... and from which at the rule's own severity
    weights: dict[str, tuple[tuple[int, float], ...]]

    def scores(self, sentence: str) -> list[float]:
        """The log-odds of each category for one sentence (lower case)."""
        out = list(self.bias)
        get = self.weights.get
        for feature in features(sentence):
            entries = get(feature)
            if entries:
                for index, weight in entries:
                    out[index] += weight
        return out

    def thresholds(self, category: str) -> tuple[float, float]:
        """The info and warning thresholds of ``category``, as probabilities."""
        i = self.categories.index(category)
        return _sigmoid(self.info[i]), _sigmoid(self.warning[i])

    def probability(self, sentence: str, category: str) -> float:
        return _sigmoid(self.scores(sentence)[self.categories.index(category)])


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> SentenceModel:
    """Read the model file; a damaged one is a clear error naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["features_version"] != FEATURES_VERSION:
            raise ValueError(f"features version {data['features_version']}")
        categories = tuple(str(c) for c in data["categories"])
        n = len(categories)
        bias = tuple(float(b) for b in data["bias"])
        info = tuple(_logit(float(t)) for t in data["thresholds"]["info"])
        warning = tuple(_logit(float(t)) for t in data["thresholds"]["warning"])
        if not (len(bias) == len(info) == len(warning) == n):
            raise ValueError("one bias and two thresholds per category are needed")
        weights: dict[str, tuple[tuple[int, float], ...]] = {}
        for feature, entries in data["weights"].items():
            pairs = tuple((int(i), float(w)) for i, w in entries)
            if any(not 0 <= i < n for i, _ in pairs):
                raise ValueError(f"feature {feature!r} names an unknown category")
            weights[str(feature)] = pairs
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KnowledgeError(f"{path}: the sentence model cannot be read ({exc})") from exc
    return SentenceModel(categories, bias, info, warning, weights)


def classify(
    model: SentenceModel, lower: str, sentences: list[tuple[int, int]], wanted: set[str]
) -> list[tuple[str, int, int, bool]]:
    """(category, start, end, at warning level) for every sentence scoring at least the info
    threshold of a ``wanted`` category; ``lower`` is the letter in lower case."""
    indices = [i for i, c in enumerate(model.categories) if c in wanted]
    if not indices:
        return []
    floor = min(model.info[i] for i in indices)
    out: list[tuple[str, int, int, bool]] = []
    for start, end in sentences:
        scores = model.scores(lower[start:end])
        for i in indices:
            score = scores[i]
            if score >= floor and score >= model.info[i]:
                out.append((model.categories[i], start, end, score >= model.warning[i]))
    return out
