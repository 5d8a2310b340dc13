"""argmap's commands, one module per command or family."""
