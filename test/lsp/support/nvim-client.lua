-- Headless Neovim as an LSP client: opens the file given in ALLOY_NVIM_FILE, starts `alloy lsp --stdio`
-- (ALLOY_NVIM_CMD, space separated), waits for diagnostics, asks for hover, completion and formatting,
-- and writes what it saw as JSON to ALLOY_NVIM_OUT. Works with Neovim 0.7 and later.
local out_path = os.getenv("ALLOY_NVIM_OUT")
local cmd = vim.split(os.getenv("ALLOY_NVIM_CMD"), " ", { trimempty = true })
local result = { diagnostics = {}, hover = "", completion = {}, formatted = "" }

local function finish()
  local f = io.open(out_path, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

vim.cmd("edit " .. os.getenv("ALLOY_NVIM_FILE"))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = "alloy"
local client_id = vim.lsp.start_client({ name = "alloy", cmd = cmd, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(buf, client_id)

local ok = vim.wait(15000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized and #vim.diagnostic.get(buf) > 0
end, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(result.diagnostics, { line = d.lnum, message = d.message })
end
if not ok then result.error = "no diagnostics" end

local client = vim.lsp.get_client_by_id(client_id)
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 0, character = 12 } }
local hover = client.request_sync("textDocument/hover", params, 5000, buf)
if hover and hover.result then result.hover = hover.result.contents.value end

local comp = client.request_sync("textDocument/completion", { textDocument = params.textDocument, position = { line = 1, character = 1 } }, 5000, buf)
if comp and comp.result then
  local items = comp.result.items or comp.result
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
end

local fmt = client.request_sync("textDocument/formatting", { textDocument = params.textDocument, options = { tabSize = 4, insertSpaces = false } }, 5000, buf)
if fmt and fmt.result then
  vim.lsp.util.apply_text_edits(fmt.result, buf, "utf-16")
  result.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
end
finish()
