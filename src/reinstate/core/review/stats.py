"""Counts a reviewer looks at first: words, sentences, paragraphs, reading ease, data share.

Reading ease is Flesch's formula with a cheap syllable estimate (vowel groups, less a silent
final "e"): close enough to rank letters, and fast (no dictionary to load).
"""

from __future__ import annotations

from reinstate.core.review.context import Context
from reinstate.core.review.matcher import regex
from reinstate.core.review.model import Stats

# One byte per letter class: "v" for a vowel, "c" for anything else; a syllable starts at
# each "cv" (a vowel group after a non-vowel).
_CLASSES = bytes(ord("v") if chr(i) in "aeiouy" else ord("c") for i in range(256))
_PARAGRAPH_BREAK = regex(r"\n[ \t]*\n\s*")
# "e" for an "e", "s" for a space, full stop or comma, "." for any other byte.
_E_CLASSES = bytes(
    ord("e") if i == ord("e") else ord("s") if chr(i) in " .," else ord(".") for i in range(256)
)


def compute_stats(ctx: Context) -> Stats:
    words = ctx.words
    sentences = ctx.sentences
    n_sentences = len(sentences)
    paragraphs = sum(1 for p in _PARAGRAPH_BREAK.split(ctx.text) if p.strip())
    norm = ctx.norm.text
    classes = (" " + norm).encode("ascii", "ignore").translate(_CLASSES)
    # In UTF-8 an ASCII pair is a pair of bytes and no longer character holds an ASCII byte,
    # so pairs are counted on the bytes: "e " + "e." + "e," as "e" before a "s" class.
    raw = norm.encode("utf-8", "surrogatepass")
    silent = raw.translate(_E_CLASSES).count(b"es") - raw.count(b"le ")
    syllables = max(words, classes.count(b"cv") - silent)
    if words and n_sentences:
        ease = 206.835 - 1.015 * (words / n_sentences) - 84.6 * (syllables / words)
    else:
        ease = 0.0
    with_data = sum(ctx.data_in(sentences))
    share = with_data / n_sentences if n_sentences else 0.0
    return Stats(
        words=words,
        sentences=n_sentences,
        paragraphs=paragraphs,
        reading_ease=round(ease, 1),
        date_or_number_share=round(share, 3),
    )
