"""The official toml-test suite (TOML 1.0.0 cases) against our position-aware reader.

Every `valid/` document must parse without a problem and give exactly the values of
the tagged JSON beside it and of Python's own strict parser; every `invalid/`
document must yield at least one problem. The suite lives outside the repository
(`<repo>/../shared/testsuites/toml-test`, or `$PYSCRIPT_CONFIG_SHARED/testsuites/
toml-test`); when it is missing the run fails loudly instead of silently testing
nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import sys
from pathlib import Path

import pytest

from pyscript_config.reading.toml_reader import parse_toml
from pyscript_config.tree import ParseResult, to_python

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]


def _repo_root() -> Path:
    here = Path(__file__).resolve()
    for folder in here.parents:
        if (folder / "pyproject.toml").is_file():
            return folder
    raise RuntimeError("cannot find the repository root (no pyproject.toml above the tests)")


def _suite_dir() -> Path:
    shared = os.environ.get("PYSCRIPT_CONFIG_SHARED")
    base = Path(shared) if shared else _repo_root().parent / "shared"
    return base / "testsuites" / "toml-test" / "tests"


SUITE = _suite_dir()
LISTING = SUITE / "files-toml-1.0.0"
MISSING = f"toml-test suite not found: {LISTING} does not exist (set PYSCRIPT_CONFIG_SHARED)"


def _cases() -> list[str]:
    if not LISTING.is_file():
        return ["<missing toml-test suite>"]
    return [line for line in LISTING.read_text().split() if line.endswith(".toml")]


CASES = _cases()


def _read(name: str) -> str:
    """Decode as the product would, but keep undecodable bytes visible.

    The file loader refuses invalid UTF-8 before any reader runs; here the bytes
    become lone surrogates instead, so that the reader itself must reject them. A
    leading byte-order mark is stripped, as callers do before calling the reader.
    """
    text = (SUITE / name).read_bytes().decode("utf-8", errors="surrogateescape")
    return text[1:] if text.startswith("\ufeff") else text


_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})?"
)
_TIME = re.compile(r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?")


def _micro(fraction: str | None) -> int:
    return int((fraction or "0").ljust(6, "0")[:6])


def _expected_datetime(text: str, with_offset: bool) -> dt.datetime:
    m = _DATETIME.fullmatch(text)
    assert m is not None, f"unexpected date-time in the suite: {text}"
    offset = m.group(8)
    assert (offset is not None) == with_offset, text
    tz: dt.tzinfo | None = None
    if offset in ("Z", "z"):
        tz = dt.timezone.utc
    elif offset is not None:
        sign = -1 if offset[0] == "-" else 1
        delta = dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
        tz = dt.timezone(sign * delta)
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    return dt.datetime(year, month, day, hour, minute, second, _micro(m.group(7)), tz)


def from_tagged(data: object) -> object:
    """toml-test's tagged JSON (`{"type": ..., "value": ...}`) as Python values."""
    if isinstance(data, list):
        return [from_tagged(item) for item in data]
    assert isinstance(data, dict)
    if set(data) == {"type", "value"} and isinstance(data["type"], str):
        kind, value = data["type"], data["value"]
        if isinstance(value, str):
            if kind == "string":
                return value
            if kind == "integer":
                return int(value)
            if kind == "float":
                return float(value)
            if kind == "bool":
                assert value in ("true", "false")
                return value == "true"
            if kind == "datetime":
                return _expected_datetime(value, with_offset=True)
            if kind == "datetime-local":
                return _expected_datetime(value, with_offset=False)
            if kind == "date-local":
                return dt.date.fromisoformat(value)
            if kind == "time-local":
                m = _TIME.fullmatch(value)
                assert m is not None, value
                hour, minute, second = (int(m.group(i)) for i in range(1, 4))
                return dt.time(hour, minute, second, _micro(m.group(4)))
    return {key: from_tagged(value) for key, value in data.items()}


def same(actual: object, expected: object) -> bool:
    """Deep equality that tells int from float and bool from int and accepts nan == nan.

    Date-times compare by value (an instant for offset date-times), but an aware
    value never equals a naive one.
    """
    if type(actual) is not type(expected):
        return False
    if isinstance(actual, float) and isinstance(expected, float):
        return (math.isnan(actual) and math.isnan(expected)) or actual == expected
    if isinstance(actual, dt.datetime) and isinstance(expected, dt.datetime):
        if (actual.tzinfo is None) != (expected.tzinfo is None):
            return False
        return actual == expected and actual.utcoffset() == expected.utcoffset()
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            same(actual[key], expected[key]) for key in actual
        )
    if isinstance(actual, list) and isinstance(expected, list):
        return len(actual) == len(expected) and all(
            same(a, e) for a, e in zip(actual, expected, strict=True)
        )
    return actual == expected


def _spans_inside(result: ParseResult, length: int) -> None:
    for problem in result.problems:
        assert 0 <= problem.span.start <= problem.span.end <= length, problem
    for comment in result.comments:
        assert 0 <= comment.start <= comment.end <= length, comment


def test_suite_is_present_and_complete() -> None:
    assert LISTING.is_file(), MISSING
    valid = [case for case in CASES if case.startswith("valid/")]
    invalid = [case for case in CASES if case.startswith("invalid/")]
    # The TOML 1.0.0 listing of the pinned suite: guards against a truncated copy.
    assert len(valid) >= 200
    assert len(invalid) >= 450


@pytest.mark.parametrize("name", CASES, ids=CASES)
def test_toml_test_case(name: str) -> None:
    assert LISTING.is_file(), MISSING
    text = _read(name)
    result = parse_toml(text)
    _spans_inside(result, len(text))
    if name.startswith("invalid/"):
        assert result.problems, f"{name} is invalid TOML but no problem was reported"
        return
    assert result.problems == [], [problem.message for problem in result.problems]
    assert result.root is not None
    actual = to_python(result.root)
    expected = from_tagged(json.loads((SUITE / (name[:-5] + ".json")).read_text()))
    assert same(actual, expected), f"values differ from the tagged JSON:\n{actual!r}"
    reference = tomllib.loads(text)
    assert same(actual, reference), f"values differ from tomllib:\n{reference!r}"
