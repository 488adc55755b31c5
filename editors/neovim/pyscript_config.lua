-- pyscript-config language server for Neovim 0.11 and newer (built-in vim.lsp.config).
--
-- Copy this file to ~/.config/nvim/plugin/pyscript_config.lua (Neovim runs every
-- file in that folder at start-up), or paste it into your init.lua. For Neovim 0.7 to
-- 0.10 use legacy.lua; with the nvim-lspconfig plugin on those releases, lspconfig.lua.
--
-- Neovim starts `pyscript-config server` for HTML, TOML and JSON buffers, one server
-- per project root. The server itself decides which TOML and JSON files are PyScript
-- configs and leaves the others alone.

-- The server's settings (see docs/language-server.md, "Settings"). The server adds
-- them to the project's pyscript-config.toml or [tool.pyscript-config] settings.
local settings = {
  ["pyscript-config"] = {
    ignore = {}, -- codes or prefixes not to report, e.g. { "PSC600" }
    allowedKeys = {}, -- your own top-level config keys, e.g. { "my_app" }
    -- select = { "PSC0", "PSC1", "PSC2" },
    -- severity = { PSC101 = "warning" },
    -- pyscriptVersion = "2026.7.3",
    -- maxFileSize = 5242880,
  },
}

vim.lsp.config("pyscript_config", {
  cmd = { "pyscript-config", "server" },
  filetypes = { "html", "toml", "json" },
  root_markers = { "pyscript-config.toml", "pyproject.toml", ".git" },
  settings = settings,
  init_options = settings,
})
vim.lsp.enable("pyscript_config")
