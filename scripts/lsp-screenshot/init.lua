-- Neovim 0.7's built-in LSP client, started for YAML buffers that are argmap maps.
vim.opt.number = true
vim.opt.hlsearch = false
vim.opt.signcolumn = "yes"
vim.opt.termguicolors = true
vim.cmd("colorscheme default")
vim.cmd("highlight NormalFloat guibg=#2b2b40 guifg=#e8e8e8")
vim.cmd("highlight FloatBorder guibg=#2b2b40 guifg=#8888aa")
local function with_code(d)
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  return code and string.format("%s %s", code, d.message) or d.message
end
vim.diagnostic.config({ virtual_text = { format = with_code }, float = { border = "rounded", format = with_code } })
vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    local id = vim.lsp.start_client({ name = "argmap", cmd = { "argmap", "lsp" }, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
