"""The pre-commit hook, exercised as a course repository would use it (`pre-commit try-repo`).

pre-commit installs argmap from this repository into its own environment the first
time (a minute; cached in ~/.cache/argmap-tests/pre-commit afterwards).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import MINIMAL_MAP, OPED, ROOT

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "argmap-tests" / "pre-commit"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=course", "-c", "user.email=course@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def course_repo(tmp_path: Path) -> Path:
    """A course repository: the op-ed under seeds/, a map under arguments/, committed."""
    repo = tmp_path / "course"
    (repo / "seeds").mkdir(parents=True)
    (repo / "arguments").mkdir()
    shutil.copyfile(OPED, repo / "seeds" / "oped.txt")
    (repo / "arguments" / "map.yaml").write_text(MINIMAL_MAP)
    (repo / "notes.yaml").write_text("not: a map\n")  # outside arguments/: the hook must not read it
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "course")
    return repo


def try_repo(repo: Path, hook: str) -> subprocess.CompletedProcess[str]:
    if not Path(PRE_COMMIT).exists():
        pytest.fail("pre-commit is a test dependency (pip install -e '.[test]')")
    env = {**os.environ, "PRE_COMMIT_HOME": str(CACHE), "NO_COLOR": "1"}
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


def test_the_hook_passes_a_clean_map(course_repo: Path) -> None:
    done = try_repo(course_repo, "argmap-check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "argmap check" in done.stdout and "Passed" in done.stdout


def test_the_hook_fails_a_broken_map_and_says_where(course_repo: Path) -> None:
    (course_repo / "arguments" / "map.yaml").write_text(MINIMAL_MAP.replace("supports: T1", "supports: T9"))
    git(course_repo, "add", ".")
    done = try_repo(course_repo, "argmap-check")
    assert done.returncode == 1
    assert "arguments/map.yaml:14:15: error AM301 no claim has the id `T9`" in done.stdout


def test_an_overlay_is_checked_with_its_base(course_repo: Path) -> None:
    (course_repo / "arguments" / "student.yaml").write_text(
        "argmap: 1\nextends: map.yaml\nadded_by: a student\nclaims:\n"
        "  - id: S1\n    kind: objection\n    text: Praise is diplomacy.\n    attacks: P1\n"
    )
    git(course_repo, "add", ".")
    done = try_repo(course_repo, "argmap-check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_coverage_hook_holds_the_configured_minimum(course_repo: Path) -> None:
    (course_repo / ".argmap.toml").write_text("coverage-min = 90\n")
    git(course_repo, "add", ".")
    done = try_repo(course_repo, "argmap-coverage")
    assert done.returncode == 1
    assert "sentence coverage 4.7 % (minimum 90 %): below the minimum" in done.stdout
