"""Ranked "did you mean" suggestions for keys and enum values."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher


def _normal(word: str) -> str:
    return word.lower().replace("-", "_").replace(" ", "_")


def ranked_matches(word: str, candidates: Iterable[str], *, cutoff: float = 0.75) -> list[str]:
    """Candidates close to `word`, best first.

    Case, `-`/`_` and space differences count as exact matches (`js-modules` means
    `js_modules`); otherwise similarity is difflib's ratio, which handles the usual
    typos (a dropped, doubled or swapped letter) without flagging unrelated words.
    """
    target = _normal(word)
    scored: list[tuple[float, str]] = []
    for candidate in candidates:
        if candidate == word:
            continue
        normal = _normal(candidate)
        if normal == target:
            score = 2.0
        else:
            matcher = SequenceMatcher(None, target, normal)
            if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                continue
            score = matcher.ratio()
            if target and normal and (normal.startswith(target) or target.startswith(normal)):
                score += 0.05
        if score >= cutoff:
            scored.append((score, candidate))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [candidate for _, candidate in scored]
