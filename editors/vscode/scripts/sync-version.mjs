// The extension's version is pyscript_config.__version__ (server/pyscript_config/__init__.py),
// the project's single version source. `node scripts/sync-version.mjs` writes it into
// package.json and package-lock.json; `--check` only compares, and fails the build when
// they differ.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const initFile = join(here, "..", "..", "server", "pyscript_config", "__init__.py");

export function pythonVersion() {
  const match = /^__version__\s*=\s*["']([^"']+)["']/m.exec(readFileSync(initFile, "utf8"));
  if (match === null) {
    throw new Error(`no __version__ = "..." line in ${initFile}`);
  }
  return match[1];
}

function rewrite(file, update) {
  const data = JSON.parse(readFileSync(file, "utf8"));
  update(data);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

const version = pythonVersion();
const packageFile = join(here, "package.json");
const current = JSON.parse(readFileSync(packageFile, "utf8")).version;

if (process.argv.includes("--check")) {
  if (current !== version) {
    console.error(
      `editors/vscode/package.json has version ${current}, pyscript_config.__version__ is ${version}: ` +
        "run `npm run --prefix editors/vscode sync-version`",
    );
    process.exit(1);
  }
} else if (current !== version) {
  rewrite(packageFile, (data) => {
    data.version = version;
  });
  rewrite(join(here, "package-lock.json"), (data) => {
    data.version = version;
    if (data.packages?.[""] !== undefined) {
      data.packages[""].version = version;
    }
  });
  console.log(`version ${current} -> ${version}`);
}
