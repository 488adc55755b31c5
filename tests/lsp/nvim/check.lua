-- Drives the pyscript-config language server from Neovim itself (headless).
-- Opens the page named by $PSC_PAGE, waits for the server's diagnostics, asks for
-- completion at $PSC_LINE/$PSC_COL (1-based line, 0-based byte column), and writes
-- what Neovim holds as JSON to $PSC_OUT. Works with Neovim 0.7 (start_client) and
-- newer releases.
local out = os.getenv("PSC_OUT")
local page = os.getenv("PSC_PAGE")
local python = os.getenv("PSC_PYTHON")
local line = tonumber(os.getenv("PSC_LINE"))
local col = tonumber(os.getenv("PSC_COL"))

local function finish(result)
  local handle = io.open(out, "w")
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(page))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "pyscript-config",
  cmd = { python, "-m", "pyscript_config", "server" },
  root_dir = vim.fn.fnamemodify(page, ":h"),
  init_options = { ["pyscript-config"] = { ignore = { "PSC101" } } },
})
vim.lsp.buf_attach_client(bufnr, client_id)

local got = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(diagnostics, {
    code = code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    message = d.message, severity = d.severity, source = d.source,
  })
end

vim.api.nvim_win_set_cursor(0, { line, col })
local params = vim.lsp.util.make_position_params()
local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, 20000) or {}
local labels = {}
for _, response in pairs(responses) do
  local items = response.result or {}
  if items.items then
    items = items.items
  end
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
end
finish({ waited = got, diagnostics = diagnostics, completion = labels })
