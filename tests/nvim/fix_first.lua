-- Headless Neovim as a copyedit language server client (tests/lsp_nvim.rs):
-- open the Markdown file named by $COPYEDIT_NVIM_FILE, attach `copyedit lsp`
-- with the set-up README.md gives ($COPYEDIT_NVIM_SETUP), wait for
-- diagnostics, apply the first code action of the first problem, write the
-- file and quit. Any failure exits with status 1 and a message on stderr.

local function fail(msg)
  io.stderr:write('nvim test: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

-- Neovim 0.7 (Debian 12) has no vim.lsp.start: the README targets 0.8+.
if not vim.lsp.start then
  vim.lsp.start = function(config)
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, id)
    return id
  end
end

vim.cmd('filetype on')
dofile(os.getenv('COPYEDIT_NVIM_SETUP'))
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('COPYEDIT_NVIM_FILE')))
local buf = vim.api.nvim_get_current_buf()

local ok = vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
if not ok then return fail('no diagnostics within 60 s') end

local diags = vim.diagnostic.get(buf)
table.sort(diags, function(a, b)
  return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
end)
-- As `vim.lsp.buf.code_action()` asks: the cursor on the problem, its
-- range in the client's encoding, the line's diagnostics as context.
vim.api.nvim_win_set_cursor(0, { diags[1].lnum + 1, diags[1].col })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 30000)
local action, encoding
for client_id, r in pairs(responses or {}) do
  if r.result and r.result[1] then
    action = r.result[1]
    encoding = vim.lsp.get_client_by_id(client_id).offset_encoding
  end
end
if not action or not action.edit then return fail('no code action with an edit: ' .. vim.inspect(responses)) end
io.stdout:write('applying: ' .. action.title .. '\n')
vim.lsp.util.apply_workspace_edit(action.edit, encoding)
vim.cmd('write')
vim.cmd('qall!')
