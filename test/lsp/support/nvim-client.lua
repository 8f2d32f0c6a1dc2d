-- Headless Neovim as an LSP client, after the documented setup file (editors/neovim/alloy.lua) has run: opens the
-- file given in ALLOY_NVIM_FILE (the setup gives it its filetype and starts the server), waits for diagnostics,
-- asks for hover, completion and formatting, and writes what it saw as JSON to ALLOY_NVIM_OUT. Uses only calls
-- that exist from Neovim 0.7 to 0.11 (vim.lsp.buf_request_sync rather than client methods, whose calling
-- convention changed in 0.11).
local out_path = os.getenv("ALLOY_NVIM_OUT")
local result = { diagnostics = {}, hover = "", completion = {}, formatted = "", version = tostring(vim.version()) }

local function finish()
  local f = io.open(out_path, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

local ok_run, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("ALLOY_NVIM_FILE")))
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  result.setup = vim.g.alloy_lsp_setup
  local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
  local function client()
    for _, c in ipairs(get_clients({ bufnr = buf })) do
      if c.name == "alloy" then return c end
    end
  end

  local ok = vim.wait(20000, function()
    local c = client()
    return c ~= nil and c.initialized ~= false and #vim.diagnostic.get(buf) > 0
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { line = d.lnum, message = d.message })
  end
  if not ok then
    result.error = client() and "no diagnostics" or "no alloy client attached to the buffer"
    return
  end
  local c = client()
  result.root_dir = c.config.root_dir

  local function request(method, params)
    local answers = vim.lsp.buf_request_sync(buf, method, params, 5000) or {}
    local a = answers[c.id]
    return a and a.result
  end
  local doc = { uri = vim.uri_from_bufnr(buf) }
  local hover = request("textDocument/hover", { textDocument = doc, position = { line = 0, character = 12 } })
  if hover then result.hover = hover.contents.value end

  local comp = request("textDocument/completion", { textDocument = doc, position = { line = 1, character = 1 } })
  if comp then
    for _, item in ipairs(comp.items or comp) do table.insert(result.completion, item.label) end
  end

  local edits = request("textDocument/formatting", { textDocument = doc, options = { tabSize = 4, insertSpaces = false } })
  if edits then
    vim.lsp.util.apply_text_edits(edits, buf, "utf-16")
    result.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  end
end)
if not ok_run then result.error = tostring(err) end
finish()
