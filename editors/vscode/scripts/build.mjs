// Build: copy the generated schema and the licence in from the repository (one source
// for each: nothing is committed twice), then bundle with esbuild.
//   dist/extension.js      the extension, everything but `vscode` bundled in
//   dist/serverOptions.js  the launch logic alone, CommonJS, loadable by plain Node
//                          (the launch test starts the server through it)
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const repo = join(here, "..", "..");

mkdirSync(join(here, "schemas"), { recursive: true });
copyFileSync(join(repo, "schemas", "pyscript.schema.json"), join(here, "schemas", "pyscript.schema.json"));
copyFileSync(join(repo, "LICENSE"), join(here, "LICENSE"));

rmSync(join(here, "dist"), { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: false,
  minify: false,
  logLevel: "warning",
};
await esbuild.build({
  ...common,
  entryPoints: [join(here, "src", "extension.ts")],
  outfile: join(here, "dist", "extension.js"),
  external: ["vscode"],
  minify: true,
});
const pure = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src", "serverOptions.ts")],
  outfile: join(here, "dist", "serverOptions.js"),
  metafile: true,
});
// The launch test depends on this module loading without VS Code.
const imported = Object.values(pure.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
if (imported.includes("vscode")) {
  console.error("src/serverOptions.ts must not import vscode");
  process.exit(1);
}
console.log("built dist/extension.js and dist/serverOptions.js");
