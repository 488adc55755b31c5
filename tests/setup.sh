#!/usr/bin/env bash
# Install what the test suite needs beyond the Python package: Debian's Chromium (for the
# conformance harness, which runs the real PyScript runtime) and the two npm folders.
# Idempotent: run it again at any time. Needs root (or sudo) only to install Chromium.
set -euo pipefail

cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

if [ ! -x /usr/bin/chromium ]; then
    step "apt-get install chromium"
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        as_root=(sudo)
    fi
    "${as_root[@]}" apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends chromium
fi

step "npm ci tests/js (test data: JSON suite, SARIF schema)"
npm ci --prefix tests/js --no-audit --no-fund

step "npm ci tests/conformance/harness (PyScript, Pyodide, MicroPython, playwright-core)"
npm ci --prefix tests/conformance/harness --no-audit --no-fund

/usr/bin/chromium --version 2>/dev/null || true  # the Debian wrapper script is noisy on stderr

# Neovim: tests/lsp/test_neovim_editor.py drives the language server from a real editor.
command -v nvim >/dev/null 2>&1 || { step "apt-get install neovim"; $([ "$(id -u)" -ne 0 ] && echo sudo) apt-get update && $([ "$(id -u)" -ne 0 ] && echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends neovim; }

# The VS Code extension: dependencies, compile and `vsce package` (a .vsix in editors/vscode/dist).
step "editors/vscode: npm ci, build and package the .vsix"
npm ci --prefix editors/vscode --no-audit --no-fund
npm run --prefix editors/vscode package
