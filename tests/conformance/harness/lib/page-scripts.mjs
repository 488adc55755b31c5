// Code that runs inside the test page: the observer installed before any page script, and
// the Python probes that report the config each interpreter received.

export const PROBE_MARK = "__psc_probe__";
export const PROBE_ATTR = "data-psc-probe";

/**
 * Main-thread probe: a `<script type="py|mpy">` without a `config` attribute, so it shares
 * the main config of its type and takes no part in choosing it (spec §2.1 step 6).
 */
export function mainProbe(type) {
  return [
    "def _psc_probe():",
    "    import json",
    "    import js",
    "    from pyscript import config",
    `    js.console.debug("${PROBE_MARK} ${type} " + json.dumps(config))`,
    "",
    "",
    "_psc_probe()",
    "del _psc_probe",
    "",
  ].join("\n");
}

/**
 * Worker probe, appended to the worker's own source: it can only run if the worker's code
 * ran to its end, and it reports through the console (which works with or without
 * SharedArrayBuffer). A file also used on the main thread stays silent there.
 */
export function workerProbe(urlPath) {
  return [
    "",
    "",
    "def _psc_probe():",
    "    try:",
    "        import json",
    "        import js",
    "        from pyscript import RUNNING_IN_WORKER, config",
    "        if RUNNING_IN_WORKER:",
    `            js.console.debug("${PROBE_MARK} worker ${urlPath} " + json.dumps(config))`,
    "    except Exception:",
    "        pass",
    "",
    "",
    "_psc_probe()",
    "del _psc_probe",
    "",
  ].join("\n");
}

/**
 * Installed with addInitScript, so it runs in the page before any of the page's scripts.
 * Reports go to the harness through the exposed binding `__pscReport(kind, data)`.
 */
export function initScript({ probes, selector, probeAttr }) {
  if (window.top !== window || location.protocol === "about:") return;
  const send = (kind, data) => {
    try {
      window.__pscReport(kind, data);
    } catch {
      // the harness is gone; nothing to report to
    }
  };
  const isProbe = (el) => el.hasAttribute && el.hasAttribute(probeAttr);
  const typeOf = (el) =>
    el.localName === "script" ? el.getAttribute("type") : el.localName.replace(/-script$/, "");
  const pyscriptElements = () => [...document.querySelectorAll(selector)].filter((el) => !isProbe(el));
  const known = new WeakMap();
  let snapshotTaken = false;
  const describe = (el) => {
    if (!el || !el.localName) return { target: String(el), index: 100000 };
    if (known.has(el)) return known.get(el);
    const all = pyscriptElements();
    const position = all.indexOf(el);
    const index = position < 0 ? 100000 : position + 1;
    const id = el.getAttribute && el.getAttribute("id");
    const info = { target: id ? `${el.localName}#${id}` : `${el.localName}:nth(${index})`, index };
    if (snapshotTaken && position >= 0) known.set(el, info);
    return info;
  };
  const reasonText = (reason) => {
    if (reason instanceof Error) return String(reason);
    if (reason && typeof reason === "object") {
      try {
        return JSON.stringify(reason);
      } catch {
        return String(reason);
      }
    }
    return String(reason);
  };
  for (const type of ["py:ready", "mpy:ready", "py:done", "mpy:done"]) {
    document.addEventListener(
      type,
      (event) => {
        const el = event.target;
        const info = describe(el);
        send("event", {
          type,
          target: info.target,
          index: info.index,
          worker: !!(event.detail && event.detail.worker),
          probe: isProbe(el),
        });
      },
      true,
    );
  }
  window.addEventListener("unhandledrejection", (event) => send("rejection", reasonText(event.reason)));
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node.nodeType === 1) {
          const found = node.matches(".py-error") ? [node] : [...node.querySelectorAll(".py-error")];
          for (const banner of found) send("banner", banner.textContent);
        }
  }).observe(document, { childList: true, subtree: true });

  const onParsed = () => {
    if (snapshotTaken) return;
    snapshotTaken = true;
    const elements = pyscriptElements();
    const scripts = { py: 0, mpy: 0 };
    const mainTypes = new Set();
    const workerSources = [];
    elements.forEach((el, i) => {
      const id = el.getAttribute("id");
      known.set(el, { target: id ? `${el.localName}#${id}` : `${el.localName}:nth(${i + 1})`, index: i + 1 });
      const type = typeOf(el);
      if (type in scripts) scripts[type] += 1;
      if (!el.hasAttribute("worker")) mainTypes.add(type);
      else if (el.getAttribute("src")) {
        try {
          const url = new URL(el.getAttribute("src"), document.baseURI);
          if (url.origin === location.origin) workerSources.push(url.pathname);
        } catch {
          // an unparsable src is the runtime's problem, not ours
        }
      }
    });
    const probed = [];
    for (const type of ["py", "mpy"]) {
      if (!mainTypes.has(type)) continue;
      const probe = document.createElement("script");
      probe.type = type;
      probe.setAttribute(probeAttr, type);
      probe.textContent = probes[type];
      (document.body || document.documentElement).appendChild(probe);
      probed.push(type);
    }
    send("parsed", { scripts, workerSources, probed });
  };
  if (document.readyState !== "loading") onParsed();
  else
    document.addEventListener("readystatechange", () => {
      if (document.readyState !== "loading") onParsed();
    });
}

/** Run at the end, in the page: what is on the page now. */
export function finalState({ selector, probeAttr }) {
  const scripts = { py: 0, mpy: 0 };
  for (const el of document.querySelectorAll(selector)) {
    if (el.hasAttribute(probeAttr)) continue;
    const type = el.localName === "script" ? el.getAttribute("type") : el.localName.replace(/-script$/, "");
    if (type in scripts) scripts[type] += 1;
  }
  const banners = [...document.querySelectorAll(".py-error")].map((el) => el.textContent);
  return { scripts, banners };
}

export const PYSCRIPT_SELECTOR = 'script[type="py"],script[type="mpy"],py-script,mpy-script';
