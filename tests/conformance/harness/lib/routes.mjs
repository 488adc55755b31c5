// Where each request of a test page goes.
//
// Pages load PyScript and its interpreters from public CDNs, exactly as users write them;
// the machine that records has no outside network, so the harness answers those URLs
// from the pinned npm packages in node_modules, and refuses (aborts) every other outside
// request. Everything here is pure so the self-test can check it without a browser.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const HARNESS = path.dirname(HERE);
export const NODE_MODULES = path.join(HARNESS, "node_modules");

// PyScript release name <-> @pyscript/core version (spec §0.1). Bump together with the
// pins in package.json when PyScript releases.
export const RELEASES = { "0.7.31": "2026.7.3" };

const MIME = {
  ".css": "text/css; charset=utf-8",
  ".data": "application/octet-stream",
  ".gz": "application/gzip",
  ".htm": "text/html; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".mjs": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".py": "text/x-python; charset=utf-8",
  ".svg": "image/svg+xml",
  ".tar": "application/x-tar",
  ".tgz": "application/gzip",
  ".toml": "application/toml",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".whl": "application/zip",
  ".zip": "application/zip",
};

/** Content type by file extension (what a typical static host sends). */
export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] || "application/octet-stream";
}

/** Versions of the pinned packages, read from node_modules (the truth, not package.json). */
export function installedVersions(nodeModules = NODE_MODULES) {
  const version = (name) =>
    JSON.parse(fs.readFileSync(path.join(nodeModules, name, "package.json"), "utf-8")).version;
  const core = version("@pyscript/core");
  return {
    pyscript: RELEASES[core] || null,
    core,
    pyodide: version("pyodide"),
    micropython: version("@micropython/micropython-webassembly-pyscript"),
  };
}

/** The CDN URL prefixes we can answer, each with the local folder that holds its files. */
export function cdnTable(versions, nodeModules = NODE_MODULES) {
  const core = path.join(nodeModules, "@pyscript", "core");
  const pyodide = path.join(nodeModules, "pyodide");
  const mpy = path.join(nodeModules, "@micropython", "micropython-webassembly-pyscript");
  const table = [
    [`https://cdn.jsdelivr.net/npm/@pyscript/core@${versions.core}/`, core],
    [`https://cdn.jsdelivr.net/pyodide/v${versions.pyodide}/full/`, pyodide],
    [`https://cdn.jsdelivr.net/npm/pyodide@${versions.pyodide}/`, pyodide],
    [`https://cdn.jsdelivr.net/npm/@micropython/micropython-webassembly-pyscript@${versions.micropython}/`, mpy],
  ];
  if (versions.pyscript) {
    table.unshift([`https://pyscript.net/releases/${versions.pyscript}/`, path.join(core, "dist")]);
  }
  return table;
}

/**
 * Decide what happens to one request.
 *
 * Returns {kind: "loopback"} for the case's own server, {kind: "local", file} for a CDN
 * file we hold, or {kind: "abort"} for anything else: other hosts, other versions, and
 * files of a known version that the npm package does not contain (Pyodide's package
 * wheels, for instance) — the real CDN would serve those, so refusing them is recorded.
 */
export function resolveRoute(url, { loopbackOrigin, table }) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: "abort" };
  }
  if (parsed.origin === loopbackOrigin) return { kind: "loopback" };
  if (parsed.protocol === "data:" || parsed.protocol === "blob:") return { kind: "loopback" };
  const bare = parsed.origin + parsed.pathname; // query strings and hashes do not pick files
  for (const [prefix, folder] of table) {
    if (!bare.startsWith(prefix)) continue;
    const rest = decodeURIComponent(bare.slice(prefix.length));
    const file = path.resolve(folder, rest);
    if (!file.startsWith(folder + path.sep)) return { kind: "abort" };
    if (!isFile(file)) return { kind: "abort" };
    return { kind: "local", file };
  }
  return { kind: "abort" };
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// Headers for the CDN files we hand out: what the CDNs send that matters here (CORS for
// module scripts, CORP so a cross-origin-isolated page may embed them).
export function cdnHeaders(file) {
  return {
    "content-type": mimeType(file),
    "access-control-allow-origin": "*",
    "cross-origin-resource-policy": "cross-origin",
    "cache-control": "no-store",
  };
}
