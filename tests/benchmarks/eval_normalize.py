"""normalize() on name-variant lists: share mapped to the expected ISO3, and false matches on negatives.

Run from the repository root (not collected by pytest)::

    PYTHONPATH=$PWD python tests/benchmarks/eval_normalize.py

Lists: ``tests/data/name_variants.tsv`` (ours), ``tests/data/name_variants_issue10.tsv`` (World Bank,
UN M49, former names, abbreviations, exonyms, mojibake), country_converter's own ``name_short`` and
``name_official`` columns (rows with an ISO 3166 code; when country_converter is installed), and the
negatives ``tests/data/should_not_match.txt`` + ``should_not_match_issue10.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import regionkit as rk  # noqa: E402

TESTDATA = ROOT / "tests" / "data"


def _pairs(name: str) -> list[tuple[str, str]]:
    lines = (TESTDATA / name).read_text(encoding="utf-8").splitlines()
    return [(a, b.strip()) for a, b in (line.split("\t") for line in lines if line and not line.startswith("#"))]


def _coco() -> list[tuple[str, str]]:
    try:
        import country_converter
        import pandas as pd
    except ImportError:
        return []
    path = Path(country_converter.__file__).parent / "country_data.tsv"
    data = pd.read_csv(path, sep="\t", keep_default_na=False, dtype=str)
    known = set(rk.normalize(list(data["ISO3"])).dropna())
    rows = [(n, c) for col in ("name_short", "name_official") for n, c in zip(data[col], data["ISO3"]) if n and c in known]
    return list(dict.fromkeys(rows))


def main() -> None:
    lists = {"ours (name_variants.tsv)": _pairs("name_variants.tsv"),
             "issue 10 (name_variants_issue10.tsv)": _pairs("name_variants_issue10.tsv"),
             "country_converter names": _coco()}
    total = ok_total = 0
    for label, pairs in lists.items():
        if not pairs:
            continue
        got = rk.normalize([n for n, _ in pairs]).tolist()
        misses = [(n, c, g) for (n, c), g in zip(pairs, got) if g is pd.NA or g != c]
        ok = len(pairs) - len(misses)
        total, ok_total = total + len(pairs), ok_total + ok
        print(f"{label:40s} {ok:4d}/{len(pairs):4d} = {ok / len(pairs):.2%}   misses: {misses[:8]}")
    print(f"{'all lists':40s} {ok_total:4d}/{total:4d} = {ok_total / total:.2%}")
    negatives = []
    for name in ("should_not_match.txt", "should_not_match_issue10.txt"):
        negatives += [line.strip() for line in (TESTDATA / name).read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#")]
    false = [(n, rk.normalize(n)) for n in negatives if rk.normalize(n) is not None]
    print(f"{'negatives (must stay NA)':40s} {len(negatives) - len(false):4d}/{len(negatives):4d} NA   false: {false}")


if __name__ == "__main__":
    main()
