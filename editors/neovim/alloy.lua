-- The Alloy language server in Neovim, without nvim-lspconfig: `.alloy` files get the filetype `alloy`, and the
-- server (`alloy lsp --stdio`) is started for them with the root at the nearest `.git` (else the file's folder).
-- Works with Neovim 0.11 and later (vim.lsp.config), 0.8 to 0.10 (vim.lsp.start from a FileType autocommand)
-- and 0.7 (vim.lsp.start_client), each with what that version has.
--
-- Install: copy to ~/.config/nvim/plugin/alloy.lua, or `dofile()` it from init.lua.
-- Options, set before this file runs:
--   vim.g.alloy_lsp_cmd      the command, default { "alloy", "lsp", "--stdio" }
--   vim.g.alloy_lsp_settings initialization options, e.g. { stabilityLevel = "experimental", communityComponents = true }

local cmd = vim.g.alloy_lsp_cmd or { "alloy", "lsp", "--stdio" }
local settings = vim.g.alloy_lsp_settings
local markers = { ".git" }

-- Filetype: vim.filetype.add from 0.7 (where filetype.lua is opt-in), an autocommand as well before 0.8.
if vim.filetype and vim.filetype.add then
  vim.filetype.add({ extension = { alloy = "alloy" } })
end
if vim.fn.has("nvim-0.8") == 0 then
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, { pattern = "*.alloy", command = "setfiletype alloy" })
end

-- Neovim 0.11 and later.
if vim.lsp.config and vim.lsp.enable then
  vim.lsp.config("alloy", { cmd = cmd, filetypes = { "alloy" }, root_markers = markers, init_options = settings })
  vim.lsp.enable("alloy")
  vim.g.alloy_lsp_setup = "vim.lsp.config"
  return
end

-- The folder holding the nearest marker above the buffer's file, else the file's folder.
local function root_dir(buf)
  local file = vim.api.nvim_buf_get_name(buf)
  local dir = vim.fn.fnamemodify(file, ":p:h")
  if vim.fs and vim.fs.root then -- 0.10
    return vim.fs.root(buf, markers) or dir
  end
  if vim.fs and vim.fs.find then -- 0.8, 0.9
    local found = vim.fs.find(markers, { upward = true, path = dir })[1]
    return found and vim.fs.dirname(found) or dir
  end
  for _, marker in ipairs(markers) do -- 0.7
    local found = vim.fn.finddir(marker, dir .. ";")
    if found == "" then found = vim.fn.findfile(marker, dir .. ";") end
    if found ~= "" then return vim.fn.fnamemodify(found, ":p:h:h") end
  end
  return dir
end

local config = function(buf)
  return { name = "alloy", cmd = cmd, root_dir = root_dir(buf), init_options = settings }
end

-- Neovim 0.8 to 0.10: vim.lsp.start reuses the client of the same name and root.
if vim.lsp.start then
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "alloy",
    callback = function(args)
      vim.lsp.start(config(args.buf))
    end,
  })
  vim.g.alloy_lsp_setup = "vim.lsp.start"
  return
end

-- Neovim 0.7: one client per root, attached to each buffer.
local clients = {}
vim.api.nvim_create_autocmd("FileType", {
  pattern = "alloy",
  callback = function(args)
    local c = config(args.buf)
    local id = clients[c.root_dir]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client(c)
      clients[c.root_dir] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
vim.g.alloy_lsp_setup = "vim.lsp.start_client"
