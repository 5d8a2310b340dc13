"""Analyses of a resolved map: coverage, diff, evaluation, the class overview."""
