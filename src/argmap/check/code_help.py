"""What `argmap rules CODE` says beyond a code's one-line summary: why it matters, and examples.

Each loading and anchoring code (AM1xx, AM2xx) that a map's text alone can show has a
failing and a fixed example here; tests/test_code_help.py checks every one of them
(the failing one gives the code, the fixed one does not), so the help never shows an
example that does not do what it says. Structure rules (AM3xx) keep their examples in
their own docstrings. Every code has a "why it matters".
"""

from __future__ import annotations

from dataclasses import dataclass

# The start of every example map that is not a whole file: the lines shown are appended to it.
EXAMPLE_HEAD = """\
argmap: 1
sources:
  - id: oped
    path: ../seeds/countering-external-threats.txt
claims:
  - id: T1
    kind: thesis
    text: China and Russia coordinate against shared external threats.
    quote: To counter external threats, China and Russia are looking to increase their coordination
"""


@dataclass(frozen=True)
class Example:
    failing: str
    fixed: str
    whole: bool = False  # the lines are the whole file, not what follows EXAMPLE_HEAD

    def files(self) -> tuple[str, str]:
        """The failing and fixed examples as the map files the tests check."""
        if self.whole:
            return self.failing, self.fixed
        return EXAMPLE_HEAD + self.failing, EXAMPLE_HEAD + self.fixed


def _claim(extra: str, kind: str = "premise", text: str = "Relations are closer than ever.") -> str:
    lines = f"  - id: P1\n    kind: {kind}\n    text: {text}\n"
    return lines + "".join(f"    {line}\n" for line in extra.split("\n") if line)


_EMPTY_FILE_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # a pin of another file
_QUOTE = "quote: spoke highly of the current state of Sino-Russian relations"

WHY: dict[str, str] = {
    "AM100": "argmap cannot check what it cannot open; usually the path is misspelt or the file was never saved.",
    "AM101": "quotes are compared character by character; a file in another encoding would garble every quote.",
    "AM102": "a YAML syntax error means argmap cannot tell which key or claim you meant, so it reads nothing.",
    "AM103": "YAML would silently keep only the second value: half of what you wrote would vanish.",
    "AM104": "anchors and aliases make one text stand in many places; maps must say each thing where it is.",
    "AM105": "a map this large is not a hand-made map; the limit protects CI from runaway input.",
    "AM106": "YAML 1.1 reads `no`, `yes`, `on` and `1:30` as booleans or numbers: your words would change meaning.",
    "AM107": "no map needs this much nesting; deep input is refused before it can exhaust memory.",
    "AM108": "a map is one YAML mapping (`argmap: 1`, `sources:`, `claims:` …); anything else has no claims.",
    "AM109": "tags such as `!!python/object` would run code or change types; a map is plain data.",
    "AM110": "an unknown key is usually a typo (`suports:`), and a misspelt relation is a relation lost.",
    "AM111": "without it the claim cannot be drawn, checked or linked.",
    "AM112": "a value of the wrong kind (a number for a text, a kind argmap does not know) cannot be checked.",
    "AM113": "the version says how to read the file; without it a later format could be misread.",
    "AM114": "an overlay adds to a base map; without the base there is nothing to add to.",
    "AM115": "maps that extend each other in a circle never reach a base.",
    "AM116": "a map of an article has hundreds of values; millions are a file made to exhaust the checker, not an argument.",
    "AM120": "a typo in the configuration would silently weaken every check in CI.",
    "AM201": "a claim's quote is checked against its source; without the source no quote can be.",
    "AM202": "quotes are compared character by character; a source in another encoding would garble them.",
    "AM203": "a map may only read texts inside its project, so a shared map cannot read your other files.",
    "AM204": "the source changed since the map was made: quotes may now point at other words.",
    "AM205": "a quote from an undeclared source cannot be found or shown to a reader.",
    "AM206": "a quote the source does not contain misrepresents the author: readers take it for their words.",
    "AM207": "the quote is right in substance but not to the letter; pasting the exact text keeps it verifiable.",
    "AM208": "a quote found in several places could stand for any of them; readers must see which one you mean.",
    "AM209": "the prefix, suffix or occurrence you gave picks none of the places the quote occurs.",
    "AM210": "a source this large is not an op-ed; the limit protects CI from runaway input.",
    "AM211": "quotes name sources by id; two sources with one id make every such quote ambiguous.",
    "AM212": "a prefix or suffix only tells apart passages that repeat; one longer than argmap compares cannot be checked.",
    "AM301": "a relation to an id that does not exist is silently missing from the argument.",
    "AM302": "relations name claims by id; two claims with one id make every relation to it ambiguous.",
    "AM303": "a claim that supports or attacks itself says nothing about the argument.",
    "AM304": "every map argues for one main claim; without it nothing can be judged.",
    "AM305": "a map argues for one main claim; two theses are two arguments (use two maps).",
    "AM306": "a claim that leads nowhere is not part of the argument the map shows.",
    "AM307": "claims that support each other in a circle prove nothing (begging the question).",
    "AM308": "a rebuttal is a reply to an objection; replying to a premise makes it an objection.",
    "AM309": "an objection that attacks nothing objects to nothing.",
    "AM310": "evidence is what the text offers as fact; without the author's words it is only a paraphrase.",
    "AM311": "the thesis is the conclusion; it cannot also be a reason for something else.",
    "AM312": "claims come from the source; a claim with no quote must be marked implicit or added.",
    "AM313": "an undercut denies a link; naming a link that does not exist denies nothing.",
    "AM314": "a student's addition must answer or support something, or it is not part of the argument.",
    "AM315": "an implicit claim is unstated by definition; a quote contradicts that.",
    "AM316": "a concession grants a point against a claim; one that limits nothing concedes nothing.",
    "AM317": "a reason supports its own side; support across sides is usually `supports:` written for `attacks:`.",
    "AM318": "an attack goes against the other side; one against its own side is a wrong side or a wrong relation.",
    "AM319": "undercuts that deny each other in a circle never reach a claim, so none of them means anything.",
    "AM320": "a granted point is answered by undercutting its attack; attacking it says it was never granted.",
}

EXAMPLES: dict[str, Example] = {
    "AM102": Example(
        _claim(f"{_QUOTE}\nsupports: T1", text="Ties: closer than ever."),
        _claim(f"{_QUOTE}\nsupports: T1", text='"Ties: closer than ever."'),
    ),
    "AM103": Example(
        _claim(f"{_QUOTE}\nsupports: T1\nsupports: T1"),
        _claim(f"{_QUOTE}\nsupports: T1"),
    ),
    "AM104": Example(
        _claim(f"{_QUOTE}\nsupports: &target T1\nnote: *target"),
        _claim(f"{_QUOTE}\nsupports: T1\nnote: T1"),
    ),
    "AM106": Example(
        _claim(f"{_QUOTE}\nsupports: T1\nnote: no"),
        _claim(f'{_QUOTE}\nsupports: T1\nnote: "no"'),
    ),
    "AM108": Example("", "argmap: 1\nsources: []\nclaims: []\n", whole=True),
    "AM109": Example(
        _claim(f"{_QUOTE}\nsupports: T1\nnote: !reviewed written"),
        _claim(f"{_QUOTE}\nsupports: T1\nnote: written"),
    ),
    "AM110": Example(_claim(f"{_QUOTE}\nsuports: T1"), _claim(f"{_QUOTE}\nsupports: T1")),
    "AM111": Example(
        f"  - id: P1\n    kind: premise\n    {_QUOTE}\n    supports: T1\n",
        _claim(f"{_QUOTE}\nsupports: T1"),
    ),
    "AM112": Example(_claim(f"{_QUOTE}\nsupports: T1", kind="premiss"), _claim(f"{_QUOTE}\nsupports: T1")),
    "AM113": Example(EXAMPLE_HEAD.replace("argmap: 1", "argmap: 2"), EXAMPLE_HEAD, whole=True),
    "AM114": Example(
        "argmap: 1\nextends: the-base-map.yaml\nclaims: []\n",
        "argmap: 1\nextends: countering-external-threats.yaml\nclaims: []\n",
        whole=True,
    ),
    "AM201": Example(
        EXAMPLE_HEAD.replace("countering-external-threats.txt", "countering-externa-threats.txt"),
        EXAMPLE_HEAD,
        whole=True,
    ),
    "AM203": Example(
        EXAMPLE_HEAD.replace("../seeds/countering-external-threats.txt", "/etc/hostname"),
        EXAMPLE_HEAD,
        whole=True,
    ),
    "AM204": Example(
        EXAMPLE_HEAD.replace(
            "    path: ../seeds/countering-external-threats.txt\n",
            "    path: ../seeds/countering-external-threats.txt\n    sha256: " + _EMPTY_FILE_SHA256 + "\n",
        ),
        EXAMPLE_HEAD,
        whole=True,
    ),
    "AM205": Example(
        _claim(f"{_QUOTE}\nsource: opde\nsupports: T1"),
        _claim(f"{_QUOTE}\nsource: oped\nsupports: T1"),
    ),
    "AM206": Example(
        _claim("quote: spoke highly of the current state of Sino-Russian ties\nsupports: T1"),
        _claim(f"{_QUOTE}\nsupports: T1"),
    ),
    "AM207": Example(
        _claim("quote: they won't accept any attempt to politicize the Games\nsupports: T1"),
        _claim("quote: they won’t accept any attempt to politicize the Games\nsupports: T1"),
    ),
    "AM208": Example(
        _claim("quote: external threats\nsupports: T1"),
        _claim("quote:\n  exact: external threats\n  occurrence: 1\nsupports: T1"),
    ),
    "AM209": Example(
        _claim("quote:\n  exact: external threats\n  prefix: internal\nsupports: T1"),
        _claim("quote:\n  exact: external threats\n  prefix: 'To counter '\nsupports: T1"),
    ),
    "AM211": Example(
        EXAMPLE_HEAD.replace(
            "claims:\n",
            "  - id: oped\n    path: ../seeds/nato-brussels-communique-2021-para55.txt\nclaims:\n",
        ),
        EXAMPLE_HEAD.replace(
            "claims:\n",
            "  - id: nato2021\n    path: ../seeds/nato-brussels-communique-2021-para55.txt\nclaims:\n",
        ),
        whole=True,
    ),
}

# Codes no example can show from a map's text alone, and what to do about each.
FIXES: dict[str, str] = {
    "AM100": "check the path and the file name's spelling; `ls` the folder",
    "AM101": "save the file as UTF-8 (in most editors: Save with encoding, UTF-8)",
    "AM105": "split the map, or raise the limit with --max-bytes if the map really is this large",
    "AM107": "write the map with the usual two or three levels of nesting",
    "AM115": "make one map the base: the base must not extend the overlay, directly or through others",
    "AM116": "a map of one article needs far fewer values: look for a generated or repeated list, and remove it",
    "AM120": "fix the key or value the message names; `argmap check --help` lists the settings",
    "AM202": "save the source as UTF-8",
    "AM210": "use the article's text only, or raise the limit with --max-source-bytes",
    "AM212": "shorten the prefix or suffix to the few words just before or after the quote (or use occurrence: N)",
}
