#!/usr/bin/env python3
"""Quickstart runner: needs only Python 3.11+; creates ``.venv`` and installs what it needs.

    python3 tasks.py demo [OUT]   # run the demo job on data/articles -> tables and figures in OUT (default: out/)
    python3 tasks.py test [ARGS]  # run the whole test suite (pytest, with image comparison on)
    python3 tasks.py lab          # open JupyterLab on notebooks/ with the project's environment
    python3 tasks.py figures      # re-execute the notebooks, refreshing notebooks/figures/
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env(extras: str) -> None:
    """Create .venv and (re)install regionkit with ``extras`` when pyproject.toml changed."""
    if sys.version_info < (3, 11):
        sys.exit(f"regionkit needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"[tasks] creating {VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
        print("[tasks] upgrading pip in it", file=sys.stderr)
        subprocess.run([PY, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    stamp = VENV / f".installed-{extras}"
    # the build inputs: a changed kernel source or build hook rebuilds the compiled kernel too
    digest = hashlib.sha256(b"".join((ROOT / p).read_bytes() for p in ("pyproject.toml", "hatch_build.py",
                                                                       "regionkit/_kernel.pyx") if (ROOT / p).exists())).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"[tasks] installing regionkit[{extras}] and its dependencies into {VENV} "
          "(the first time takes a minute or two; pip says what it is doing below)", file=sys.stderr, flush=True)
    # pip's own lines ("Collecting ...", "Installing collected packages ...") show the progress;
    # its download bars appear when the output is a terminal
    subprocess.run([PY, "-m", "pip", "install", "--progress-bar", "on", "-e", f"{ROOT}[{extras}]"], check=True)
    print(f"[tasks] regionkit[{extras}] installed", file=sys.stderr)
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "lab", "figures"}:
        print(__doc__, file=sys.stderr)
        return 2
    task, rest = argv[0], argv[1:]
    env = {**os.environ, "MPLBACKEND": "Agg"}
    if task == "demo":
        ensure_env("notebooks")
        out = rest[0] if rest else "out"
        return subprocess.call([PY, "-m", "regionkit", "demo", "-o", out], cwd=ROOT, env=env)
    if task == "test":
        ensure_env("all")
        return subprocess.call([PY, "-m", "pytest", "--mpl", *rest], cwd=ROOT, env=env)
    if task == "lab":
        ensure_env("notebooks")
        return subprocess.call([BIN / "jupyter", "lab", "notebooks/"], cwd=ROOT)
    ensure_env("all")
    return subprocess.call([PY, "notebooks/run_notebooks.py"], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
