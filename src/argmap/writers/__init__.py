"""Writers: one module per output format, over the graph and the resolved map."""
