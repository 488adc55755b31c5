// Finding cases and reading their case.toml.

import fs from "node:fs";
import path from "node:path";

import { parse } from "smol-toml";

import { HARNESS } from "./routes.mjs";

export const CONFORMANCE = path.dirname(HARNESS);
export const CORPUS = path.join(CONFORMANCE, "corpus");
export const RECORDINGS = path.join(CONFORMANCE, "recordings");
export const DEFAULT_TIMEOUT = 30;

/** Every case folder (one holding case.toml and index.html), sorted by id. */
export function listCases(corpus = CORPUS) {
  if (!fs.existsSync(corpus)) return [];
  return fs
    .readdirSync(corpus)
    .filter((name) => isFile(path.join(corpus, name, "case.toml")) && isFile(path.join(corpus, name, "index.html")))
    .sort();
}

/** case.toml as plain data (TOML dates become ISO strings). */
export function readCase(id, corpus = CORPUS) {
  const text = fs.readFileSync(path.join(corpus, id, "case.toml"), "utf-8");
  const meta = JSON.parse(JSON.stringify(parse(text)));
  const timeout = Number(meta.timeout) > 0 ? Number(meta.timeout) : DEFAULT_TIMEOUT;
  return { id, dir: path.join(corpus, id), meta, timeout };
}

/** Which interpreter a case mostly exercises, by a look at its page: worker, mpy or py. */
export function caseKind(id, corpus = CORPUS) {
  const html = fs.readFileSync(path.join(corpus, id, "index.html"), "utf-8");
  if (/<(?:script|py-script|mpy-script)\b[^>]*\sworker\b/i.test(html)) return "worker";
  if (/type\s*=\s*["']?mpy["'\s>]|<mpy-(?:script|config)\b/i.test(html)) return "mpy";
  return "py";
}

/**
 * A deterministic sample of `count` cases spread over (expected outcome, kind): groups
 * ordered works, error, silent-loss, warning (then by kind), taken round-robin; within a group the
 * picks alternate between areas (id prefixes), each group starting at a different one. Offline cases and cases with
 * a long time limit are left out so the sample is quick and judges the runtime only.
 */
export function sampleCases(count, corpus = CORPUS) {
  const groups = new Map();
  for (const id of listCases(corpus)) {
    const { meta, timeout } = readCase(id, corpus);
    if (meta.offline === true || timeout > 30) continue;
    const key = `${meta.expect || "?"}/${caseKind(id, corpus)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(id);
  }
  const rank = (key) => {
    const at = ["works", "error", "silent-loss", "warning"].indexOf(key.split("/")[0]);
    return at < 0 ? 99 : at;
  };
  const keys = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  // within a group, alternate between areas (id prefixes), each group starting elsewhere
  keys.forEach((key, k) => {
    const byArea = new Map();
    for (const id of groups.get(key)) {
      const area = id.split("-")[0];
      if (!byArea.has(area)) byArea.set(area, []);
      byArea.get(area).push(id);
    }
    const areas = [...byArea.keys()].sort();
    const start = k % areas.length;
    const rotated = [...areas.slice(start), ...areas.slice(0, start)];
    const interleaved = [];
    for (let i = 0; interleaved.length < groups.get(key).length; i++)
      for (const area of rotated) if (i < byArea.get(area).length) interleaved.push(byArea.get(area)[i]);
    groups.set(key, interleaved);
  });
  const picked = [];
  for (let round = 0; picked.length < count; round++) {
    let added = false;
    for (const key of keys) {
      const ids = groups.get(key);
      if (round < ids.length && picked.length < count) {
        picked.push(ids[round]);
        added = true;
      }
    }
    if (!added) break;
  }
  return picked.sort();
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
