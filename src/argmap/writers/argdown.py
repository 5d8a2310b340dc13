"""Argdown out: a resolved map as an Argdown document (https://argdown.org).

Works from the export document. Every claim is a statement titled by its id,
its text the paraphrase, with ``{kind, quote, …}`` as the statement's data. A
support or attack from one claim is an Argdown relation under that claim
(``+> [T1]``, ``-> [O1]``). A relation with linked premises, or one a claim
undercuts, is an argument with a premise-conclusion structure, which the undercut
denies (``_> <P13 to P9>``). An argument's conclusion is the supported claim; for
an attack it is a statement ``not O1`` that attacks ``O1`` (a premise-conclusion
structure must conclude something, and Argdown draws an argument's relations from
its conclusion's).
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.format.vocabulary import SUPPORTING  # an example is support by example: Argdown says support

# Argdown reads these as markup ([statement], <argument>, #tag, {data}, *emphasis*, @mention,
# // comment, === front matter); a backslash makes each plain text.
_SPECIAL = re.compile(r"([\\\[\]<>#{}*_@/~^|`$=])")


def _text(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _scalar(value: Any) -> str:
    """A YAML flow value for a statement's data: braces and slashes escaped, so Argdown's lexer,
    which ends the data at the first `}` and reads `//` as a comment, sees neither."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("{", "\\x7b").replace("}", "\\x7d").replace("/", "\\x2f")


def _data(claim: dict[str, Any]) -> str:
    fields: list[tuple[str, Any]] = [("kind", claim["kind"])]
    for key in ("voice", "basis", "group", "added_by"):
        if claim.get(key):
            fields.append((key, claim[key]))
    if claim.get("implicit"):
        fields.append(("implicit", True))
    quotes = [q.get("text") or q["exact"] for q in claim["quotes"]]
    if len(quotes) == 1:
        fields.append(("quote", quotes[0]))
    elif quotes:
        fields.append(("quotes", quotes))
    parts = []
    for key, value in fields:
        if isinstance(value, list):
            parts.append(f"{key}: [{', '.join(_scalar(item) for item in value)}]")
        else:
            parts.append(f"{key}: {_scalar(value)}")
    return "{" + ", ".join(parts) + "}"


def argument_title(relation: dict[str, Any]) -> str:
    """An argument's title: the relation's id, else its link name in words (`E19 to P11`)."""
    if relation.get("id"):
        return str(relation["id"])
    return f"{' and '.join(relation['from'])} to {relation['to']}".replace(" -> ", " to ")


def needs_argument(relation: dict[str, Any], undercut_names: set[str]) -> bool:
    """Linked premises, and a link some claim undercuts, are arguments (an undercut denies an inference)."""
    return len(relation["from"]) > 1 or relation["name"] in undercut_names


def to_argdown(document: dict[str, Any]) -> str:
    claims = {claim["id"]: claim for claim in document["claims"]}
    undercut_names = {r["to_link"] for r in document["relations"] if r["type"] == "undercut" and r.get("to_link")}
    arguments = [r for r in document["relations"] if needs_argument(r, undercut_names)]
    titles = {r["name"]: argument_title(r) for r in arguments}
    outgoing: dict[str, list[str]] = {cid: [] for cid in claims}
    for relation in document["relations"]:
        if relation["name"] in titles or relation["from"][0] not in claims:
            continue
        if relation["type"] == "undercut":
            if relation.get("to_link") in titles:
                outgoing[relation["from"][0]].append(f"_> <{titles[relation['to_link']]}>")
        elif relation["to"] in claims:
            arrow = "+>" if relation["type"] in SUPPORTING else "->"
            outgoing[relation["from"][0]].append(f"{arrow} [{relation['to']}]")
    lines = ["===", f"title: {json.dumps(document.get('title') or document['map'], ensure_ascii=False)}", "===", ""]
    for claim in document["claims"]:
        lines.append(f"[{claim['id']}]: {_text(claim['text'])} {_data(claim)}")
        lines.extend(f"  {relation}" for relation in outgoing[claim["id"]])
        lines.append("")
    for relation in arguments:
        lines.extend(_argument(relation, titles, claims))
    return "\n".join(lines).rstrip("\n") + "\n"


def _argument(relation: dict[str, Any], titles: dict[str, str], claims: dict[str, dict[str, Any]]) -> list[str]:
    """A premise-conclusion structure: the premises, then the supported claim, or for an attack
    `not X` attacking X, or for an undercut `not <link>` undercutting that link's argument."""
    lines = [f"<{titles[relation['name']]}>", ""]
    premises = [source for source in relation["from"] if source in claims]
    lines.extend(f"({number}) [{source}]" for number, source in enumerate(premises, start=1))
    lines.append("----")
    conclusion = len(premises) + 1
    target = relation["to"]
    if relation["type"] in SUPPORTING:
        lines.append(f"({conclusion}) [{target}]")
    elif relation["type"] == "undercut":
        denied = titles.get(relation.get("to_link") or "", target)
        lines.append(f"({conclusion}) [not {denied}]: {_text(f'The inference {denied} does not hold.')}")
        lines.append(f"  _> <{denied}>")
    else:
        text = _text(f"It is not the case that: {claims[target]['text']}") if target in claims else "not"
        lines.append(f"({conclusion}) [not {target}]: {text}")
        lines.append(f"  -> [{target}]")
    lines.append("")
    return lines
