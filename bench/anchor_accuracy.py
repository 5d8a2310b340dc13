"""Measure quote anchoring (`argmap.anchor.find`) on the op-ed: accuracy and cost.

Method (fixed seed, so every run prints the same accuracy figures; timings vary with the machine):

* **Passages.** N random runs of 6-30 consecutive words (whitespace-separated tokens, punctuation
  kept) from the article body of `seeds/countering-external-threats.txt` (from "Chinese President
  Xi Jinping and Russian President..." to the end of the last paragraph; page furniture left out).
  The true span runs from the first word's first character to the last word's last character.
* **Perturbations.** Each passage is retyped with words joined by single spaces (as a person
  types it: no-break spaces and paragraph breaks become spaces) and gets 1-3 distinct
  perturbations: a typo in a word of 4+ letters (substitute, delete, insert or transpose a
  letter), an interior word dropped, two adjacent words swapped, straight quotes for curly ones
  (only offered when the passage has ’ “ ”), a line break or double space between two words, a
  case change of one word.
* **Outcome.** The anchored span is `Match.span` when the quote was found (exact or normalised),
  else the suggestion's span. Reported: exact span (same start and end), span overlap >= 90 %
  (intersection over union of the two spans), share of quotes that get any span at all, and how
  they got it.
* **False suggestions.** 50 sentences on the op-ed's topics that are not in it; any suggestion
  (score >= 60) is false.
* **Cost.** ms per `find_quote` call (best of 3 runs per quote), mean and p95, for passing quotes (the passages copied
  exactly) and for failing quotes (perturbed passages that ended in not_found, i.e. took the
  suggestion path), with the source's lazy structures already built (a source is reused by
  every quote of a map).
* **Large source.** A synthetic ~1 MB text: paragraphs of words drawn (seeded) from the op-ed's
  own word distribution, with the whole op-ed inserted once in the middle. The same passages are
  anchored in it (true spans shifted by the insertion offset): one-off build cost, passing and
  failing cost, accuracy, and for contrast the cost of one unbounded rapidfuzz scan of the whole
  text, which is what a failing quote would cost without the word index.

Run from the repository root:  PYTHONPATH=src python bench/anchor_accuracy.py [N]
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from argmap.anchor.find import Match, SourceText, Span, find_quote, normalise

SEED = 20211229
REPEAT = 3
ROOT = Path(__file__).resolve().parent.parent
OPED = ROOT / "seeds" / "countering-external-threats.txt"
BODY_START = "Chinese President Xi Jinping and Russian President Vladimir Putin recently met"
BODY_END = "You might also like"

NOT_IN_TEXT = [
    "The European Union has imposed new sanctions on Moscow this week.",
    "Beijing announced a new five-year plan for renewable energy investment.",
    "NATO leaders agreed to double their defence spending by the end of the decade.",
    "The Japanese prime minister visited Washington to discuss semiconductor supply chains.",
    "India and China resolved their border dispute in a landmark agreement.",
    "Germany decided to halt construction of the Nord Stream 2 pipeline.",
    "The United Nations Security Council passed a resolution on Afghanistan.",
    "Russian gas exports to Europe fell sharply during the winter months.",
    "Chinese tourists returned to Thailand in large numbers after the pandemic.",
    "The summit ended without a joint statement on climate change.",
    "Taiwan held local elections that were closely watched in Beijing.",
    "The Kremlin denied any involvement in the cyberattack on the power grid.",
    "Australia signed a free trade agreement with the United Kingdom last year.",
    "Economists expect growth in the eurozone to slow in the coming quarter.",
    "The Shanghai Cooperation Organization admitted Iran as a full member.",
    "Washington imposed export controls on advanced computer chips.",
    "Protesters gathered outside the embassy to demand the release of journalists.",
    "The central bank raised interest rates for the third time this year.",
    "A new railway line now connects western China with Central Asia.",
    "France recalled its ambassador after the submarine deal was cancelled.",
    "The Arctic is becoming a new arena of competition between the great powers.",
    "Both governments promised to cooperate on public health and vaccine distribution.",
    "Oil prices rose after producers agreed to cut output.",
    "The foreign ministers met in Geneva to prepare for the next round of talks.",
    "Analysts warned that the alliance could fracture over burden sharing.",
    "Students in Moscow protested against rising tuition fees.",
    "The treaty limits the number of deployed nuclear warheads on each side.",
    "China's population grew at its slowest rate in decades.",
    "The European Parliament froze the ratification of the investment agreement.",
    "Belarus held military exercises close to the Polish border.",
    "South Korea deployed a missile defence system despite objections from Beijing.",
    "The prime minister resigned after losing a vote of confidence.",
    "Several African states joined the Belt and Road Initiative this year.",
    "A drought in the south reduced the harvest of rice and wheat.",
    "The two navies held a joint exercise in the Sea of Japan.",
    "Tech companies face new data security rules in several countries.",
    "The Olympic torch relay was shortened because of the pandemic.",
    "Kazakhstan asked the regional security bloc to send peacekeepers.",
    "The report recommends closer cooperation between universities and industry.",
    "Inflation in the United States reached its highest level in forty years.",
    "The diplomat described the talks as frank and constructive.",
    "Ukraine applied for membership of the European Union.",
    "The ruble lost a third of its value against the dollar.",
    "Satellite images showed new construction on the disputed islands.",
    "The ministry of defence published a white paper on military reform.",
    "Negotiators failed to agree on a ceasefire in the eastern region.",
    "The city hosted an international film festival in the autumn.",
    "A cross-border pipeline will carry natural gas to northern China from Siberia.",
    "The opposition accused the government of mismanaging the economy.",
    "Voters will choose a new parliament in the spring elections.",
]


@dataclass(frozen=True)
class Case:
    quote: str
    truth: Span
    perturbations: tuple[str, ...]


# --- passages and perturbations -----------------------------------------------------------------


def body_tokens(text: str) -> list[Span]:
    start = text.index(BODY_START)
    end = text.index(BODY_END)
    return [Span(m.start(), m.end()) for m in re.finditer(r"\S+", text[:end]) if m.start() >= start]


def typo(rng: random.Random, words: list[str]) -> bool:
    choices = [i for i, word in enumerate(words) if sum(c.isalpha() for c in word) >= 4]
    if not choices:
        return False
    i = rng.choice(choices)
    word = words[i]
    letters = [j for j, c in enumerate(word) if c.isalpha()]
    j = rng.choice(letters[:-1])
    kind = rng.choice(["substitute", "delete", "insert", "transpose"])
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    if kind == "substitute":
        word = word[:j] + rng.choice(alphabet.replace(word[j].lower(), "")) + word[j + 1 :]
    elif kind == "delete":
        word = word[:j] + word[j + 1 :]
    elif kind == "insert":
        word = word[:j] + rng.choice(alphabet) + word[j:]
    elif word[j] != word[j + 1]:
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    else:
        word = word[:j] + word[j + 1 :]
    words[i] = word
    return True


def drop_word(rng: random.Random, words: list[str]) -> bool:
    if len(words) < 5:
        return False
    del words[rng.randrange(1, len(words) - 1)]
    return True


def swap_words(rng: random.Random, words: list[str]) -> bool:
    i = rng.randrange(len(words) - 1)
    if words[i] == words[i + 1]:
        return False
    words[i], words[i + 1] = words[i + 1], words[i]
    return True


_OTHER_WORDS = ("large", "several", "recent", "major", "strong", "new", "half", "many", "formal", "joint")


def replace_word(rng: random.Random, words: list[str]) -> bool:
    """A misremembered word, anywhere, the first and last included."""
    i = rng.randrange(len(words))
    other = rng.choice([w for w in _OTHER_WORDS if w != words[i].lower()])
    words[i] = other
    return True


def straight_quotes(rng: random.Random, words: list[str]) -> bool:
    changed = [w.replace("’", "'").replace("“", '"').replace("”", '"') for w in words]
    if changed == words:
        return False
    words[:] = changed
    return True


def change_case(rng: random.Random, words: list[str]) -> bool:
    i = rng.randrange(len(words))
    word = words[i]
    new = word.lower() if word[:1].isupper() else word[:1].upper() + word[1:]
    if new == word:
        new = word.upper()
    if new == word:
        return False
    words[i] = new
    return True


WORD_PERTURBATIONS = {
    "typo": typo,
    "drop": drop_word,
    "swap": swap_words,
    "replace": replace_word,
    "straight": straight_quotes,
    "case": change_case,
}


def make_case(rng: random.Random, text: str, tokens: list[Span]) -> Case:
    length = rng.randint(6, 30)
    first = rng.randrange(len(tokens) - length + 1)
    chosen = tokens[first : first + length]
    truth = Span(chosen[0].start, chosen[-1].end)
    words = [text[t.start : t.end] for t in chosen]
    wanted = rng.randint(1, 3)
    kinds = [*WORD_PERTURBATIONS, "whitespace"]
    rng.shuffle(kinds)
    done: list[str] = []
    separators = [" "] * (len(words) - 1)
    for kind in kinds:
        if len(done) == wanted:
            break
        if kind == "whitespace":
            separators[rng.randrange(len(separators))] = rng.choice(["\n", "  ", "\n\n", " \n"])
            done.append(kind)
        elif WORD_PERTURBATIONS[kind](rng, words):
            done.append(kind)
    if len(separators) != len(words) - 1:  # a word was dropped after spacing was chosen
        separators = separators[: len(words) - 1]
    quote = words[0] + "".join(sep + word for sep, word in zip(separators, words[1:], strict=False))
    return Case(quote, truth, tuple(done))


def exact_case(rng: random.Random, text: str, tokens: list[Span]) -> Case:
    length = rng.randint(6, 30)
    first = rng.randrange(len(tokens) - length + 1)
    truth = Span(tokens[first].start, tokens[first + length - 1].end)
    return Case(text[truth.start : truth.end], truth, ())


# --- measuring ----------------------------------------------------------------------------------


def anchored(match: Match) -> Span | None:
    if match.span is not None:
        return match.span
    if match.suggestion is not None:
        return match.suggestion.span
    return None


def overlap(a: Span, b: Span) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union else 0.0


def timed(source: SourceText, quote: str) -> tuple[Match, float]:
    """The match, and the best of REPEAT timings in ms (other processes on the machine add noise)."""
    best = float("inf")
    for _ in range(REPEAT):
        began = time.perf_counter()
        match = find_quote(source, quote)
        best = min(best, time.perf_counter() - began)
    return match, best * 1000


def ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    p95 = sorted(values)[max(0, round(0.95 * len(values)) - 1)]
    return f"{statistics.fmean(values):.3f} / {p95:.3f} ms (n={len(values)})"


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} % ({part}/{whole})" if whole else "n/a"


@dataclass
class Outcome:
    """What the perturbed passages came to on one source."""

    total: int = 0
    exact: int = 0  # anchored span == true span
    close: int = 0  # intersection over union >= 0.9
    anchored: int = 0  # a match or a suggestion at all
    paths: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [exact, total]
    failing_ms: list[float] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    misses: list[tuple[Case, Span | None]] = field(default_factory=list)


def path_of(match: Match) -> str:
    if match.status != "not_found":
        return match.status
    if match.suggestion is None:
        return "not_found, no suggestion"
    return "suggestion >= 90" if match.suggestion.score >= 90 else "suggestion 60-90"


def accuracy(source: SourceText, cases: list[Case], shift: int) -> Outcome:
    outcome = Outcome(total=len(cases))
    for case in cases:
        match, took = timed(source, case.quote)
        truth = Span(case.truth.start + shift, case.truth.end + shift)
        got = anchored(match)
        path = path_of(match)
        outcome.paths[path] = outcome.paths.get(path, 0) + 1
        if match.status == "not_found":
            outcome.failing_ms.append(took)
        if match.suggestion is not None:
            outcome.scores.append(match.suggestion.score)
        if got is not None:
            outcome.anchored += 1
            outcome.close += overlap(got, truth) >= 0.9
        outcome.exact += got == truth
        for kind in case.perturbations:
            tally = outcome.by_kind.setdefault(kind, [0, 0])
            tally[0] += got == truth
            tally[1] += 1
        if got != truth:
            outcome.misses.append((case, got))
    return outcome


def passing_ms(source: SourceText, cases: list[Case], shift: int) -> tuple[list[float], int]:
    times, right = [], 0
    for case in cases:
        match, took = timed(source, case.quote)
        times.append(took)
        right += match.span == Span(case.truth.start + shift, case.truth.end + shift)
    return times, right


def report(title: str, source: SourceText, cases: list[Case], clean: list[Case], shift: int) -> None:
    result = accuracy(source, cases, shift)
    n = result.total
    print(f"\n== {title} ({len(source.text):,} characters) ==")
    print(f"perturbed passages:            {n}")
    print(f"  exact span (right passage):  {pct(result.exact, n)}")
    print(f"  span overlap >= 90 %:        {pct(result.close, n)}")
    print(f"  any span (match/suggestion): {pct(result.anchored, n)}")
    for path, count in sorted(result.paths.items()):
        print(f"    {path:<27} {pct(count, n)}")
    print(
        "  exact span by perturbation:  "
        + ", ".join(f"{kind} {100 * right / total:.1f} %" for kind, (right, total) in sorted(result.by_kind.items()))
    )
    if result.scores:
        print(f"  suggestion scores: min {min(result.scores):.1f}, median {statistics.median(result.scores):.1f}")
    times, right = passing_ms(source, clean, shift)
    print(f"exact copies of passages:      {pct(right, len(clean))} found at their span")
    print(f"  ms per passing quote (mean / p95): {ms(times)}")
    print(f"  ms per failing quote (mean / p95): {ms(result.failing_ms)}")
    if times and result.failing_ms:
        ratio = statistics.fmean(result.failing_ms) / statistics.fmean(times)
        print(f"  failing / passing mean cost: {ratio:.1f}x")
    if result.misses and "-v" in sys.argv:
        print("  misses:")
        for case, got in result.misses:
            truth = Span(case.truth.start + shift, case.truth.end + shift)
            print(f"    {case.perturbations} typed={case.quote!r}")
            print(f"      true={source.text[truth.start : truth.end]!r}")
            print(f"      got ={source.text[got.start : got.end]!r}" if got else "      got =None")


def false_suggestions(source: SourceText) -> None:
    suggested, strong, top = 0, 0, 0.0
    times: list[float] = []
    for sentence in NOT_IN_TEXT:
        match, took = timed(source, sentence)
        times.append(took)
        assert match.status == "not_found", sentence
        if match.suggestion is not None:
            suggested += 1
            strong += match.suggestion.score >= 90
            top = max(top, match.suggestion.score)
    print(f"  sentences not in the text:   {len(NOT_IN_TEXT)}")
    print(f"    false suggestion (>= 60):  {pct(suggested, len(NOT_IN_TEXT))}; >= 90: {strong}; top score {top:.1f}")
    scores = (
        [fuzz.partial_ratio(normalise(s), source.folded.text) for s in NOT_IN_TEXT[:10]]
        if len(source.text) < 100_000
        else []
    )
    if scores:
        print(f"    (rapidfuzz partial_ratio of the first 10: max {max(scores):.1f})")
    print(f"    ms per quote (mean / p95): {ms(times)}  (the path of a map quoting the wrong source)")


def synthetic_source(rng: random.Random, text: str, tokens: list[Span], size: int) -> tuple[str, int]:
    """~size characters of seeded word salad from the op-ed's words, the op-ed once inside."""
    words = [text[t.start : t.end] for t in tokens]
    paragraphs: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    middle = len(paragraphs) // 2
    before = "\n\n".join(paragraphs[:middle]) + "\n\n"
    return before + text + "\n\n" + "\n\n".join(paragraphs[middle:]), len(before)


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "400"))
    rng = random.Random(SEED)
    text = OPED.read_text(encoding="utf-8")
    tokens = body_tokens(text)
    cases = [make_case(rng, text, tokens) for _ in range(n)]
    clean = [exact_case(rng, text, tokens) for _ in range(n)]
    kinds: dict[str, int] = {}
    for case in cases:
        for kind in case.perturbations:
            kinds[kind] = kinds.get(kind, 0) + 1
    print(f"seed {SEED}; perturbations used: {dict(sorted(kinds.items()))}")

    began = time.perf_counter()
    source = SourceText(text)
    source.folded  # noqa: B018 - build the lazy structures outside the timed calls
    print(f"op-ed: normalised form + index map built in {(time.perf_counter() - began) * 1000:.2f} ms")
    report("op-ed", source, cases, clean, 0)
    false_suggestions(source)

    big_text, shift = synthetic_source(rng, text, tokens, 1_000_000)
    big = SourceText(big_text)
    began = time.perf_counter()
    big.folded  # noqa: B018
    folded_ms = (time.perf_counter() - began) * 1000
    began = time.perf_counter()
    big.index  # noqa: B018
    index_ms = (time.perf_counter() - began) * 1000
    print(f"\nsynthetic source: normalised form {folded_ms:.0f} ms, word index {index_ms:.0f} ms (once per source)")
    report("synthetic ~1 MB source", big, cases, clean, shift)
    false_suggestions(big)
    scan = []
    for case in cases[:10]:
        began = time.perf_counter()
        fuzz.partial_ratio_alignment(normalise(case.quote).strip(), big.folded.text)
        scan.append((time.perf_counter() - began) * 1000)
    print(f"  for contrast, one unbounded rapidfuzz scan of the whole text: {ms(scan)}")
    scaling(rng, text, tokens, cases[:100], clean[:100])


def scaling(rng: random.Random, text: str, tokens: list[Span], cases: list[Case], clean: list[Case]) -> None:
    """Cost by source size: passing quotes scan the text; the suggestion path is bounded."""
    print("\n== cost by source size (100 passages each; ms mean per quote) ==")
    print("  characters   passing   failing   not in text   failing/passing")
    for size in (100_000, 250_000, 1_000_000, 4_000_000):
        big_text, _shift = synthetic_source(rng, text, tokens, size)
        source = SourceText(big_text)
        source.index  # noqa: B018 - built once per source, outside the timed calls
        passing = statistics.fmean(timed(source, case.quote)[1] for case in clean)
        failing = [took for match, took in (timed(source, case.quote) for case in cases) if match.status == "not_found"]
        absent = statistics.fmean(timed(source, sentence)[1] for sentence in NOT_IN_TEXT)
        mean = statistics.fmean(failing)
        print(f"  {len(big_text):>10,}   {passing:7.3f}   {mean:7.3f}   {absent:11.3f}   {mean / passing:8.1f}x")


if __name__ == "__main__":
    main()
