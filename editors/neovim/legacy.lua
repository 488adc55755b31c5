-- pyscript-config language server for Neovim 0.7 to 0.10, with no plugin.
--
-- Copy this file to ~/.config/nvim/plugin/pyscript_config.lua (Neovim runs every
-- file in that folder at start-up), or `dofile()` it from your init.lua. On Neovim
-- 0.11 and newer use pyscript_config.lua instead.
--
-- It starts `pyscript-config server` for HTML, TOML and JSON buffers, one server per
-- project root (the nearest folder up from the file holding one of `root_markers`,
-- else the file's own folder). The server itself decides which TOML and JSON files
-- are PyScript configs and leaves the others alone.

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

local cmd = { "pyscript-config", "server" }
local root_markers = { "pyscript-config.toml", "pyproject.toml", ".git" }
local filetypes = { "html", "toml", "json" }

local function root_for(path)
  local start = vim.fn.fnamemodify(path, ":p:h")
  local dir = start
  while true do
    for _, marker in ipairs(root_markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return start
    end
    dir = parent
  end
end

-- Neovim 0.7 has no vim.lsp.start: it reuses clients by root itself.
local clients_by_root = {}

local function attach(args)
  local bufnr = args.buf
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" or vim.bo[bufnr].buftype ~= "" then
    return
  end
  local root = root_for(path)
  local config = {
    name = "pyscript-config",
    cmd = cmd,
    root_dir = root,
    settings = settings,
    init_options = settings,
  }
  if vim.lsp.start then -- 0.8 and newer: finds or starts the client for this root
    vim.api.nvim_buf_call(bufnr, function()
      vim.lsp.start(config, { bufnr = bufnr })
    end)
    return
  end
  local id = clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  group = vim.api.nvim_create_augroup("pyscript_config", { clear = true }),
  pattern = filetypes,
  callback = attach,
})
