#!/usr/bin/env node
// Re-record the conformance corpus in the real PyScript runtime.
//
//   npm --prefix tests/conformance/harness run record                  # every case
//   npm --prefix tests/conformance/harness run record -- main-x works-y  # some cases
//   npm --prefix tests/conformance/harness run record -- --sample 8     # a spread sample
//   ... -- --out /tmp/rec   write recordings elsewhere (default: tests/conformance/recordings)
//   ... -- --jobs 1         pages at a time (default and maximum: 2)

import fs from "node:fs";
import path from "node:path";

import { chromium } from "playwright-core";

import { CORPUS, RECORDINGS, listCases, readCase, sampleCases } from "./lib/cases.mjs";
import { buildRecording, runCase } from "./lib/run-case.mjs";
import { cdnTable, installedVersions } from "./lib/routes.mjs";

export const CHROMIUM = process.env.PSC_CHROMIUM || "/usr/bin/chromium";
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  // belt and braces: even a request that escaped routing cannot resolve an outside host
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];
const MAX_JOBS = 2;
const KILL_GRACE_MS = 45000; // past a case's own time limit: kill the browser

function usage(message) {
  if (message) console.error(`record: ${message}`);
  console.error("usage: record [CASE-ID ...] [--sample N] [--out DIR] [--corpus DIR] [--jobs 1|2]");
  process.exit(2);
}

function parseArgs(argv) {
  const options = { ids: [], sample: 0, out: null, corpus: CORPUS, jobs: MAX_JOBS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === "--sample") options.sample = Number.parseInt(value(), 10);
    else if (arg === "--out") options.out = path.resolve(value());
    else if (arg === "--corpus") options.corpus = path.resolve(value());
    else if (arg === "--jobs") options.jobs = Math.min(MAX_JOBS, Math.max(1, Number.parseInt(value(), 10) || 1));
    else if (arg === "-h" || arg === "--help") usage();
    else if (arg.startsWith("-")) usage(`unknown option ${arg}`);
    else options.ids.push(arg);
  }
  if (options.sample && options.ids.length) usage("give case ids or --sample, not both");
  return options;
}

/**
 * One Chromium per pool slot, started with launchServer so it can be killed outright.
 * A slot runs one case at a time, so the CPU its renderers use belongs to that case.
 */
class Browser {
  constructor() {
    this.server = null;
    this.browser = null;
    this.cdp = null;
  }

  async start() {
    this.server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    this.browser = await chromium.connect(this.server.wsEndpoint());
    this.cdp = await this.browser.newBrowserCDPSession();
    return this;
  }

  version() {
    return this.browser.version();
  }

  /** CPU seconds used so far by the renderer processes (pages and their workers). */
  async cpuTime() {
    const { processInfo } = await this.cdp.send("SystemInfo.getProcessInfo");
    return processInfo.filter((p) => p.type === "renderer").reduce((sum, p) => sum + p.cpuTime, 0);
  }

  async kill() {
    const server = this.server;
    this.server = null;
    this.browser = null;
    this.cdp = null;
    if (server) await server.kill().catch(() => {});
  }

  async restart() {
    await this.kill();
    return this.start();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`record: ${CHROMIUM} is missing; install it with: bash tests/setup.sh`);
    process.exit(2);
  }
  const all = listCases(options.corpus);
  const ids = options.ids.length ? options.ids : options.sample ? sampleCases(options.sample, options.corpus) : all;
  const unknown = ids.filter((id) => !all.includes(id));
  if (unknown.length) usage(`no such case: ${unknown.join(", ")} (in ${options.corpus})`);
  const out = options.out || RECORDINGS;
  fs.mkdirSync(out, { recursive: true });

  const slots = Math.min(options.jobs, ids.length || 1);
  const browsers = await Promise.all(Array.from({ length: slots }, () => new Browser().start()));
  const versions = { ...installedVersions(), chromium: browsers[0].version() };
  const table = cdnTable(versions);
  console.log(
    `recording ${ids.length} case(s): PyScript ${versions.pyscript} (core ${versions.core}), ` +
      `Chromium ${versions.chromium}, Pyodide ${versions.pyodide}, MicroPython ${versions.micropython}`,
  );

  const queue = ids.map((id) => readCase(id, options.corpus));
  const attempts = new Map();
  const results = new Map();
  let failed = false;

  const runner = async (host) => {
    while (queue.length) {
      const theCase = queue.shift();
      attempts.set(theCase.id, (attempts.get(theCase.id) || 0) + 1);
      const state = {};
      let killed = false;
      const watchdog = setTimeout(() => {
        killed = true;
        host.kill();
      }, theCase.timeout * 1000 + KILL_GRACE_MS);
      const t0 = Date.now();
      try {
        const rec = await runCase(host.browser, theCase, {
          versions,
          table,
          state,
          cpuTime: () => host.cpuTime(),
        });
        results.set(theCase.id, rec);
      } catch (error) {
        // the browser misbehaved: start a clean one for the next case either way
        await host.restart();
        if (state.recording) {
          results.set(theCase.id, state.recording); // recorded; only closing failed
        } else if (killed && state.obs) {
          state.obs.timedOut = true;
          results.set(theCase.id, buildRecording(theCase, state.obs, null, { versions, origin: state.origin }));
        } else if (attempts.get(theCase.id) < 2) {
          queue.push(theCase); // the browser crashed under it: once more
          continue;
        } else {
          console.error(`${theCase.id}: could not be recorded: ${error && error.message}`);
          failed = true;
          continue;
        }
      } finally {
        clearTimeout(watchdog);
      }
      const rec = results.get(theCase.id);
      fs.writeFileSync(path.join(out, `${theCase.id}.json`), JSON.stringify(rec, null, 2) + "\n");
      const expect = theCase.meta.expect;
      const note = expect && expect !== rec.outcome ? `   (expect ${expect})` : "";
      console.log(`${theCase.id}: ${rec.outcome} in ${((Date.now() - t0) / 1000).toFixed(1)} s${note}`);
    }
  };

  await Promise.all(browsers.map(runner));
  await Promise.all(browsers.map((host) => host.kill()));

  if (!options.out && !options.ids.length && !options.sample) {
    // a full run owns the folder: drop recordings of cases that no longer exist
    for (const name of fs.readdirSync(out)) {
      if (name.endsWith(".json") && !all.includes(name.slice(0, -5))) fs.unlinkSync(path.join(out, name));
    }
  }
  const differ = ids.filter((id) => results.has(id) && readCase(id, options.corpus).meta.expect !== results.get(id).outcome);
  console.log(`recorded ${results.size} of ${ids.length}; outcome differs from expect in ${differ.length}`);
  for (const id of differ) console.log(`  ${id}: expect ${readCase(id, options.corpus).meta.expect}, recorded ${results.get(id).outcome}`);
  if (failed || results.size !== ids.length) process.exit(1);
}

main().catch((error) => {
  console.error(`record: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
