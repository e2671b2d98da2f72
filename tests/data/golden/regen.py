"""Regenerate the golden mention tables that ``tests/test_golden.py`` compares against.

Run from the repository root, with the checkout first on the path::

    PYTHONPATH=$PWD /work/main/.venv/bin/python tests/data/golden/regen.py

Only do this when a change is *meant* to alter the output (a new rule, a new
column, new gazetteer rows). Commit the regenerated files together with that change
and say in the commit message which rows changed and why; ``git diff`` on the CSVs
shows them row by row.

Files (UTF-8 CSV, one row per mention, every column of ``extract_mentions``):

``demo.csv``     ``rk.extract_mentions(rk.read_articles("data/articles"))`` - the
                 bundled demo corpus (the seed page and demo_articles.jsonl)
``dev.csv``      the eleven hand-annotated dev texts of ``tests/data/dev_gold.jsonl``
                 (a DataFrame with ``article_id`` = the record's ``id``)
``seed.csv``     the seed page read as a plain string (``article_id`` "0")
``normalize.csv`` ``rk.normalize`` of every surface/name in ``data/gazetteer/*.csv`` and every line of
                 ``tests/data/name_variants.tsv`` and ``tests/data/name_variants_issue10.tsv``, with and without
                 demonyms
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TESTDATA = ROOT / "tests" / "data"


def golden_tables() -> dict[str, "object"]:
    """Compute every golden table from the current code; ``{file name: DataFrame}``."""
    import pandas as pd

    import regionkit as rk

    seed = ROOT / "data" / "articles" / "000_882ee92918b85e76.txt"
    dev = [json.loads(line) for line in (TESTDATA / "dev_gold.jsonl").read_text(encoding="utf-8").splitlines()
           if line.strip()]
    dev_frame = pd.DataFrame({"article_id": [d["id"] for d in dev], "text": [d["text"] for d in dev]})
    tables = {
        "demo.csv": rk.extract_mentions(rk.read_articles(ROOT / "data" / "articles")),
        "dev.csv": rk.extract_mentions(dev_frame),
        "seed.csv": rk.extract_mentions(seed.read_text(encoding="utf-8")),
    }
    names: list[str] = []
    for csv in sorted((ROOT / "data" / "gazetteer").glob("*.csv")):
        table = pd.read_csv(csv, dtype=str, keep_default_na=False)
        for col in ("surface", "name", "official_name"):
            if col in table:
                names += table[col].tolist()
    variants = (TESTDATA / "name_variants.tsv").read_text(encoding="utf-8").splitlines()
    variants += (TESTDATA / "name_variants_issue10.tsv").read_text(encoding="utf-8").splitlines()
    names += [line.split("\t")[0] for line in variants if line.strip() and not line.startswith("#")]
    names = [n for n in names if n]
    names = sorted(set(names))
    tables["normalize.csv"] = pd.DataFrame({
        "value": names,
        "iso3": rk.normalize(names).tolist(),
        "iso3_demonyms": rk.normalize(names, demonyms=True).tolist(),
    })
    return tables


def render(df: "object") -> str:
    """The exact CSV text a golden file holds for ``df`` (NA written as ``<NA>``)."""
    return df.to_csv(index=False, na_rep="<NA>", lineterminator="\n")  # type: ignore[attr-defined]


def main() -> int:
    for name, df in golden_tables().items():
        (HERE / name).write_text(render(df), encoding="utf-8")
        print(f"wrote {HERE / name} ({len(df)} rows)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
