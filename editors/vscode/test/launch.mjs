// Starts the language server the way the extension does and prints what it reports.
//
//   node test/launch.mjs '<spec as JSON>'
//
// spec: {
//   "launch":   { "command": [...] } or { "interpreter": "..." }   (pyscript-config.server.*)
//   "settings": { "ignore": [...], ... }   the values set in VS Code (pyscript-config.*)
//   "folder":   the workspace folder (cwd of the server, ${workspaceFolder})
//   "pages":    documents to open (absolute paths)
//   "mode":     "pull" (what VS Code does: it declares textDocument.diagnostic) or "push"
// }
//
// The process, its arguments, environment and working directory come from the built
// dist/serverOptions.js (the code the extension bundles), and so do the settings sent
// as initializationOptions and in answer to workspace/configuration. Prints one JSON
// object: {"ok": false, "message": ...} when the extension's check refuses to start,
// otherwise {"ok": true, "executable": ..., "diagnostics": {path: [...]}, "exitCode": ...}.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
} from "vscode-languageserver-protocol/node";

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, "..", "dist", "serverOptions.js");
const require = createRequire(import.meta.url);
const { checkServer, serverSection, SECTION } = require(built);

const QUIET_MS = 1000;
const TIMEOUT_MS = 60_000;

// The parts of what vscode-languageclient 11 declares in VS Code that decide how this
// server behaves: diagnostics (push and, in pull mode, pull), configuration, folders.
function capabilities(mode) {
  const textDocument = {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] },
    },
    hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
    codeAction: { dynamicRegistration: true, isPreferredSupport: true, dataSupport: true },
  };
  if (mode === "pull") {
    textDocument.diagnostic = { dynamicRegistration: true, relatedDocumentSupport: false };
  }
  return {
    workspace: {
      applyEdit: true,
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument,
    window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } } },
    general: { positionEncodings: ["utf-16"] },
  };
}

function print(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const LANGUAGE = { ".html": "html", ".htm": "html", ".toml": "toml", ".json": "json" };

async function main() {
  const spec = JSON.parse(process.argv[2]);
  const mode = spec.mode ?? "pull";
  const section = serverSection(spec.settings ?? {});
  const check = await checkServer(spec.launch ?? {}, { env: process.env, workspaceFolder: spec.folder });
  if (!check.ok) {
    print({ ok: false, message: check.message, executable: check.executable.command });
    return;
  }
  const { command, args, options } = check.executable;
  const child = spawn(command, args ?? [], { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk.toString();
  });
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));

  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const pushed = new Map();
  let lastPush = Date.now();
  const logs = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    pushed.set(params.uri, params.diagnostics);
    lastPush = Date.now();
  });
  connection.onNotification(LogMessageNotification.type, (params) => logs.push(params.message));
  let configurationRequests = 0;
  connection.onRequest(ConfigurationRequest.type, (params) => {
    configurationRequests += 1;
    return params.items.map((item) => (item.section === SECTION ? section : null));
  });
  connection.onRequest(RegistrationRequest.type, () => null);
  connection.onRequest(UnregistrationRequest.type, () => null);
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  connection.onRequest("workspace/diagnostic/refresh", () => null);
  connection.listen();

  const timer = setTimeout(() => {
    print({ ok: false, message: `timed out; server stderr:\n${stderr}` });
    child.kill();
    process.exit(2);
  }, TIMEOUT_MS);

  const folderUri = pathToFileURL(spec.folder).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: "Visual Studio Code", version: "1.91.0" },
    locale: "en",
    rootPath: spec.folder,
    rootUri: folderUri,
    capabilities: capabilities(mode),
    initializationOptions: section,
    trace: "off",
    workspaceFolders: [{ uri: folderUri, name: "workspace" }],
  });
  await connection.sendNotification(InitializedNotification.type, {});
  // What the extension's middleware sends on start and on every settings change.
  await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });

  const uris = [];
  for (const page of spec.pages) {
    const uri = pathToFileURL(page).href;
    uris.push([page, uri]);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: LANGUAGE[extname(page)] ?? "plaintext", version: 1, text: readFileSync(page, "utf8") },
    });
  }

  const diagnostics = {};
  if (mode === "pull") {
    // Let the configuration round trip land before asking.
    while (configurationRequests === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const [page, uri] of uris) {
      const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      diagnostics[page] = report.items;
    }
  } else {
    while (!uris.every(([, uri]) => pushed.has(uri)) || Date.now() - lastPush < QUIET_MS || configurationRequests === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const [page, uri] of uris) {
      diagnostics[page] = pushed.get(uri);
    }
  }

  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  const exitCode = await exited;
  clearTimeout(timer);
  connection.dispose();
  print({
    ok: true,
    executable: { command, args, cwd: options.cwd ?? null },
    configurationRequests,
    diagnostics,
    exitCode,
    logs,
  });
}

main().catch((error) => {
  print({ ok: false, message: `launch failed: ${error?.stack ?? error}` });
  process.exit(1);
});
