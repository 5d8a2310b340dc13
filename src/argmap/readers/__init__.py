"""Importers: other formats read into argmap maps."""
