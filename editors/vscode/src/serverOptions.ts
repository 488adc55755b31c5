/**
 * How the extension starts `pyscript-config server`, and which settings it hands it.
 *
 * This module must not import `vscode` (type-only imports are erased by the bundler):
 * the build also emits it as `dist/serverOptions.js`, and the launch test loads that
 * file in plain Node to start the server exactly as the extension does. Whatever the
 * extension decides about the server process is decided here.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Executable } from "vscode-languageclient/node";

/** The settings section, shared by the extension and the server (`settings_map.SECTION`). */
export const SECTION = "pyscript-config";

/** What runs when neither `server.command` nor `server.interpreter` says otherwise. */
export const DEFAULT_COMMAND: readonly string[] = ["pyscript-config", "server"];

/** `<python> -m pyscript_config server`: the package's `__main__` takes the CLI's arguments. */
export const INTERPRETER_ARGS: readonly string[] = ["-m", "pyscript_config", "server"];

/**
 * The analysis settings the server reads (server/pyscript_config/lsp/settings_map.py),
 * by their key inside the `pyscript-config` section.
 */
export const SERVER_SETTING_KEYS = [
  "pyscriptVersion",
  "select",
  "ignore",
  "severity",
  "allowedKeys",
  "maxFileSize",
] as const;

export type ServerSettingKey = (typeof SERVER_SETTING_KEYS)[number];

/** The `pyscript-config.server.*` settings. */
export interface LaunchSettings {
  command?: readonly string[] | null;
  interpreter?: string | null;
}

/** Where the launch happens: the environment to search and pass on, and the folder. */
export interface LaunchContext {
  env?: NodeJS.ProcessEnv;
  /** The first workspace folder: `${workspaceFolder}`, relative paths and the cwd. */
  workspaceFolder?: string;
  platform?: NodeJS.Platform;
}

export type ServerCheck =
  | { ok: true; executable: Executable; resolved: string }
  | { ok: false; executable: Executable; message: string };

/** Exit status of the probe when Python runs but has no `pyscript_config` package. */
const NOT_INSTALLED = 3;
const PROBE = `import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("pyscript_config") else ${NOT_INSTALLED})`;
const PROBE_TIMEOUT_MS = 30_000;

/** `${workspaceFolder}`, `${userHome}` and a leading `~`, then relative paths (with a
 * separator) against the workspace folder: a bare name stays a name to look up on PATH. */
export function expandPath(value: string, context: LaunchContext = {}): string {
  const env = context.env ?? process.env;
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  let result = value.trim();
  if (context.workspaceFolder !== undefined) {
    result = result.split("${workspaceFolder}").join(context.workspaceFolder);
  }
  result = result.split("${userHome}").join(home);
  if (result === "~" || result.startsWith("~/") || result.startsWith("~\\")) {
    result = home + result.slice(1);
  }
  const hasSeparator = result.includes("/") || result.includes("\\");
  if (hasSeparator && !path.isAbsolute(result) && context.workspaceFolder !== undefined) {
    result = path.resolve(context.workspaceFolder, result);
  }
  return result;
}

function nonEmpty(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function usesInterpreter(settings: LaunchSettings): boolean {
  return nonEmpty(settings.interpreter);
}

/**
 * The process the extension starts: the interpreter setting wins (`<python> -m
 * pyscript_config server`), then the command setting, then `pyscript-config server`.
 * No transport is named on purpose: vscode-languageclient would append `--stdio`,
 * which the server does not take; without one it talks LSP over stdin/stdout.
 */
export function serverExecutable(settings: LaunchSettings, context: LaunchContext = {}): Executable {
  const env: NodeJS.ProcessEnv = { ...(context.env ?? process.env) };
  const options = context.workspaceFolder !== undefined ? { env, cwd: context.workspaceFolder } : { env };
  if (usesInterpreter(settings)) {
    return { command: expandPath(settings.interpreter as string, context), args: [...INTERPRETER_ARGS], options };
  }
  const command =
    Array.isArray(settings.command) && settings.command.length > 0 && nonEmpty(settings.command[0])
      ? settings.command
      : DEFAULT_COMMAND;
  return { command: expandPath(command[0], context), args: command.slice(1), options };
}

function isExecutableFile(candidate: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(candidate).isFile()) {
      return false;
    }
    if (platform !== "win32") {
      fs.accessSync(candidate, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** The file a command name or path runs, as the OS would find it; undefined if none. */
export function findExecutable(command: string, context: LaunchContext = {}): string | undefined {
  const env = context.env ?? process.env;
  const platform = context.platform ?? process.platform;
  const extensions =
    platform === "win32"
      ? ["", ...(env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e !== "")]
      : [""];
  const hasSeparator = command.includes("/") || (platform === "win32" && command.includes("\\"));
  if (hasSeparator || path.isAbsolute(command)) {
    return extensions.map((e) => command + e).find((c) => isExecutableFile(c, platform));
  }
  const pathValue = env.PATH ?? env.Path ?? "";
  const separator = platform === "win32" ? ";" : path.delimiter;
  for (const directory of pathValue.split(separator)) {
    if (directory === "") {
      continue;
    }
    for (const extension of extensions) {
      const candidate = path.join(directory, command + extension);
      if (isExecutableFile(candidate, platform)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function probe(python: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; error?: string }> {
  return new Promise((resolve) => {
    execFile(python, ["-c", PROBE], { env, timeout: PROBE_TIMEOUT_MS, windowsHide: true }, (error, _stdout, stderr) => {
      if (error === null) {
        resolve({ code: 0 });
      } else if (typeof error.code === "number") {
        resolve({ code: error.code, error: stderr.trim() || error.message });
      } else {
        resolve({ code: null, error: error.message });
      }
    });
  });
}

/**
 * Whether the server can start with these settings, and if not, a message that says
 * what to do. Checked before starting, so that a missing install reads as one clear
 * sentence instead of a language client's spawn error.
 */
export async function checkServer(settings: LaunchSettings, context: LaunchContext = {}): Promise<ServerCheck> {
  const executable = serverExecutable(settings, context);
  const env = executable.options?.env as NodeJS.ProcessEnv;
  const resolved = findExecutable(executable.command, context);
  if (usesInterpreter(settings)) {
    const python = executable.command;
    if (resolved === undefined) {
      return {
        ok: false,
        executable,
        message:
          `The Python interpreter ${python} was not found: set pyscript-config.server.interpreter ` +
          "to a Python (3.10 or newer) that has pyscript-config installed, or clear it to use " +
          "pyscript-config.server.command.",
      };
    }
    const result = await probe(resolved, env);
    if (result.code === NOT_INSTALLED) {
      return {
        ok: false,
        executable,
        message:
          `pyscript-config is not installed for ${python}: run \`${python} -m pip install ` +
          "pyscript-config`, or set pyscript-config.server.command.",
      };
    }
    if (result.code !== 0) {
      return {
        ok: false,
        executable,
        message:
          `${python} could not be run (${result.error ?? "no reason given"}): set ` +
          "pyscript-config.server.interpreter to a working Python, or set pyscript-config.server.command.",
      };
    }
    return { ok: true, executable: { ...executable, command: resolved }, resolved };
  }
  if (resolved === undefined) {
    const what = executable.command;
    const where = what.includes("/") || what.includes("\\") ? "" : " on PATH";
    return {
      ok: false,
      executable,
      message:
        `${what} was not found${where}: install pyscript-config (\`python -m pip install ` +
        "pyscript-config`, or `pipx install pyscript-config`), or set pyscript-config.server.command " +
        "to the command that starts it, or pyscript-config.server.interpreter to a Python that has it.",
    };
  }
  // The resolved path, so that Windows finds `pyscript-config.exe` without a shell.
  return { ok: true, executable: { ...executable, command: resolved }, resolved };
}

/**
 * The `pyscript-config` section the server gets (initializationOptions and the answer
 * to workspace/configuration): only the keys the user set. Defaults are left out on
 * purpose, because the server lets every key it is given override the project's
 * settings file (`select = []` would undo the file's `select`).
 */
export function serverSection(values: Partial<Record<string, unknown>>): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const key of SERVER_SETTING_KEYS) {
    const value = values[key];
    if (value === undefined || value === null) {
      continue;
    }
    if (key === "pyscriptVersion" && typeof value === "string" && value.trim() === "") {
      continue;
    }
    section[key] = value;
  }
  return section;
}

/** One line for the output channel: what is started, where. */
export function describeExecutable(executable: Executable): string {
  const quote = (part: string): string => (/[\s"']/.test(part) ? JSON.stringify(part) : part);
  const line = [executable.command, ...(executable.args ?? [])].map(quote).join(" ");
  const cwd = executable.options?.cwd;
  return cwd !== undefined ? `${line} (in ${cwd})` : line;
}
