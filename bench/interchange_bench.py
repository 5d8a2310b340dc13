"""Measure AIF import and AIF/Argdown export on a debate the size of QT30's largest maps.

Method (fixed seed, so every run builds the same file; timings vary with the machine):

* **Input.** A synthetic AIFdb file of a debate without its text: N locutions by four speakers
  with one-second timestamps, each asserting its own I-node through a YA; about one claim in
  twelve said by nobody (implicit); each claim after the first supported by an earlier claim
  (RA) or attacking one (CA) in a 2:1 ratio, except every 25th claim, which argues nothing
  (so the map is a debate with many top claims); every tenth RA undercut by a later claim; every
  seventh locution a repeated phrase ("I agree.", "That's not true.") so quotes need
  `occurrence`. QT30's largest maps have a few thousand nodes; N=1500 gives about 5,900.
* **Stages.** Best of 3 wall-clock runs of: reading the JSON into the graph (`parse_aif_text`);
  building the map and transcript (`import_graph`); `argmap check` of the written map
  (`check_map`: every quote anchored); `argmap export --format aif` and `--format argdown` of
  it (from the export document). Peak memory of one import (tracemalloc).

Run from the repository root:  PYTHONPATH=src python bench/interchange_bench.py [N]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from argmap.check.pipeline import check_map
from argmap.readers.aif import import_graph
from argmap.readers.aif_json import parse_aif_text
from argmap.writers.aif import aif_dict
from argmap.writers.argdown import to_argdown
from argmap.writers.export_json import export_dict

SPEAKERS = ["Host", "Minister", "Shadow Minister", "Audience member"]
WORDS = ["schools", "funding", "class", "sizes", "teachers", "record", "pupils", "money", "classrooms", "budget"]


def debate(count: int, seed: int = 16) -> str:
    rng = random.Random(seed)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []

    def node(type_: str, text: str) -> str:
        nodes.append({"nodeID": str(len(nodes) + 1), "text": text, "type": type_, "timestamp": ""})
        return str(len(nodes))

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None})

    claims, supports = [], []
    for index in range(count):
        claim = node("I", " ".join(rng.choices(WORDS, k=8)) + f" {index}")
        claims.append(claim)
        if index % 12 != 5:
            words = (
                rng.choice(["I agree.", "That’s not true."]) if index % 7 == 3 else " ".join(rng.choices(WORDS, k=10))
            )
            said = node("L", f"{rng.choice(SPEAKERS)} : {words}")
            locutions.append(
                {
                    "nodeID": said,
                    "personID": "1",
                    "timestamp": f"2024-01-01 {index // 3600:02d}:{index // 60 % 60:02d}:{index % 60:02d}",
                }
            )
            assertion = node("YA", "Asserting")
            edge(said, assertion)
            edge(assertion, claim)
        if index % 25 == 0:
            continue  # a claim nobody argues with, or another speaker's top claim
        target = claims[rng.randrange(index)]
        s_node = node("RA" if index % 3 else "CA", "Default Inference" if index % 3 else "Default Conflict")
        edge(claim, s_node)
        edge(s_node, target)
        if index % 3:
            supports.append(s_node)
        if index % 10 == 0 and supports:
            undercut = node("CA", "Default Conflict")
            edge(claim, undercut)
            edge(undercut, supports[len(supports) // 2])
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": locutions})


def best(function: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main(count: int) -> None:
    text = debate(count)
    graph = parse_aif_text(text)
    print(f"input: {len(graph.nodes):,} nodes, {len(graph.edges):,} edges, {len(text):,} bytes of JSON")
    print(f"parse JSON into the graph      {best(lambda: parse_aif_text(text)):8.1f} ms")
    imported = import_graph(graph, source_name="map.transcript.txt", title="bench")
    print(
        f"build map and transcript       {best(lambda: import_graph(graph, source_name='map.transcript.txt', title='bench')):8.1f} ms"
    )
    tracemalloc.start()
    import_graph(parse_aif_text(text), source_name="map.transcript.txt", title="bench")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak memory of one import      {peak / 2**20:8.1f} MiB")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text("")
        (root / "map.transcript.txt").write_text(imported.source_text, encoding="utf-8")
        (root / "map.yaml").write_text(
            yaml.safe_dump(imported.map, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        result = check_map(root / "map.yaml")
        print(
            f"claims {len(imported.map['claims']):,}, shape {imported.map.get('shape', 'article')}, "
            f"problems found by check: {len(result.problems)}"
        )
        print(f"check the imported map         {best(lambda: check_map(root / 'map.yaml')):8.1f} ms")
        assert result.resolved is not None
        document = export_dict(result.resolved)
        print(f"export --format aif            {best(lambda: aif_dict(document)):8.1f} ms")
        print(f"export --format argdown        {best(lambda: to_argdown(document)):8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1500)
