"""Readers: other formats' annotations turned into argmap maps (one module per format)."""
