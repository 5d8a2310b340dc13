-- After the server has answered, go to the mistyped quote and show its diagnostic in full.
vim.defer_fn(function()
  vim.cmd("normal! /they expresed\rzz")
  vim.defer_fn(function()
    vim.diagnostic.open_float(nil, { scope = "line" })
  end, 700)
end, 5000)
