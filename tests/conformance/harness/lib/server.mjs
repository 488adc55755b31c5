// A loopback static server for one case folder.
//
// It sends COOP/COEP on every response so the page is cross-origin isolated: PyScript
// workers then get SharedArrayBuffer, and with it `from pyscript import window` and the
// worker's :ready/:done events on the main thread — what a correctly deployed site gives.
// The one change it makes to what is on disk: a worker's Python source (the file named by
// a worker script's `src`) gets the config probe appended, so the worker reports the
// config it received. The case folder itself is never written.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";

import { mimeType } from "./routes.mjs";

export const ISOLATION_HEADERS = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
};

/**
 * Start serving `folder` on 127.0.0.1 (a free port).
 *
 * `workerSources` is consulted for every `.py` request: it resolves to the set of URL
 * paths that worker scripts name (reported by the page once parsed);
 * `workerProbe(path)` is appended to those files.
 */
export async function serveFolder(folder, { workerSources, workerProbe }) {
  const root = path.resolve(folder);
  const probed = new Set();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      const rel = decodeURIComponent(url.pathname);
      const file = path.resolve(root, "." + rel);
      if ((file !== root && !file.startsWith(root + path.sep)) || !isFile(file)) {
        res.writeHead(404, { ...ISOLATION_HEADERS, "content-type": "text/plain" });
        res.end("Not Found");
        return;
      }
      let body = fs.readFileSync(file);
      if (file.endsWith(".py")) {
        const sources = await workerSources();
        if (sources.has(url.pathname)) {
          body = Buffer.concat([body, Buffer.from(workerProbe(url.pathname), "utf-8")]);
          probed.add(url.pathname);
        }
      }
      res.writeHead(200, {
        ...ISOLATION_HEADERS,
        "content-type": mimeType(file),
        "content-length": body.length,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      res.writeHead(500, { ...ISOLATION_HEADERS, "content-type": "text/plain" });
      res.end(String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    probed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
