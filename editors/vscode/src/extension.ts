/**
 * The VS Code side of pyscript-config: starts `pyscript-config server` and connects
 * it to HTML, TOML and JSON documents. Everything the server does (diagnostics,
 * completion, hover, quick fixes, links) comes over LSP; this file only launches,
 * restarts and configures it, and says clearly when it cannot.
 */
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  RevealOutputChannelOn,
} from "vscode-languageclient/node";
import {
  checkServer,
  describeExecutable,
  SECTION,
  SERVER_SETTING_KEYS,
  serverSection,
  type LaunchSettings,
} from "./serverOptions";

const NAME = "PyScript Config";
const OPEN_SETTINGS = "Open Settings";
const SHOW_OUTPUT = "Show Output";

let output: vscode.LogOutputChannel | undefined;
let client: LanguageClient | undefined;
// Start, stop and restart run one after another, never interleaved.
let queue: Promise<void> = Promise.resolve();

function enqueue(step: () => Promise<void>): Promise<void> {
  queue = queue.then(step, step);
  return queue;
}

function firstFolder(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file");
  return folder?.uri.fsPath;
}

function launchSettings(): LaunchSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    command: config.get<string[]>("server.command"),
    interpreter: config.get<string>("server.interpreter"),
  };
}

/** The values the user set (any scope), without the contributed defaults. */
function explicitSettings(scope?: vscode.Uri): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const values: Record<string, unknown> = {};
  for (const key of SERVER_SETTING_KEYS) {
    const inspected = config.inspect(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value !== undefined) {
      values[key] = value;
    }
  }
  return serverSection(values);
}

const middleware: Middleware = {
  workspace: {
    // The server asks for the `pyscript-config` section; it gets the values the user
    // set, not VS Code's view with every default filled in.
    configuration: async (params, token, next) => {
      const answers = await next(params, token);
      const fallback = Array.isArray(answers) ? answers : [];
      return params.items.map((item, index) =>
        item.section === SECTION
          ? explicitSettings(item.scopeUri !== undefined ? vscode.Uri.parse(item.scopeUri) : undefined)
          : fallback[index] ?? null,
      );
    },
    // Send an empty change (`settings: null`): the server then asks with
    // workspace/configuration and gets the filtered answer above.
    didChangeConfiguration: (_sections, next) => next(undefined),
  },
};

async function reportStartFailure(message: string): Promise<void> {
  output?.error(message);
  const choice = await vscode.window.showErrorMessage(message, OPEN_SETTINGS, SHOW_OUTPUT);
  if (choice === OPEN_SETTINGS) {
    await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server`);
  } else if (choice === SHOW_OUTPUT) {
    output?.show(true);
  }
}

async function start(): Promise<void> {
  const channel = output;
  if (channel === undefined) {
    return;
  }
  const check = await checkServer(launchSettings(), { env: process.env, workspaceFolder: firstFolder() });
  if (!check.ok) {
    void reportStartFailure(check.message);
    return;
  }
  channel.info(`Starting ${describeExecutable(check.executable)}`);
  const clientOptions: LanguageClientOptions = {
    documentSelector: ["html", "toml", "json"].flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    // A function: re-read on every (re)start.
    initializationOptions: () => explicitSettings(),
    synchronize: { configurationSection: SECTION },
    middleware,
    outputChannel: channel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  const next = new LanguageClient(SECTION, NAME, check.executable, clientOptions);
  try {
    await next.start();
    client = next;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void reportStartFailure(`The pyscript-config server did not start (${describeExecutable(check.executable)}): ${reason}`);
    await next.dispose().catch(() => undefined);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch (error) {
      output?.warn(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(NAME, { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("pyscript-config.restartServer", () =>
      enqueue(async () => {
        await stop();
        await start();
      }),
    ),
    vscode.commands.registerCommand("pyscript-config.showOutput", () => output?.show(true)),
    // A new command or interpreter only takes effect in a new process.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server`)) {
        void enqueue(async () => {
          await stop();
          await start();
        });
      }
    }),
  );
  await enqueue(start);
}

export function deactivate(): Promise<void> {
  return enqueue(stop);
}
