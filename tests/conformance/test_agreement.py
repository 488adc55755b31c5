"""Our diagnostics agree with what the real runtime did on every recorded case.

No browser here: the recordings in `recordings/` are the runtime's answers. Disagreements
we know about are listed, with reasons, in `expected_failures.toml`.
"""

from __future__ import annotations

import pytest
from agreement import (
    CORPUS,
    RECORDINGS,
    VERDICTS,
    case_ids,
    expected_failures,
    judge,
    load_case,
    load_recording,
)

KNOWN = expected_failures()


def _params(known: bool) -> list[object]:
    params: list[object] = []
    for case in case_ids():
        listed = known and case in KNOWN
        marks = [pytest.mark.xfail(reason=KNOWN[case], strict=True)] if listed else []
        params.append(pytest.param(case, marks=marks, id=case))
    return params


def test_the_corpus_is_recorded() -> None:
    cases = sorted(p.name for p in CORPUS.iterdir() if (p / "case.toml").is_file())
    missing = [c for c in cases if not (RECORDINGS / f"{c}.json").is_file()]
    assert not missing, f"cases without a recording (run the record command): {missing}"
    assert len(cases) >= 150, f"only {len(cases)} corpus cases"


def test_expected_failures_name_real_cases() -> None:
    unknown = sorted(set(KNOWN) - set(case_ids()))
    assert not unknown, f"expected_failures.toml names unknown cases: {unknown}"


@pytest.mark.parametrize("case", _params(known=False))
def test_recorded_outcome_matches_the_case_claim(case: str) -> None:
    claim = load_case(case)["expect"]
    recorded = load_recording(case)["outcome"]
    assert recorded == claim, f"{case}: case.toml expects {claim!r}, the runtime did {recorded!r}"


@pytest.mark.parametrize("case", _params(known=True))
def test_checker_agrees_with_the_runtime(case: str) -> None:
    verdict = judge(case)
    VERDICTS.append(verdict)
    assert verdict.agrees, (
        f"{case}: runtime {verdict.runtime}, ours {verdict.ours}: {verdict.detail}"
    )
