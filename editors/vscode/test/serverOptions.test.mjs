// Unit tests of the built launch module (dist/serverOptions.js): run with `npm test`
// after `npm run build` (tests/editors/vscode runs them from pytest).
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const options = require(join(here, "..", "dist", "serverOptions.js"));

const scratch = mkdtempSync(join(tmpdir(), "psc-vscode-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

function tool(name, mode = 0o755) {
  const file = join(scratch, name);
  writeFileSync(file, "#!/bin/sh\nexit 0\n");
  chmodSync(file, mode);
  return file;
}

describe("serverExecutable", () => {
  const env = { PATH: "/usr/bin", HOME: "/home/me" };

  test("the interpreter wins over the command", () => {
    const exe = options.serverExecutable(
      { interpreter: "/opt/py/bin/python3", command: ["other", "server"] },
      { env, workspaceFolder: "/work/site" },
    );
    assert.equal(exe.command, "/opt/py/bin/python3");
    assert.deepEqual(exe.args, ["-m", "pyscript_config", "server"]);
    assert.equal(exe.options.cwd, "/work/site");
    assert.deepEqual(exe.options.env, env);
    assert.notEqual(exe.options.env, env, "a copy: the caller's environment is not shared");
    assert.equal(exe.transport, undefined, "a transport would make the client append --stdio");
  });

  test("the command, with ${workspaceFolder} and ~ expanded", () => {
    const exe = options.serverExecutable(
      { interpreter: "  ", command: ["${workspaceFolder}/.venv/bin/pyscript-config", "server", "--verbose"] },
      { env, workspaceFolder: "/work/site" },
    );
    assert.equal(exe.command, "/work/site/.venv/bin/pyscript-config");
    assert.deepEqual(exe.args, ["server", "--verbose"]);
    const home = options.serverExecutable({ command: ["~/bin/pyscript-config", "server"] }, { env });
    assert.equal(home.command, "/home/me/bin/pyscript-config");
  });

  test("a relative path is taken from the workspace folder, a bare name is left for PATH", () => {
    const relative = options.serverExecutable({ interpreter: ".venv/bin/python" }, { env, workspaceFolder: "/work/site" });
    assert.equal(relative.command, "/work/site/.venv/bin/python");
    const bare = options.serverExecutable({ interpreter: "python3" }, { env, workspaceFolder: "/work/site" });
    assert.equal(bare.command, "python3");
  });

  test("no usable setting: pyscript-config server", () => {
    for (const settings of [{}, { command: [] }, { command: [""], interpreter: "" }, { command: null, interpreter: null }]) {
      const exe = options.serverExecutable(settings, { env });
      assert.equal(exe.command, "pyscript-config");
      assert.deepEqual(exe.args, ["server"]);
      assert.equal(exe.options.cwd, undefined);
    }
  });
});

describe("findExecutable", () => {
  test("looks names up on PATH and checks paths", () => {
    const found = tool("pyscript-config");
    tool("not-executable", 0o644);
    const env = { PATH: `/nonexistent${process.platform === "win32" ? ";" : ":"}${scratch}` };
    assert.equal(options.findExecutable("pyscript-config", { env }), found);
    assert.equal(options.findExecutable(found, { env: { PATH: "" } }), found);
    assert.equal(options.findExecutable("not-executable", { env }), undefined);
    assert.equal(options.findExecutable("missing-tool", { env }), undefined);
    assert.equal(options.findExecutable(join(scratch, "missing-tool"), { env }), undefined);
  });

  test("Windows: PATHEXT extensions, ; separators", () => {
    const found = tool("psc-tool.CMD", 0o644);
    const env = { Path: `C:\\nowhere;${scratch}`, PATHEXT: ".EXE;.CMD" };
    assert.equal(options.findExecutable("psc-tool", { env, platform: "win32" }), found);
  });
});

describe("serverSection", () => {
  test("only the values set, known keys only", () => {
    assert.deepEqual(
      options.serverSection({
        select: [],
        ignore: ["PSC100"],
        severity: { PSC101: "hint" },
        allowedKeys: undefined,
        pyscriptVersion: "",
        maxFileSize: null,
        "server.command": ["x"],
        unknown: 1,
      }),
      { select: [], ignore: ["PSC100"], severity: { PSC101: "hint" } },
    );
    assert.deepEqual(options.serverSection({ pyscriptVersion: "2026.7.3", maxFileSize: 1000, allowedKeys: ["mine"] }), {
      pyscriptVersion: "2026.7.3",
      allowedKeys: ["mine"],
      maxFileSize: 1000,
    });
  });
});

test("describeExecutable quotes what needs it", () => {
  assert.equal(
    options.describeExecutable({ command: "/My Tools/python", args: ["-m", "pyscript_config", "server"], options: { cwd: "/w" } }),
    '"/My Tools/python" -m pyscript_config server (in /w)',
  );
});
