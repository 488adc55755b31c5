-- pyscript-config language server through the nvim-lspconfig plugin (Neovim 0.7 to
-- 0.10). On 0.11 and newer use pyscript_config.lua: there the plugin deprecates this
-- `require("lspconfig")` setup in favour of vim.lsp.config.
--
-- nvim-lspconfig has no built-in entry for pyscript-config: this registers one as a
-- custom server, then sets it up. Copy it to ~/.config/nvim/plugin/pyscript_config.lua,
-- or paste it into your init.lua after the plugin is loaded. Pass your usual
-- `on_attach`/`capabilities` to `setup` as for any other server.

local lspconfig = require("lspconfig")
local configs = require("lspconfig.configs")

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

if not configs.pyscript_config then
  configs.pyscript_config = {
    default_config = {
      cmd = { "pyscript-config", "server" },
      filetypes = { "html", "toml", "json" },
      root_dir = lspconfig.util.root_pattern("pyscript-config.toml", "pyproject.toml", ".git"),
      -- A page outside any project still gets a server (rooted at its folder).
      single_file_support = true,
      settings = settings,
      init_options = settings,
    },
    docs = {
      description = "pyscript-config: checks PyScript pages and pyscript.toml/pyscript.json",
    },
  }
end

lspconfig.pyscript_config.setup({})
