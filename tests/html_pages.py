"""Pages for the HTML tests: the flagship's, and a hostile map's whose every text tries to run."""

from __future__ import annotations

from pathlib import Path

HOSTILE_TEXT = '<img src=x onerror="window.__argmapRan=1">'
HOSTILE_SOURCE = (
    "Breaking news </script><script>window.__argmapRan=2</script> & more.\n\n"
    'The minister said "<b onmouseover=alert(1)>bold</b>" twice. Nothing else happened.\n'
)
HOSTILE_MAP = f"""\
argmap: 1
title: '{HOSTILE_TEXT}'
sources:
  - id: s1
    path: ../seeds/hostile.txt
    title: '</title><script>window.__argmapRan=3</script>'
    author: '"><svg onload=alert(1)>'
groups:
  g1:
    label: '<iframe src=javascript:alert(1)>'
claims:
  - id: T1
    kind: thesis
    text: '{HOSTILE_TEXT}'
    quote: '</script><script>window.__argmapRan=2</script>'
    group: g1
  - id: P1
    kind: premise
    text: '</script><script>window.__argmapRan=4</script>'
    quote: '<b onmouseover=alert(1)>bold</b>'
    supports: T1
"""


def hostile_map(project: Path) -> Path:
    (project / "seeds" / "hostile.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    path = project / "arguments" / "hostile.yaml"
    path.write_text(HOSTILE_MAP, encoding="utf-8")
    return path
