"""Structure rules: one module per rule, each with a stable code and a documented check.

Every rule module has the same shape (as yamllint's rules do):

* ``CODE`` — the stable problem code, e.g. ``AM301``;
* ``NAME`` — a short kebab-case name;
* ``SEVERITY`` — error or warning;
* ``check(resolved) -> Iterator[Problem]`` — yields problems, never prints;
* a module docstring that is the rule's user documentation, with a failing and a
  passing example (`argmap rules` prints them; docs/rules.md is generated from them).

A rule is listed in ``RULES`` below to take part; the order is only for documentation.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

from argmap.anchor.resolve import ResolvedMap
from argmap.check.rules import (
    am301_unknown_id,
    am302_duplicate_id,
    am303_self_reference,
    am304_no_thesis,
    am305_several_theses,
    am306_disconnected,
    am307_circular_support,
    am308_rebuttal_target,
    am309_objection_target,
    am310_evidence_quote,
    am311_thesis_relation,
    am312_unanchored_claim,
    am313_undercut_target,
    am314_added_unattached,
    am315_implicit_quote,
    am316_concession_target,
)
from argmap.format.problems import Problem

RULES: tuple[ModuleType, ...] = (
    am301_unknown_id,
    am302_duplicate_id,
    am303_self_reference,
    am304_no_thesis,
    am305_several_theses,
    am306_disconnected,
    am307_circular_support,
    am308_rebuttal_target,
    am309_objection_target,
    am310_evidence_quote,
    am311_thesis_relation,
    am312_unanchored_claim,
    am313_undercut_target,
    am314_added_unattached,
    am315_implicit_quote,
    am316_concession_target,
)


def run_rules(resolved: ResolvedMap) -> Iterator[Problem]:
    for rule in RULES:
        yield from rule.check(resolved)
