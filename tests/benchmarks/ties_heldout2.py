"""Texts of the second held-out tie set (``tests/data/ties_heldout2.jsonl``).

The 44 texts are news stories of the Lee et al. (2005) document-similarity corpus (ABC,
Australian Broadcasting Corporation, news mail service, late 2001 / 2002), shipped as test data
inside the ``gensim`` package (``gensim/test/test_data/lee_background.cor`` and ``lee.cor``,
one story a line). They are copyrighted news, so the repository keeps only the annotations
(with short evidence excerpts), the line numbers and a SHA-256 of each line; the text is read
from a gensim 4.4.0 wheel or installation at evaluation time::

    pip download --no-deps --only-binary :all: gensim==4.4.0 -d /tmp/gensim_whl
    PYTHONPATH=$PWD python tests/benchmarks/eval_ties.py --set held2 \\
        --source /tmp/gensim_whl/gensim-4.4.0-*.whl

``--source`` may also be a directory holding ``lee_background.cor`` and ``lee.cor``; without it
the environment variable ``RK_LEE_CORPUS`` and then an installed ``gensim`` are tried.
"""

from __future__ import annotations

import glob
import hashlib
import importlib.util
import json
import os
import re
import zipfile
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "ties_heldout2.jsonl"
_FILES = ("lee_background.cor", "lee.cor")


def _read_corpus(source: str | None) -> dict[str, list[str]]:
    cands = [source, os.environ.get("RK_LEE_CORPUS")]
    spec = importlib.util.find_spec("gensim")
    if spec is not None and spec.origin:
        cands.append(str(Path(spec.origin).parent / "test" / "test_data"))
    for c in cands:
        if not c:
            continue
        hits = glob.glob(c)
        path = Path(hits[0]) if hits else Path(c)
        if path.is_file() and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                return {f: z.read(f"gensim/test/test_data/{f}").decode("latin-1").split("\n") for f in _FILES}
        if path.is_dir() and all((path / f).exists() for f in _FILES):
            return {f: (path / f).read_text(encoding="latin-1").split("\n") for f in _FILES}
    raise SystemExit("held2 needs the Lee corpus from gensim 4.4.0: give --source WHEEL_OR_DIR "
                     "(pip download --no-deps --only-binary :all: gensim==4.4.0 -d DIR) "
                     "or set RK_LEE_CORPUS")


def load_heldout2_texts(source: str | None = None) -> dict[str, dict]:
    """id -> {text, date} for every article of ``ties_heldout2.jsonl``, checked by SHA-256."""
    corpus = _read_corpus(source)
    out: dict[str, dict] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        m = re.search(r"test_data/(\S+) line (\d+)", r["source_file"])
        assert m, r["id"]
        text = corpus[m.group(1)][int(m.group(2)) - 1].strip()
        if hashlib.sha256(text.encode()).hexdigest() != r["sha256"]:
            raise SystemExit(f"held2: text of {r['id']} differs from the annotated one (wrong gensim version?)")
        out[r["id"]] = {"text": text, "date": None}
    return out
