// From raw observations to the recorded verdict. Pure functions, so the rules are easy to
// read, to test, and to re-apply to a recording.

/** Remove what changes from run to run: the loopback port and blob URL ids. */
export function normaliseText(text, origin) {
  let out = String(text);
  if (origin) {
    const host = origin.replace(/^https?:\/\//, "");
    out = out.split(origin).join("http://localhost:PORT").split(host).join("localhost:PORT");
  }
  return out.replace(
    /blob:(http:\/\/localhost:PORT)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    "blob:$1/BLOB",
  );
}

/**
 * A console line without the JavaScript stack Chromium appends to logged errors: frame
 * positions inside minified bundles and wasm say nothing about the config, and change
 * whenever a bundle does.
 */
export function stripStack(text) {
  return String(text).replace(/\n\s+at [^\n]*/g, "").replace(/\n+$/, "");
}

/** The same for any JSON value (configs carry URLs too). */
export function normaliseValue(value, origin) {
  if (value === null || value === undefined) return null;
  return JSON.parse(normaliseText(JSON.stringify(value), origin));
}

// What an install failure and its consequences look like, for `offline = true` cases:
// the harness cannot give PyPI, micropython-lib or Pyodide's own package wheels, so
// whatever follows from refusing them is environmental and not judged.
const INSTALL_FAILURE = [
  /micropip/i,
  /\bmip\b/,
  /No known package/i,
  /Can't find a pure Python 3 wheel/i,
  /Can't fetch metadata/i,
  /No module named/,
  /ModuleNotFoundError/,
  /ImportError/,
  /Failed to fetch/,
  /net::ERR_/,
  /Failed to load resource/,
  /loadPackage/,
  /The following error occurred while loading/,
  /^MessageEvent$/,
];

/** True when `text` reports a refused download or what follows from it. */
export function isInstallFailure(text, aborted) {
  if (aborted.some((url) => text.includes(url))) return true;
  return INSTALL_FAILURE.some((pattern) => pattern.test(text));
}

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical(value[key]);
    return out;
  }
  return value;
}

/** JSON equality, object key order ignored (TOML dates compare as their ISO text). */
export function sameValue(a, b) {
  const json = (v) => JSON.stringify(canonical(v === undefined ? null : JSON.parse(JSON.stringify(v))));
  return json(a) === json(b);
}

/**
 * Keys of `[intent.<scope>]` whose value the recorded config does not have, as
 * "scope.key" strings. A scope whose config was not observed counts as all missing,
 * except for offline cases, where the install failure may have kept the probe from running.
 */
export function intentMismatches(intent, configs, offline) {
  const missing = [];
  for (const scope of Object.keys(intent || {}).sort()) {
    const wanted = intent[scope] || {};
    const got = configs[scope];
    if (got === null || got === undefined) {
      if (!offline) for (const key of Object.keys(wanted)) missing.push(`${scope}.${key}`);
      continue;
    }
    for (const key of Object.keys(wanted)) {
      if (!(key in got) || !sameValue(wanted[key], got[key])) missing.push(`${scope}.${key}`);
    }
  }
  return missing;
}

/**
 * The outcome rules (docs/conformance.md):
 *   error        any banner, console error, page error or unhandled rejection, or a
 *                required interpreter whose scripts did not all reach :done (or a timeout);
 *   silent-loss  otherwise, when an [intent] value differs from the recorded config;
 *   warning      otherwise, when the console has warnings;
 *   works        otherwise.
 * For offline cases, messages that report a refused download (isInstallFailure) are
 * ignored, and so is the :done requirement (scripts cannot run without their packages).
 */
export function deriveOutcome(meta, rec) {
  const offline = meta.offline === true;
  const keep = (text) => !(offline && isInstallFailure(text, rec.aborted));
  const errors = [
    ...rec.banners,
    ...rec.console.filter((c) => c.type === "error").map((c) => c.text),
    ...rec.page_errors,
    ...rec.rejections,
  ].filter(keep);
  const warnings = rec.console.filter((c) => c.type === "warning").map((c) => c.text).filter(keep);
  const required = Array.isArray(meta.interpreters)
    ? meta.interpreters
    : ["py", "mpy"].filter((type) => rec.scripts[type] > 0);
  const notDone =
    !offline && (rec.timed_out || required.some((type) => (rec.done[type] || 0) < (rec.scripts[type] || 0)));
  if (errors.length || notDone) return "error";
  if (intentMismatches(meta.intent, rec.configs, offline).length) return "silent-loss";
  if (warnings.length) return "warning";
  return "works";
}
