"""Our PEP 508 / PEP 427 parsing, as micropip would judge `packages` entries."""

from __future__ import annotations

import pytest

from pyscript_config.rules.pep508 import (
    Requirement,
    RequirementError,
    parse_requirement,
    parse_wheel_name,
)


@pytest.mark.parametrize(
    ("text", "name", "extras", "specifiers"),
    [
        ("numpy", "numpy", (), ()),
        ("NumPy", "NumPy", (), ()),
        ("numpy==1.26.4", "numpy", (), (("==", "1.26.4"),)),
        ("numpy >= 1.2, <2", "numpy", (), ((">=", "1.2"), ("<", "2"))),
        ("pandas[performance,excel]>=2", "pandas", ("performance", "excel"), ((">=", "2"),)),
        ("requests (>=2.0)", "requests", (), ((">=", "2.0"),)),
        ("django~=4.2", "django", (), (("~=", "4.2"),)),
        ("foo==1.*", "foo", (), (("==", "1.*"),)),
        ("foo===anything-goes", "foo", (), (("===", "anything-goes"),)),
        ("ruamel.yaml", "ruamel.yaml", (), ()),
        ("python-dateutil!=2.8.0", "python-dateutil", (), (("!=", "2.8.0"),)),
        ("v-pkg==v1.0rc1.post2.dev3+local.7", "v-pkg", (), (("==", "v1.0rc1.post2.dev3+local.7"),)),
    ],
)
def test_valid_requirements(
    text: str, name: str, extras: tuple[str, ...], specifiers: tuple[tuple[str, str], ...]
) -> None:
    parsed = parse_requirement(text)
    assert isinstance(parsed, Requirement)
    assert (parsed.name, parsed.extras, parsed.specifiers) == (name, extras, specifiers)
    assert text[: parsed.name_end].strip() == name


def test_url_and_marker_requirements() -> None:
    parsed = parse_requirement("pkg @ https://h/pkg-1.0-py3-none-any.whl ; python_version>'3'")
    assert isinstance(parsed, Requirement)
    assert parsed.url == "https://h/pkg-1.0-py3-none-any.whl"
    assert parsed.marker == "python_version>'3'"


@pytest.mark.parametrize(
    ("text", "message", "start", "end"),
    [
        ("numpy=1.26", "unexpected '=': a version pin needs '==' (write numpy==1.26)", 5, 10),
        ("numpy 1.26", "unexpected '1': a version needs an operator (write numpy==1.26)", 6, 10),
        ("my package", "unexpected 'p'", 3, 10),
        ("-numpy", "a requirement must start with a package name", 0, 1),
        ("numpy==", "a version must follow '=='", 5, 7),
        ("numpy==abc", "'abc' is not a valid version (PEP 440)", 7, 10),
        ("numpy~=1", "'~=' needs at least two version parts (for example ~=1.0)", 7, 8),
        (
            "numpy>=1.0+local",
            "a local version ('1.0+local') is only allowed with '==' or '!='",
            7,
            16,
        ),
        ("pandas[perf", "unclosed '[' of the extras", 6, 11),
        ("numpy>=1,", "expected a version operator", 9, 10),
        ("pkg @", "a URL must follow '@'", 5, 6),
        ("numpy;", "an environment marker must follow ';'", 5, 6),
    ],
)
def test_invalid_requirements_say_what_and_where(
    text: str, message: str, start: int, end: int
) -> None:
    parsed = parse_requirement(text)
    assert isinstance(parsed, RequirementError)
    assert (parsed.message, parsed.start, parsed.end) == (message, start, end)


@pytest.mark.parametrize(
    ("filename", "browser"),
    [
        ("pkg-1.0-py3-none-any.whl", True),
        ("pkg-1.0-1-py3-none-any.whl", True),
        ("numpy-2.2.5-cp313-cp313-pyodide_2025_0_wasm32.whl", True),
        ("lib-0.1-cp311-cp311-emscripten_3_1_46_wasm32.whl", True),
        ("lib-0.1-cp312-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", False),
        ("RPi.GPIO-0.7.0-cp39-cp39-linux_armv7l.whl", False),
        ("win-1.0-cp312-cp312-win_amd64.whl", False),
    ],
)
def test_wheel_platforms(filename: str, browser: bool) -> None:
    wheel = parse_wheel_name(filename)
    assert wheel is not None
    assert wheel.runs_in_browser() is browser


def test_wheel_names_that_are_not_pep_427() -> None:
    assert parse_wheel_name("badname.whl") is None
    assert parse_wheel_name("pkg-1.0.whl") is None
    assert parse_wheel_name("pkg-1.0-py3-none-any.zip") is None
    wheel = parse_wheel_name("RPi.GPIO-0.7.0-cp39-cp39-linux_armv7l.whl")
    assert wheel is not None
    assert (wheel.name, wheel.version, wheel.python, wheel.abi, wheel.platform) == (
        "RPi.GPIO",
        "0.7.0",
        "cp39",
        "cp39",
        "linux_armv7l",
    )
