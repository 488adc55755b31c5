"""Prints the runtime agreement table at the end of every test run."""

from __future__ import annotations

import sys

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    agreement = sys.modules.get("agreement")
    verdicts = getattr(agreement, "VERDICTS", None)
    if not verdicts or agreement is None:
        return
    terminalreporter.section("runtime agreement (tests/conformance)")
    terminalreporter.write_line(agreement.table(sorted(verdicts, key=lambda v: v.case)))
