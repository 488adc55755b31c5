"""The machine formats: JSON shape, GitHub escaping, SARIF against the official
schema, JUnit well-formedness and counts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema

from pyscript_config import __version__
from pyscript_config.cli.report import Locator, Report, get_reporter
from pyscript_config.cli.report.github import escape_data, escape_property
from pyscript_config.diagnostics import Diagnostic, Fix, Related, Severity, TextEdit
from pyscript_config.rules.registry import RULES
from pyscript_config.text import Span

REPO = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = (
    REPO / "tests/js/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
)

TOML = 'packages = "numpy"\npakages = []\n'
HTML = '<script type="py" config="./pyscript.toml"></script>\n<p>é</p>\n'
TEXTS = {"site/pyscript.toml": TOML, "site/index.html": HTML}
URL = Span(26, 41)
assert HTML[URL.start : URL.end] == "./pyscript.toml"

ERROR = Diagnostic(
    "PSC102",
    Severity.ERROR,
    '"packages" must be an array of strings, not a string',
    "site/pyscript.toml",
    Span(11, 18),
    related=(Related("site/index.html", URL, "used by this page"),),
)
WARNING = Diagnostic(
    "PSC100",
    Severity.WARNING,
    'unknown key "pakages": did you mean "packages"?',
    "site/pyscript.toml",
    Span(19, 26),
    fix=Fix(
        'Rename to "packages"',
        (TextEdit("site/pyscript.toml", Span(19, 26), "packages"),),
        safe=False,
    ),
)
HINT = Diagnostic("PSC101", Severity.HINT, 'custom key "x"', "site/index.html", Span(57, 58))
assert HTML[57] == "<"  # the "<" of "</p>", after the two-byte "é"
INFO = Diagnostic("PSC999", Severity.INFORMATION, "not a registered code", "site/index.html", URL)
ALL = [HINT, INFO, ERROR, WARNING]


def render(name: str, diagnostics: list[Diagnostic], files: list[str] | None = None) -> str:
    files = sorted(TEXTS) if files is None else files
    return get_reporter(name)(Report(diagnostics, files, Locator(TEXTS.get)))


def test_json_shape() -> None:
    document = json.loads(render("json", ALL))
    assert document["version"] == 1
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 1, "info": 1, "hints": 1}
    error = document["diagnostics"][2]
    assert error == {
        "code": "PSC102",
        "severity": "error",
        "message": '"packages" must be an array of strings, not a string',
        "path": "site/pyscript.toml",
        "range": {
            "start": {"line": 1, "column": 12, "offset": 11},
            "end": {"line": 1, "column": 19, "offset": 18},
        },
        "related": [
            {
                "path": "site/index.html",
                "range": {
                    "start": {"line": 1, "column": 27, "offset": 26},
                    "end": {"line": 1, "column": 42, "offset": 41},
                },
                "message": "used by this page",
            }
        ],
        "fix": None,
        "url": "https://github.com/pyscript-config/pyscript-config/blob/main/docs/rules.md"
        "#psc102-wrong-type",
    }
    warning = document["diagnostics"][3]
    assert warning["fix"] == {
        "title": 'Rename to "packages"',
        "safe": False,
        "edits": [
            {
                "path": "site/pyscript.toml",
                "range": {
                    "start": {"line": 2, "column": 1, "offset": 19},
                    "end": {"line": 2, "column": 8, "offset": 26},
                },
                "new_text": "packages",
            }
        ],
    }
    # Columns count characters: "é" is one column even though it is two UTF-8 bytes.
    assert document["diagnostics"][0]["range"]["start"] == {"line": 2, "column": 5, "offset": 57}
    assert document["diagnostics"][0]["severity"] == "hint"
    assert document["diagnostics"][1]["severity"] == "info"
    # An unregistered code still links to the rules page.
    assert document["diagnostics"][1]["url"].endswith("/docs/rules.md")


def test_json_with_no_diagnostics() -> None:
    assert json.loads(render("json", [], files=[])) == {
        "version": 1,
        "diagnostics": [],
        "summary": {"files": 0, "errors": 0, "warnings": 0, "info": 0, "hints": 0},
    }


def test_github_annotations() -> None:
    lines = render("github", [HINT, ERROR, WARNING]).splitlines()
    assert lines == [
        "::notice file=site/index.html,line=2,col=5,endLine=2,endColumn=6,"
        'title=PSC101 custom-key::custom key "x"',
        "::error file=site/pyscript.toml,line=1,col=12,endLine=1,endColumn=19,"
        'title=PSC102 wrong-type::"packages" must be an array of strings, not a string'
        "%0Anote: site/index.html:1:27: used by this page",
        "::warning file=site/pyscript.toml,line=2,col=1,endLine=2,endColumn=8,"
        'title=PSC100 unknown-key-typo::unknown key "pakages": did you mean "packages"?',
    ]


def test_github_escaping() -> None:
    assert escape_data("100% a\r\nb:c,d") == "100%25 a%0D%0Ab:c,d"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    texts = {"we:ird,name.toml": "x = 1\n"}
    odd = Diagnostic("PSC102", Severity.ERROR, "50% done\nreally", "we:ird,name.toml", Span(0, 1))
    line = get_reporter("github")(Report([odd], list(texts), Locator(texts.get)))
    assert line == (
        "::error file=we%3Aird%2Cname.toml,line=1,col=1,endLine=1,endColumn=2,"
        "title=PSC102 wrong-type::50%25 done%0Areally\n"
    )


def load_sarif_schema() -> dict[str, Any]:
    assert SARIF_SCHEMA.is_file(), (
        f"the official SARIF 2.1.0 schema is missing ({SARIF_SCHEMA}); "
        "run: npm ci --prefix tests/js"
    )
    schema: dict[str, Any] = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return schema


def test_sarif_is_valid_against_the_official_schema() -> None:
    schema = load_sarif_schema()
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    log = json.loads(render("sarif", ALL))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=str)
    assert errors == []
    # The schema must be able to fail: a result without a message is rejected.
    broken = json.loads(render("sarif", ALL))
    del broken["runs"][0]["results"][0]["message"]
    assert list(validator.iter_errors(broken))


def test_sarif_content() -> None:
    log = json.loads(render("sarif", ALL))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "pyscript-config"
    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://github.com/pyscript-config/pyscript-config"
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    wrong_type = driver["rules"][list(RULES).index("PSC102")]
    assert wrong_type["shortDescription"] == {"text": RULES["PSC102"].summary}
    assert wrong_type["fullDescription"] == {"text": RULES["PSC102"].why}
    assert wrong_type["help"]["text"] == RULES["PSC102"].fix
    assert wrong_type["defaultConfiguration"] == {"level": "error"}
    assert run["columnKind"] == "unicodeCodePoints"

    hint, info, error, warning = run["results"]
    assert error["ruleId"] == "PSC102"
    assert error["ruleIndex"] == list(RULES).index("PSC102")
    assert error["level"] == "error"
    assert error["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "site/pyscript.toml"},
        "region": {
            "startLine": 1,
            "startColumn": 12,
            "endLine": 1,
            "endColumn": 19,
            "charOffset": 11,
            "charLength": 7,
        },
    }
    assert error["relatedLocations"][0]["message"] == {"text": "used by this page"}
    assert error["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 27
    assert warning["level"] == "warning"
    change = warning["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"] == {"uri": "site/pyscript.toml"}
    assert change["replacements"][0]["insertedContent"] == {"text": "packages"}
    assert change["replacements"][0]["deletedRegion"]["charOffset"] == 19
    assert hint["level"] == "note"
    assert info["level"] == "note"
    assert "ruleIndex" not in info  # PSC999 is not a registered rule


def test_sarif_uris_are_encoded() -> None:
    texts = {"my site/pyscript.toml": "x = 1\n"}
    diagnostic = Diagnostic("PSC102", Severity.ERROR, "m", "my site/pyscript.toml", Span(0, 1))
    log = json.loads(get_reporter("sarif")(Report([diagnostic], list(texts), Locator(texts.get))))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20site/pyscript.toml"
    validator = jsonschema.validators.validator_for(load_sarif_schema())(load_sarif_schema())
    assert list(validator.iter_errors(log)) == []


def test_junit_is_well_formed_with_one_suite_per_checked_file() -> None:
    files = ["site/clean.html", "site/index.html", "site/pyscript.toml"]
    xml = render("junit", ALL, files=files)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert root.attrib["tests"] == "3"
    assert root.attrib["failures"] == "2"  # the error and the warning; hints and info are not
    suites = root.findall("testsuite")
    assert [suite.attrib["name"] for suite in suites] == files
    assert [suite.attrib["failures"] for suite in suites] == ["0", "0", "2"]
    cases = suites[2].findall("testcase")
    assert len(cases) == 1
    failures = cases[0].findall("failure")
    assert [failure.attrib["type"] for failure in failures] == [
        "PSC102 wrong-type",
        "PSC100 unknown-key-typo",
    ]
    assert failures[0].attrib["message"] == (
        '1:12: PSC102 "packages" must be an array of strings, not a string'
    )
    assert failures[0].text == (
        'site/pyscript.toml:1:12: PSC102 "packages" must be an array of strings, not a string\n'
        "note: site/index.html:1:27: used by this page"
    )
    assert suites[0].findall("testcase/failure") == []


def test_junit_survives_characters_xml_cannot_hold() -> None:
    texts = {"a.toml": "x = 1\n"}
    diagnostic = Diagnostic("PSC102", Severity.ERROR, "bad \x00\x1b <&>", "a.toml", Span(0, 1))
    xml = get_reporter("junit")(Report([diagnostic], ["a.toml"], Locator(texts.get)))
    failure = ET.fromstring(xml).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.attrib["message"] == "1:1: PSC102 bad \ufffd\ufffd <&>"
