"""A sentence classifier for the tone categories, learnt from labelled appeals.

Phrase lists and cue lists find the wordings someone thought of; sellers find others. The
classifier scores every sentence of a letter for each tone category it knows (blame on
Amazon, blame on others, threats, feelings, money, begging, vague promises, unsupported
claims, off-topic) with a linear model over the sentence's words, word stems and word pairs,
read from the normalised letter (lower case, contractions written out). The model is data
(``data/sentence_model.json``), written by ``scripts/train_review_model.py`` from the labelled
letters in the test suite, read once per process and scored in plain Python.

A rule uses it by naming a category: ``classifier = "blame_amazon"``. The rule's own severity
applies from the model's ``warning`` threshold up; between the ``info`` threshold and that it
reports at info level. A sentence another finding of the same category already covers is not
reported again.

Scoring is one dictionary look-up per word, stem and word pair of the letter and a running
sum: each feature's weights for all categories are packed into one integer (a fixed-width
field per category, see ``_pack``), so adding two integers adds every category's score at
once, and a sentence's scores are the difference of two running sums.
"""

from __future__ import annotations

import json
import math
import struct
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise, repeat
from pathlib import Path
from typing import cast

from reinstate.core.errors import KnowledgeError
from reinstate.core.review.matcher import regex

MODEL_FILE = Path(__file__).resolve().parent / "data" / "sentence_model.json"
FEATURES_VERSION = 3

# a word, a sign, or the last digit of a number (every number reads as "0")
_TOKEN = regex(r"[a-z]+|[$€£%!?]|[0-9](?![0-9])")
_CANON = {str(d): "0" for d in range(10)}
_STEM = 5
_STEMS: dict[str, str] = {}

# packing: FIELD bits per category; a weight w (|w| < 500) is stored as round(w * SCALE) +
# OFFSET, so a field stays positive and below 2**31 for sums of up to 2,000 features (a
# sentence is read up to its first MAX_TOKENS tokens: 3 features each)
_FIELD = 32
_SCALE = 1_000
_OFFSET = 1 << 20
MAX_TOKENS = 600
_MAX_SEEN = 300_000  # words kept by ``SentenceModel._unknown``
MIN_TOKENS = 5
# a short sentence needs this many words of two letters or more to be scored
MIN_WORDS = 3
_SHORT = 12


def _stem(word: str) -> str:
    """The first five letters of a longer word ("investigators" and "investigation" share
    "inves*"); "" for a short word (no feature)."""
    found = word[:_STEM] + "*" if len(word) > _STEM else ""
    if len(_STEMS) < 200_000:
        _STEMS[word] = found
    return found


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The tokens of ``text[start:end]`` (normalised text) as the model reads them: words,
    numbers (as "0") and the signs $ € £ % ! ?."""
    found = _TOKEN.findall(text, start, len(text) if end is None else end)[:MAX_TOKENS]
    return list(map(_CANON.get, found, found))


def features(tokens: Sequence[str]) -> Counter[str]:
    """The features of one sentence's tokens: each word, each longer word's stem, each pair
    of neighbouring words, with how often it occurs (the model is trained on these)."""
    out = Counter(tokens)
    out.update(w[:_STEM] + "*" for w in tokens if len(w) > _STEM)
    out.update(map("_".join, pairwise(tokens)))
    return out


def _pack(weights: Sequence[float]) -> int:
    """One integer holding a weight per category, each in its own 64-bit field."""
    packed = 0
    for i, weight in enumerate(weights):
        packed |= (round(weight * _SCALE) + _OFFSET) << (_FIELD * i)
    return packed


@dataclass(frozen=True)
class SentenceModel:
    """Per category: a bias and two thresholds; each feature's weights, packed.

    For scoring, ``words`` holds each known word's weights already added to its stem's (a
    word is looked up once, not twice), ``stems`` the stems' own (for words the model does
    not know) and ``pairs`` the word pairs, keyed by the two words (no joined string to
    build). Each value carries one packing offset per feature it adds up.
    """

    categories: tuple[str, ...]
    bias: tuple[float, ...]
    info: tuple[float, ...]  # a score (log-odds) from which a sentence is reported at info
    warning: tuple[float, ...]  # ... and from which at the rule's own severity
    words: dict[str, int]
    stems: dict[str, int]
    pairs: dict[tuple[str, str], int]
    # the packed zero (a feature the model does not know) and the fields' layout
    zero: int = field(init=False, repr=False)
    layout: struct.Struct = field(init=False, repr=False)
    # ``words`` and the words met since that the model does not know, with their stems'
    # weights (one look-up per word once a word has been seen)
    _seen: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = len(self.categories)
        object.__setattr__(self, "zero", _pack([0.0] * n))
        object.__setattr__(self, "layout", struct.Struct(f"<{n}i"))
        object.__setattr__(self, "_seen", dict(self.words))

    def _sum(self, tokens: list[str]) -> tuple[int, ...]:
        """Each category's summed weight (times ``_SCALE``) over the sentence's features."""
        zero = self.zero
        found = list(map(self._seen.get, tokens))
        if None in found:  # a word the model does not know: its stem's weights alone
            unknown = self._unknown
            found = [v if v is not None else unknown(w) for v, w in zip(found, tokens, strict=True)]
        get = cast("Callable[[tuple[str, str], int], int]", self.pairs.get)
        total = sum(cast("list[int]", found)) + sum(map(get, pairwise(tokens), repeat(zero)))
        base = (3 * len(tokens) - 1) * _OFFSET
        layout = self.layout
        return tuple(v - base for v in layout.unpack(total.to_bytes(layout.size, "little")))

    def _unknown(self, word: str) -> int:
        """The weights of a word the model does not know: its stem's, kept for next time."""
        value = self.stems.get(_stem(word), self.zero) + self.zero
        if len(self._seen) < _MAX_SEEN:
            self._seen[word] = value
        return value

    def scores(self, tokens: list[str]) -> list[float]:
        """The log-odds of each category for one sentence's tokens."""
        if not tokens:
            return list(self.bias)
        return [b + v / _SCALE for b, v in zip(self.bias, self._sum(tokens), strict=True)]

    def thresholds(self, category: str) -> tuple[float, float]:
        """The info and warning thresholds of ``category``, as probabilities."""
        i = self.categories.index(category)
        return _sigmoid(self.info[i]), _sigmoid(self.warning[i])


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


# models taken in by ``import_model`` (a caller's cache), by ``model_stamp``
_PRELOADED: dict[str, SentenceModel] = {}
_READ: list[Path] = []  # model files read (and packed) in this process


def model_stamp(path: Path = MODEL_FILE) -> str:
    """A name for one version of a model file and of the packing (for a caller's cache)."""
    st = path.stat()
    return f"{FEATURES_VERSION}|{_FIELD}|{_SCALE}|{_OFFSET}|{st.st_size}|{st.st_mtime_ns}"


def export_model(path: Path = MODEL_FILE) -> tuple[str, tuple[object, ...]] | None:
    """The packed model read from ``path`` in this process, for a caller that keeps it
    between runs (packing is most of the time it takes to read the model; the core writes
    no files). None when it was not read from the file in this process."""
    if path not in _READ:
        return None
    model = load_model(path)
    return model_stamp(path), (
        model.categories,
        model.bias,
        model.info,
        model.warning,
        model.words,
        model.stems,
        model.pairs,
    )


def import_model(stamp: object, data: object) -> bool:
    """Take a packed model kept by ``export_model``; False when it is malformed (the file is
    then read as usual)."""
    if not isinstance(stamp, str) or not isinstance(data, tuple) or len(data) != 7:
        return False
    categories, bias, info, warning, words_, stems, pairs = data
    parts = (categories, bias, info, warning)
    if not all(isinstance(p, tuple) and len(p) == len(categories) for p in parts):
        return False
    # checked in C (map): the tables hold some 40,000 features
    for table in (words_, stems, pairs):
        if not isinstance(table, dict) or not all(map(isinstance, table.values(), repeat(int))):
            return False
    if not all(map(isinstance, words_, repeat(str))) or not all(
        map(isinstance, stems, repeat(str))
    ):
        return False
    if not all(map(isinstance, pairs, repeat(tuple))) or not set(map(len, pairs)) <= {2}:
        return False
    _PRELOADED[stamp] = SentenceModel(categories, bias, info, warning, words_, stems, pairs)
    return True


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> SentenceModel:
    """Read the model file; a damaged one is a clear error naming it."""
    try:
        kept = _PRELOADED.get(model_stamp(path))
        if kept is not None:
            return kept
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["features_version"] != FEATURES_VERSION:
            raise ValueError(f"features version {data['features_version']}")
        categories = tuple(str(c) for c in data["categories"])
        n = len(categories)
        bias = tuple(float(b) for b in data["bias"])
        info = tuple(_logit(float(t)) for t in data["thresholds"]["info"])
        warning = tuple(_logit(float(t)) for t in data["thresholds"]["warning"])
        if not (n and len(bias) == len(info) == len(warning) == n):
            raise ValueError("one bias and two thresholds per category are needed")
        packed: dict[str, int] = {}
        for feature, entries in data["weights"].items():
            row = [0.0] * n
            for index, weight in entries:
                if not 0 <= int(index) < n or abs(float(weight)) >= 500 or not feature:
                    raise ValueError(f"feature {feature!r} names an unknown category or weight")
                row[int(index)] = float(weight)
            packed[str(feature)] = _pack(row)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KnowledgeError(f"{path}: the sentence model cannot be read ({exc})") from exc
    _READ.append(path)
    return SentenceModel(categories, bias, info, warning, *_scoring_tables(packed, n))


def _scoring_tables(
    packed: dict[str, int], n: int
) -> tuple[dict[str, int], dict[str, int], dict[tuple[str, str], int]]:
    """The packed features as ``SentenceModel`` scores them: words with their stems added,
    stems, and pairs keyed by their two words."""
    zero = _pack([0.0] * n)
    stems = {f: v for f, v in packed.items() if f.endswith("*")}
    pairs: dict[tuple[str, str], int] = {}
    words_: dict[str, int] = {}
    for feature, value in packed.items():
        if "_" in feature:
            first, second = feature.split("_", 1)
            pairs[(first, second)] = value
        elif not feature.endswith("*"):
            words_[feature] = value + stems.get(_stem(feature), zero)
    return words_, stems, pairs


def normalised_spans(
    norm_starts: Sequence[int],
    orig_starts: Sequence[int],
    copied: Sequence[bool],
    length: int,
    spans: Sequence[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Spans of the original letter as spans of its normalised text (see ``normalize``)."""
    if not norm_starts:
        return list(spans)

    def at(pos: int) -> int:
        i = bisect_right(orig_starts, pos) - 1
        if i < 0:
            return 0
        if copied[i]:
            return norm_starts[i] + (pos - orig_starts[i])
        if pos == orig_starts[i]:
            return norm_starts[i]
        return norm_starts[i + 1] if i + 1 < len(norm_starts) else length

    return [(at(s), at(e)) for s, e in spans]


def classify(
    model: SentenceModel,
    text: str,
    spans: Sequence[tuple[int, int]],
    norm_spans: Sequence[tuple[int, int]],
    wanted: set[str],
) -> list[tuple[str, int, int, bool]]:
    """(category, start, end, at warning level) for every sentence (``spans``, with the same
    sentences as ``norm_spans`` in the normalised ``text``) that scores at least the info
    threshold of a ``wanted`` category."""
    limits = [
        (
            model.categories[i],
            i,
            round((model.info[i] - model.bias[i]) * _SCALE),
            round((model.warning[i] - model.bias[i]) * _SCALE),
        )
        for i, c in enumerate(model.categories)
        if c in wanted
    ]
    out: list[tuple[str, int, int, bool]] = []
    if not limits:
        return out
    for (start, end), (n_start, n_end) in zip(spans, norm_spans, strict=True):
        tokens = words(text, n_start, n_end)
        if len(tokens) < MIN_TOKENS:  # a heading or a label line ("Marketplaces: ...")
            continue
        if len(tokens) < _SHORT and sum(len(t) > 1 for t in tokens) < MIN_WORDS:
            continue  # codes and letters, not prose ("Clare, V95 T2F6.")
        sums = model._sum(tokens)
        for category, i, info, warning in limits:
            if sums[i] >= info:
                out.append((category, start, end, sums[i] >= warning))
    return out
