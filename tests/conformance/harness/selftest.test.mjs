// Self-test of the harness's pure parts (no browser): routing, text normalisation, the
// outcome rules. Run with `npm --prefix tests/conformance/harness run selftest`; the
// Python suite runs it too (tests/conformance/test_browser_rerecord.py).

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";

import { readCase, sampleCases } from "./lib/cases.mjs";
import {
  deriveOutcome,
  intentMismatches,
  isInstallFailure,
  normaliseText,
  sameValue,
  stripStack,
} from "./lib/outcome.mjs";
import { NODE_MODULES, cdnTable, installedVersions, resolveRoute } from "./lib/routes.mjs";

const versions = installedVersions();
const table = cdnTable(versions);
const loopbackOrigin = "http://127.0.0.1:41234";
const route = (url) => resolveRoute(url, { loopbackOrigin, table });
const core = path.join(NODE_MODULES, "@pyscript", "core");

test("pinned versions are read from node_modules", () => {
  assert.deepEqual(versions, { pyscript: "2026.7.3", core: "0.7.31", pyodide: "314.0.2", micropython: "1.28.0-6" });
});

test("PyScript release and npm CDN URLs map to the npm dist files", () => {
  assert.deepEqual(route("https://pyscript.net/releases/2026.7.3/core.js"), {
    kind: "local",
    file: path.join(core, "dist", "core.js"),
  });
  assert.deepEqual(route("https://cdn.jsdelivr.net/npm/@pyscript/core@0.7.31/dist/core.css?v=1"), {
    kind: "local",
    file: path.join(core, "dist", "core.css"),
  });
});

test("interpreter CDN URLs map to the pinned interpreter packages", () => {
  assert.deepEqual(route("https://cdn.jsdelivr.net/pyodide/v314.0.2/full/pyodide.mjs"), {
    kind: "local",
    file: path.join(NODE_MODULES, "pyodide", "pyodide.mjs"),
  });
  assert.deepEqual(
    route("https://cdn.jsdelivr.net/npm/@micropython/micropython-webassembly-pyscript@1.28.0-6/micropython.wasm"),
    { kind: "local", file: path.join(NODE_MODULES, "@micropython", "micropython-webassembly-pyscript", "micropython.wasm") },
  );
});

test("other versions, missing files, other hosts and escapes are aborted", () => {
  for (const url of [
    "https://pyscript.net/releases/2025.11.1/core.js",
    "https://pyscript.net/latest/core.js",
    "https://cdn.jsdelivr.net/pyodide/v0.29.0/full/pyodide.mjs",
    "https://cdn.jsdelivr.net/pyodide/v314.0.2/full/micropip-0.11.1-py3-none-any.whl",
    "https://cdn.jsdelivr.net/npm/@pyscript/core@0.7.31/dist/%2e%2e/%2e%2e/%2e%2e/package.json",
    "https://pypi.org/pypi/numpy/json",
    "http://127.0.0.1:9999/index.html",
    "not a url",
  ]) {
    assert.deepEqual(route(url), { kind: "abort" }, url);
  }
  assert.deepEqual(route(`${loopbackOrigin}/index.html`), { kind: "loopback" });
});

test("the loopback port and blob ids are normalised", () => {
  const text =
    "[404] Unable to fetch http://127.0.0.1:41234/x.toml at 127.0.0.1:41234 " +
    "blob:http://127.0.0.1:41234/0f8fad5b-d9cb-469f-a165-70867728950e";
  assert.equal(
    normaliseText(text, loopbackOrigin),
    "[404] Unable to fetch http://localhost:PORT/x.toml at localhost:PORT blob:http://localhost:PORT/BLOB",
  );
});

test("JavaScript stack frames are dropped from console lines", () => {
  assert.equal(
    stripStack("PythonError: Traceback\n  File \"<exec>\", line 1\nValueError: boom\n\n    at new_error (https://x/a.mjs:1:5)\n    at wasm://wasm/63d3739a"),
    'PythonError: Traceback\n  File "<exec>", line 1\nValueError: boom',
  );
});

const recording = (extra = {}) => ({
  done: { py: 1, mpy: 0 },
  scripts: { py: 1, mpy: 0 },
  banners: [],
  console: [],
  page_errors: [],
  rejections: [],
  configs: { py: { packages: ["numpy"], type: "py" }, mpy: null, worker: null },
  aborted: [],
  timed_out: false,
  ...extra,
});

test("outcome: works, warning, error, silent-loss", () => {
  assert.equal(deriveOutcome({}, recording()), "works");
  assert.equal(deriveOutcome({}, recording({ console: [{ type: "warning", text: "w" }] })), "warning");
  assert.equal(deriveOutcome({}, recording({ banners: ["(PY1000): Invalid URL: x.py"] })), "error");
  assert.equal(deriveOutcome({}, recording({ rejections: ["TypeError: boom"] })), "error");
  assert.equal(deriveOutcome({}, recording({ done: { py: 0, mpy: 0 } })), "error");
  assert.equal(deriveOutcome({}, recording({ timed_out: true })), "error");
  assert.equal(deriveOutcome({ intent: { py: { packages: ["numpy"] } } }, recording()), "works");
  assert.equal(deriveOutcome({ intent: { py: { packages: ["pandas"] } } }, recording()), "silent-loss");
  assert.equal(deriveOutcome({ intent: { worker: { debug: true } } }, recording()), "silent-loss");
});

test("outcome: interpreters limits which scripts must reach :done", () => {
  const rec = recording({ done: { py: 1, mpy: 0 }, scripts: { py: 1, mpy: 1 } });
  assert.equal(deriveOutcome({}, rec), "error");
  assert.equal(deriveOutcome({ interpreters: ["py"] }, rec), "works");
});

test("outcome: offline cases ignore install failures and their consequences only", () => {
  const aborted = ["https://cdn.jsdelivr.net/pyodide/v314.0.2/full/micropip-0.11.1-py3-none-any.whl"];
  const failed = recording({
    done: { py: 0, mpy: 0 },
    console: [{ type: "error", text: "The following error occurred while loading micropip:" }],
    page_errors: ["PythonError: ModuleNotFoundError: No module named 'micropip'"],
    configs: { py: null, mpy: null, worker: null },
    aborted,
  });
  assert.equal(deriveOutcome({ offline: true, intent: { py: { packages: ["numpy"] } } }, failed), "works");
  assert.equal(deriveOutcome({ offline: false }, failed), "error");
  const warned = { ...failed, console: [...failed.console, { type: "warning", text: "Pyodide 314.0.2 might not support numpy>1.20." }] };
  assert.equal(deriveOutcome({ offline: true }, warned), "warning");
  const configError = { ...failed, banners: ["(PY1000): Invalid TOML\nUnexpected end of JSON input"] };
  assert.equal(deriveOutcome({ offline: true }, configError), "error");
  assert.equal(isInstallFailure(`Error: [404] Unable to fetch ${aborted[0]}`, aborted), true);
  assert.equal(isInstallFailure("Error: [404] Unable to fetch http://localhost:PORT/data.csv", aborted), false);
});

test("intent values compare as JSON, key order ignored", () => {
  assert.equal(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }), true);
  assert.equal(sameValue([1, 2], [2, 1]), false);
  assert.deepEqual(intentMismatches({ py: { a: 1, b: 2 } }, { py: { a: 1 } }, false), ["py.b"]);
  assert.deepEqual(intentMismatches({ mpy: { a: 1 } }, { mpy: null }, true), []);
});

test("the sample is deterministic, spread over outcomes and kinds, and skips offline cases", () => {
  const corpus = fs.mkdtempSync(path.join(os.tmpdir(), "psc-corpus-"));
  const make = (id, expect, body, extra = "") => {
    fs.mkdirSync(path.join(corpus, id));
    fs.writeFileSync(path.join(corpus, id, "index.html"), body);
    fs.writeFileSync(path.join(corpus, id, "case.toml"), `title = "t"\nexpect = "${expect}"\n${extra}`);
  };
  make("main-a", "error", '<script type="py"></script>');
  make("main-b", "error", '<script type="py"></script>');
  make("works-a", "works", '<script type="py"></script>');
  make("works-b", "works", '<script type="mpy"></script>');
  make("worker-a", "works", '<script type="py" worker src="w.py"></script>');
  make("packages-a", "works", '<script type="py"></script>', "offline = true\n");
  make("toml-a", "silent-loss", '<script type="py"></script>', "timeout = 90\n");
  try {
    assert.deepEqual(sampleCases(4, corpus), ["main-a", "worker-a", "works-a", "works-b"]);
    assert.deepEqual(sampleCases(4, corpus), sampleCases(4, corpus));
    assert.equal(sampleCases(10, corpus).length, 5);
    assert.equal(readCase("toml-a", corpus).timeout, 90);
    assert.equal(readCase("main-a", corpus).timeout, 30);
  } finally {
    fs.rmSync(corpus, { recursive: true, force: true });
  }
});
