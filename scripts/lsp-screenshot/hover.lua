-- After the server has answered, hover on the id in `supports: T1`.
vim.defer_fn(function()
  vim.cmd("normal! /expresed\r2j$zz")
  vim.defer_fn(function()
    vim.lsp.buf.hover()
  end, 700)
end, 5000)
