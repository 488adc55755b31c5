"""The CI examples in docs/examples/ run as written.

Each file is read as YAML (PyYAML, installed with pre-commit), and every
`pyscript-config ...` line of its `run:`/`script:` steps is run the way the CI shell
runs it (bash, in the checked-out repository) in a copy of examples/broken and in a
copy of the clean example site; the exit code and the report file it writes must be
what the CI step after it expects.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped, unused-ignore]  # no types-PyYAML in the test extras

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"

pytestmark = pytest.mark.slow


def load(name: str) -> Any:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def command_lines(script: str | list[str]) -> list[str]:
    lines = script if isinstance(script, list) else script.splitlines()
    return [line.strip() for line in lines if line.strip().startswith("pyscript-config ")]


def github_commands() -> list[str]:
    workflow = load("github-workflow.yml")
    return [
        line
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "run" in step
        for line in command_lines(step["run"])
    ]


def gitlab_commands() -> list[str]:
    config = load("gitlab-ci.yml")
    return [line for job in config.values() for line in command_lines(job["script"])]


def azure_commands() -> list[str]:
    pipeline = load("azure-pipelines.yml")
    return [
        line
        for step in pipeline["steps"]
        if "script" in step
        for line in command_lines(step["script"])
    ]


def test_github_workflow_shape() -> None:
    workflow = load("github-workflow.yml")
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1); GitHub reads "on".
    assert workflow[True] == {"push": {"branches": ["main"]}, "pull_request": None}
    assert workflow["permissions"] == {"contents": "read"}
    assert github_commands() == [
        "pyscript-config validate --output-format github .",
        "pyscript-config validate --output-format sarif . > pyscript-config.sarif",
    ]
    scanning = workflow["jobs"]["code-scanning"]
    assert scanning["permissions"] == {"contents": "read", "security-events": "write"}
    [upload] = [s for s in scanning["steps"] if "upload-sarif" in s.get("uses", "")]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"] == "pyscript-config.sarif"


def test_gitlab_job_shape() -> None:
    job = load("gitlab-ci.yml")["pyscript-config"]
    assert gitlab_commands() == [
        "pyscript-config validate --output-format junit . > pyscript-config-junit.xml"
    ]
    assert job["artifacts"] == {
        "when": "always",
        "reports": {"junit": "pyscript-config-junit.xml"},
    }


def test_azure_pipeline_shape() -> None:
    pipeline = load("azure-pipelines.yml")
    assert azure_commands() == [
        "pyscript-config validate --output-format junit . > pyscript-config-junit.xml"
    ]
    [publish] = [s for s in pipeline["steps"] if s.get("task") == "PublishTestResults@2"]
    assert publish["condition"] == "succeededOrFailed()"
    assert publish["inputs"]["testResultsFormat"] == "JUnit"
    assert publish["inputs"]["testResultsFiles"] == "pyscript-config-junit.xml"


# --- running the commands -----------------------------------------------------------


def project_copy(tmp_path: Path, kind: str) -> Path:
    target = tmp_path / kind
    if kind == "broken":
        shutil.copytree(ROOT / "examples" / "broken", target)
    else:  # the clean site: examples/ without the deliberate mistakes
        shutil.copytree(ROOT / "examples", target, ignore=shutil.ignore_patterns("broken"))
    return target


def env() -> dict[str, str]:
    return {
        **os.environ,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }


def run_step(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # GitHub's `run:` shell is `bash -e {0}` (pipefail too); GitLab and Azure use sh/bash.
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", line],
        cwd=cwd,
        env=env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def diagnostic_count(cwd: Path) -> int:
    completed = run_step("pyscript-config validate --output-format json .", cwd)
    diagnostics: list[Any] = json.loads(completed.stdout)["diagnostics"]
    return len(diagnostics)


def failing_count(cwd: Path) -> int:
    completed = run_step("pyscript-config validate --output-format json .", cwd)
    summary = json.loads(completed.stdout)["summary"]
    return int(summary["errors"]) + int(summary["warnings"])


ALL_COMMANDS = sorted({*github_commands(), *gitlab_commands(), *azure_commands()})


@pytest.mark.parametrize("line", ALL_COMMANDS)
@pytest.mark.parametrize(("kind", "exit_code"), [("broken", 1), ("clean", 0)])
def test_ci_command_runs(line: str, kind: str, exit_code: int, tmp_path: Path) -> None:
    cwd = project_copy(tmp_path, kind)
    completed = run_step(line, cwd)
    assert completed.returncode == exit_code, completed.stderr
    assert completed.stderr == ""
    count = diagnostic_count(cwd)
    assert (count > 0) == (kind == "broken")
    fmt = re.search(r"--output-format (\w+)", line)
    assert fmt is not None
    redirect = re.search(r">\s*(\S+)$", line)
    output = (cwd / redirect.group(1)).read_text(encoding="utf-8") if redirect else None

    if fmt.group(1) == "github":
        assert output is None
        annotations = completed.stdout.splitlines()
        assert len(annotations) == count
        assert all(re.match(r"::(error|warning|notice) file=", a) for a in annotations)
    elif fmt.group(1) == "sarif":
        assert output is not None and completed.stdout == ""
        sarif = json.loads(output)
        assert sarif["version"] == "2.1.0"
        [run] = sarif["runs"]
        assert run["tool"]["driver"]["name"] == "pyscript-config"
        assert len(run["results"]) == count
        assert all(r["ruleId"].startswith("PSC") for r in run["results"])
    elif fmt.group(1) == "junit":
        assert output is not None and completed.stdout == ""
        root = ET.fromstring(output)
        assert root.tag == "testsuites"
        cases = root.findall("./testsuite/testcase")
        assert cases and all(c.get("classname") == "pyscript-config" for c in cases)
        failures = root.findall("./testsuite/testcase/failure")
        assert len(failures) == failing_count(cwd)
        assert int(root.get("failures", "-1")) == len(failures)
        assert (len(failures) > 0) == (kind == "broken")
        assert all(re.match(r"PSC\d{3} ", f.get("type", "")) for f in failures)
    else:
        raise AssertionError(f"unexpected format in {line!r}")


# --- docs/ci.md shows these files as they are ---------------------------------------


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, re.DOTALL)


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml", "azure-pipelines.yml"])
def test_ci_doc_shows_the_example_file(name: str) -> None:
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert text in yaml_blocks(doc)


def test_ci_doc_pre_commit_hook_id_exists() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    configs = [block for block in map(yaml.safe_load, yaml_blocks(doc)) if isinstance(block, dict)]
    [pre_commit] = [c for c in configs if "repos" in c]
    [repo] = pre_commit["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == [hook["id"] for hook in hooks]
    assert repo["repo"] == "https://github.com/pyscript-config/pyscript-config"
