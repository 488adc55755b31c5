// Run one case in a fresh browser context and turn what happened into a recording.

import fs from "node:fs";

import { deriveOutcome, normaliseText, normaliseValue, stripStack } from "./outcome.mjs";
import {
  PROBE_ATTR,
  PROBE_MARK,
  PYSCRIPT_SELECTOR,
  finalState,
  initScript,
  mainProbe,
  workerProbe,
} from "./page-scripts.mjs";
import { cdnHeaders, resolveRoute } from "./routes.mjs";
import { serveFolder } from "./server.mjs";

// How long the page must be quiet before the harness stops waiting. Quiet means: no
// request in flight, nothing reported, and the browser's renderer processes idle (booting
// Pyodide is seconds of CPU work that shows nowhere else). Longer while an interpreter
// engine was fetched and has not reported :ready yet.
export const TIMING = {
  settleMs: 1000, // after every script reached :done
  quietMs: 4000, // nothing booting
  bootQuietMs: 6000, // an interpreter is still booting
  pollMs: 100,
  cpuSampleMs: 250,
  busyShare: 0.1, // renderer CPU time per wall-clock time above which the page is busy
  collectMs: 5000, // for reading the page's final state
};

const STUCK_MS = 10000;
const ENGINE = /(?:pyodide\.asm\.wasm|micropython[\w-]*\.wasm)$/;

/** Everything observed during one run, in arrival order (sorted when recorded). */
class Observations {
  constructor() {
    this.events = [];
    this.bannersSeen = [];
    this.console = [];
    this.pageErrors = [];
    this.rejections = [];
    this.aborted = new Set();
    this.configs = { py: null, mpy: null };
    this.workerConfigs = new Map(); // url path -> config
    this.parsed = null;
    this.inflight = new Map(); // request -> when it started
    this.engines = 0;
    this.lastActivity = Date.now();
    this.longestSilence = 0; // between two signs of life, nothing booting (for PSC_DEBUG)
    this.longestBootSilence = 0; // the same while an engine was booting
    this.timedOut = false;
  }

  touch() {
    const now = Date.now();
    const silence = now - this.lastActivity;
    if (this.booting() > 0) this.longestBootSilence = Math.max(this.longestBootSilence, silence);
    else this.longestSilence = Math.max(this.longestSilence, silence);
    this.lastActivity = now;
  }

  report(kind, data) {
    this.touch();
    if (kind === "event") this.events.push(data);
    else if (kind === "rejection") this.rejections.push(String(data));
    else if (kind === "banner") this.bannersSeen.push(String(data));
    else if (kind === "parsed") this.parsed = data;
  }

  /** A request is still in flight (one stuck past STUCK_MS no longer holds the page open). */
  waiting(now) {
    for (const since of this.inflight.values()) if (now - since < STUCK_MS) return true;
    return false;
  }

  /** Interpreter engines fetched that have not yet reported :ready. */
  booting() {
    const mainReady = new Set(this.events.filter((e) => e.type.endsWith(":ready") && !e.worker).map((e) => e.type));
    const workerReady = this.events.filter((e) => e.type.endsWith(":ready") && e.worker).length;
    return Math.max(0, this.engines - mainReady.size - workerReady);
  }

  /** Every PyScript element on the parsed page, and every probe, reached :done. */
  allDone() {
    if (!this.parsed) return false;
    const total = this.parsed.scripts.py + this.parsed.scripts.mpy;
    if (total === 0 && this.parsed.probed.length === 0) return false;
    const done = new Set(this.events.filter((e) => e.type.endsWith(":done") && !e.probe).map((e) => e.index));
    for (let i = 1; i <= total; i++) if (!done.has(i)) return false;
    const probesDone = new Set(this.events.filter((e) => e.type.endsWith(":done") && e.probe).map((e) => e.type));
    return this.parsed.probed.every((type) => probesDone.has(`${type}:done`));
  }
}

/**
 * Run `theCase` ({id, dir, meta, timeout}) with `browser` and resolve to its recording.
 * Rejects only when the browser misbehaves (went away, or a context would not close);
 * `state` then holds what is known: `obs` and `origin` as soon as the page is set up,
 * `recording` once the run itself finished. `cpuTime()` resolves to the CPU seconds used
 * so far by the browser's renderers (the browser must run this case alone).
 */
export async function runCase(browser, theCase, { versions, table, state = {}, cpuTime = null }) {
  const obs = new Observations();
  state.obs = obs;
  const workerSources = deferred();
  const server = await serveFolder(theCase.dir, {
    workerSources: () => workerSources.promise,
    workerProbe, // one text per file, so a report names the worker it came from
  });
  state.origin = server.origin;
  let context;
  try {
    context = await browser.newContext({ serviceWorkers: "allow" });
  } catch (error) {
    await server.close();
    throw error;
  }
  const started = Date.now();
  let final = null;
  try {
    await context.exposeBinding("__pscReport", (source, kind, data) => {
      if (!source.frame.url().startsWith(server.origin + "/")) return;
      obs.report(kind, data);
      if (kind === "parsed") workerSources.resolve(new Set(data.workerSources));
    });
    await context.addInitScript(initScript, {
      probes: { py: mainProbe("py"), mpy: mainProbe("mpy") },
      selector: PYSCRIPT_SELECTOR,
      probeAttr: PROBE_ATTR,
    });
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      const decision = resolveRoute(url, { loopbackOrigin: server.origin, table });
      try {
        if (decision.kind === "loopback") await route.continue();
        else if (decision.kind === "local") {
          if (ENGINE.test(decision.file)) obs.engines += 1;
          await route.fulfill({ status: 200, headers: cdnHeaders(decision.file), body: fs.readFileSync(decision.file) });
        } else {
          obs.aborted.add(url);
          await route.abort("failed");
        }
      } catch {
        // the page went away mid-request
      }
    });
    // A request counts as in flight until its response (or failure) arrives: Chromium
    // never reports the end of a body nobody reads (a 404 the runtime rejects unread).
    context.on("request", (request) => {
      obs.inflight.set(request, Date.now());
      obs.touch();
    });
    const settled = (request) => {
      obs.inflight.delete(request);
      obs.touch();
    };
    context.on("response", (response) => settled(response.request()));
    context.on("requestfinished", settled);
    context.on("requestfailed", settled);

    const page = await context.newPage();
    page.on("console", (message) => {
      obs.touch();
      const text = message.text();
      const type = message.type();
      debug(theCase, `console ${type}: ${text.slice(0, 200)}`);
      if (type === "debug" && text.startsWith(PROBE_MARK + " ")) {
        takeProbe(obs, text.slice(PROBE_MARK.length + 1));
        return;
      }
      if (type !== "error" && type !== "warning") return;
      // Chromium's own line for a request the harness refused: `aborted` says it.
      if (text.startsWith("Failed to load resource: net::ERR_FAILED") && obs.aborted.has(message.location().url)) return;
      obs.console.push({ type, text });
    });
    page.on("pageerror", (error) => {
      obs.touch();
      obs.pageErrors.push(error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : `Error: ${error.message}`);
    });
    page.on("worker", () => obs.touch());
    // resolve the worker list if the page never reports it (no parse, or a crash)
    page.on("domcontentloaded", () => setTimeout(() => workerSources.resolve(new Set()), 2000));
    setTimeout(() => workerSources.resolve(new Set()), 10000);

    const deadline = started + theCase.timeout * 1000;
    try {
      await page.goto(`${server.origin}/index.html`, { waitUntil: "commit", timeout: theCase.timeout * 1000 });
    } catch {
      // a page that never commits is judged by what was seen (nothing)
    }
    let reason;
    let cpu = cpuTime ? { at: Date.now(), used: await cpuTime().catch(() => 0) } : null;
    for (;;) {
      const now = Date.now();
      if (cpu && now - cpu.at >= TIMING.cpuSampleMs) {
        const used = await cpuTime().catch(() => cpu.used);
        if ((used - cpu.used) * 1000 >= TIMING.busyShare * (now - cpu.at)) {
          obs.touch();
          if (process.env.PSC_DEBUG === "2") debug(theCase, `busy: ${Math.round((used - cpu.used) * 1000)} ms CPU in ${now - cpu.at} ms`);
        }
        cpu = { at: now, used };
      }
      if (now >= deadline) {
        obs.timedOut = true;
        reason = "time limit";
        break;
      }
      const quiet = obs.waiting(now) ? 0 : now - obs.lastActivity;
      if (obs.allDone() && quiet >= TIMING.settleMs) {
        reason = "all done";
        break;
      }
      const booting = obs.booting();
      if (quiet >= (booting > 0 ? TIMING.bootQuietMs : TIMING.quietMs)) {
        reason = booting > 0 ? `quiet, ${booting} engine(s) never ready` : "quiet";
        break;
      }
      await sleep(TIMING.pollMs);
    }
    debug(theCase, `stopped after ${Date.now() - started} ms: ${reason}; longest silence before ${obs.longestSilence} ms (${obs.longestBootSilence} ms while booting)`);
    final = await withTimeout(
      page.evaluate(finalState, { selector: PYSCRIPT_SELECTOR, probeAttr: PROBE_ATTR }),
      TIMING.collectMs,
    ).catch(() => null);
    state.recording = buildRecording(theCase, obs, final, { versions, origin: server.origin });
  } finally {
    try {
      await withTimeout(context.close(), 15000);
    } finally {
      await server.close();
    }
  }
  return state.recording;
}

function takeProbe(obs, rest) {
  // "py {json}" | "mpy {json}" | "worker /path.py {json}"
  const space = rest.indexOf(" ");
  const scope = rest.slice(0, space);
  let payload = rest.slice(space + 1);
  try {
    if (scope === "worker") {
      const second = payload.indexOf(" ");
      const where = payload.slice(0, second);
      payload = payload.slice(second + 1);
      if (!obs.workerConfigs.has(where)) obs.workerConfigs.set(where, JSON.parse(payload));
    } else if (scope === "py" || scope === "mpy") {
      obs.configs[scope] = JSON.parse(payload);
    }
  } catch {
    // a probe line we cannot read is as good as no probe
  }
}

const PHASE = { "py:ready": 0, "mpy:ready": 1, "py:done": 2, "mpy:done": 3 };
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const unique = (items, key = (x) => x) => {
  const seen = new Set();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** The recording, in the brief's key order, with every list in a fixed order. */
export function buildRecording(theCase, obs, final, { versions, origin }) {
  const norm = (text) => normaliseText(text, origin);
  const events = obs.events
    .filter((e) => !e.probe)
    .map((e) => ({ ...e }))
    .sort((a, b) => a.index - b.index || PHASE[a.type] - PHASE[b.type] || byText(a.target, b.target))
    .map((e) => ({ type: e.type, target: e.target, worker: e.worker }));
  const done = { py: 0, mpy: 0 };
  for (const e of events) if (e.type === "py:done") done.py += 1;
  else if (e.type === "mpy:done") done.mpy += 1;
  const scripts = final ? final.scripts : obs.parsed ? obs.parsed.scripts : { py: 0, mpy: 0 };
  const banners = unique((final ? final.banners : obs.bannersSeen).map(norm)).sort(byText);
  let worker = null;
  const order = obs.parsed ? obs.parsed.workerSources : [];
  for (const where of [...order, ...obs.workerConfigs.keys()]) {
    if (obs.workerConfigs.has(where)) {
      worker = obs.workerConfigs.get(where);
      break;
    }
  }
  const rec = {
    case: theCase.id,
    versions: {
      pyscript: versions.pyscript,
      core: versions.core,
      chromium: versions.chromium,
      pyodide: versions.pyodide,
      micropython: versions.micropython,
    },
    events,
    done,
    scripts: { py: scripts.py, mpy: scripts.mpy },
    banners,
    console: unique(
      obs.console.map((c) => ({ type: c.type, text: norm(stripStack(c.text)) })),
      (c) => `${c.type}\n${c.text}`,
    ).sort((a, b) => byText(a.type, b.type) || byText(a.text, b.text)),
    page_errors: unique(obs.pageErrors.map(norm)).sort(byText),
    rejections: unique(obs.rejections.map(norm)).sort(byText),
    configs: {
      py: normaliseValue(obs.configs.py, origin),
      mpy: normaliseValue(obs.configs.mpy, origin),
      worker: normaliseValue(worker, origin),
    },
    aborted: [...obs.aborted].sort(byText),
    timed_out: obs.timedOut,
    outcome: "works",
  };
  rec.outcome = deriveOutcome(theCase.meta, rec);
  return rec;
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => {
    resolve = r;
  });
  let settled = false;
  return {
    promise,
    resolve: (value) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    },
  };
}

/** PSC_DEBUG=1 prints what the harness sees and why it stops waiting (stderr). */
function debug(theCase, message) {
  if (process.env.PSC_DEBUG) console.error(`[${theCase.id}] ${message}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
