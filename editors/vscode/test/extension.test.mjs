// The bundled extension (dist/extension.js) against a stand-in for the `vscode` module:
// what the user sees when the server cannot start, and the commands it registers.
// A real VS Code cannot run here; the launch itself is covered by launch.mjs, which
// starts the server through the same module the bundle uses.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

// Anything the bundled language client touches while loading: a class whose every
// property is again such a class.
function anything() {
  const target = class {};
  return new Proxy(target, { get: (t, key) => (key in t ? t[key] : anything()) });
}

function fakeVscode(settings, choice) {
  const calls = [];
  const commands = new Map();
  const configListeners = [];
  const channel = {
    info: (m) => calls.push(["info", m]),
    warn: (m) => calls.push(["warn", m]),
    error: (m) => calls.push(["error", m]),
    show: () => calls.push(["show"]),
    dispose: () => undefined,
  };
  const api = {
    window: {
      createOutputChannel: (name, options) => {
        calls.push(["createOutputChannel", name, options]);
        return channel;
      },
      showErrorMessage: async (message, ...items) => {
        calls.push(["showErrorMessage", message, items]);
        return choice;
      },
    },
    commands: {
      registerCommand: (id, handler) => {
        commands.set(id, handler);
        return { dispose: () => undefined };
      },
      executeCommand: async (...args) => {
        calls.push(["executeCommand", ...args]);
      },
    },
    workspace: {
      workspaceFolders: [{ uri: { scheme: "file", fsPath: root } }],
      getConfiguration: (section) => {
        assert.equal(section, "pyscript-config");
        return { get: (key) => settings[key], inspect: () => ({}) };
      },
      onDidChangeConfiguration: (listener) => {
        configListeners.push(listener);
        return { dispose: () => undefined };
      },
    },
  };
  return { module: new Proxy(api, { get: (t, key) => (key in t ? t[key] : anything()) }), calls, commands, configListeners };
}

function loadExtension(fake) {
  const originalLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    return request === "vscode" ? fake.module : originalLoad.call(this, request, parent, isMain);
  };
  try {
    const require = createRequire(import.meta.url);
    const file = join(root, "dist", "extension.js");
    delete require.cache[file];
    return require(file);
  } finally {
    Module._load = originalLoad;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

test("a missing interpreter: one clear error with Open Settings, which opens the server settings", async () => {
  const fake = fakeVscode({ "server.interpreter": "/nonexistent/bin/python3", "server.command": ["pyscript-config", "server"] }, "Open Settings");
  const extension = loadExtension(fake);
  const context = { subscriptions: [] };
  await extension.activate(context);
  await settle();
  const message =
    "The Python interpreter /nonexistent/bin/python3 was not found: set pyscript-config.server.interpreter " +
    "to a Python (3.10 or newer) that has pyscript-config installed, or clear it to use pyscript-config.server.command.";
  assert.deepEqual(
    fake.calls.filter((c) => c[0] === "showErrorMessage"),
    [["showErrorMessage", message, ["Open Settings", "Show Output"]]],
  );
  assert.deepEqual(
    fake.calls.filter((c) => c[0] === "executeCommand"),
    [["executeCommand", "workbench.action.openSettings", "pyscript-config.server"]],
  );
  assert.deepEqual(fake.calls.filter((c) => c[0] === "error"), [["error", message]]);
  assert.deepEqual(fake.calls[0], ["createOutputChannel", "PyScript Config", { log: true }]);

  // The contributed commands are the registered ones.
  assert.deepEqual(
    [...fake.commands.keys()].sort(),
    manifest.contributes.commands.map((c) => c.command).sort(),
  );
  fake.commands.get("pyscript-config.showOutput")();
  assert.deepEqual(fake.calls.at(-1), ["show"]);

  // A change to pyscript-config.server.* tries again (and fails the same way);
  // other settings do not restart the server.
  fake.configListeners[0]({ affectsConfiguration: (s) => s === "pyscript-config" || s === "pyscript-config.server" });
  await settle();
  fake.configListeners[0]({ affectsConfiguration: (s) => s === "pyscript-config" });
  await settle();
  assert.equal(fake.calls.filter((c) => c[0] === "showErrorMessage").length, 2);

  // Restart Server goes through the same check.
  await fake.commands.get("pyscript-config.restartServer")();
  await settle();
  assert.equal(fake.calls.filter((c) => c[0] === "showErrorMessage").length, 3);
  await extension.deactivate();
});

test("a command that is not installed: the message names PATH and the settings; Show Output shows the log", async () => {
  const fake = fakeVscode({ "server.interpreter": "", "server.command": ["psc-no-such-command", "server"] }, "Show Output");
  const extension = loadExtension(fake);
  await extension.activate({ subscriptions: [] });
  await settle();
  const message =
    "psc-no-such-command was not found on PATH: install pyscript-config (`python -m pip install pyscript-config`, " +
    "or `pipx install pyscript-config`), or set pyscript-config.server.command to the command that starts it, " +
    "or pyscript-config.server.interpreter to a Python that has it.";
  assert.deepEqual(
    fake.calls.filter((c) => c[0] === "showErrorMessage"),
    [["showErrorMessage", message, ["Open Settings", "Show Output"]]],
  );
  assert.deepEqual(fake.calls.at(-1), ["show"]);
  assert.equal(fake.calls.filter((c) => c[0] === "executeCommand").length, 0);
  await extension.deactivate();
});
