"""argmap: map the argument structure of opinion writing, anchored in the author's words."""

__version__ = "0.1.0"
