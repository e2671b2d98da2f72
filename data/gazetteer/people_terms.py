"""Fill the office / term columns of ``people.csv`` from ``data/ties/leaders.csv``.

``data/ties/leaders.csv`` is a verbatim copy of the reference store's sourced, dated office-holders
(``source_url`` per term). A ``people.csv`` row whose surface is a leader's name or alias there gets

* ``office``: the offices held (``head_of_state``, ``head_of_government``, ``foreign_minister``,
  ``special_envoy``), ``;``-separated;
* ``terms``: the dated terms ``start/end`` (``end`` empty: in office as of the source), ``;``-separated,
  in the order of ``office``'s rows (one entry per leaders.csv row);
* ``term_source``: the rows' ``source_url`` values, `` | ``-separated.

Other rows keep these columns empty (no sourced term). Run from the repository root after
``leaders.csv`` changes: ``python data/gazetteer/people_terms.py``; ``tests/test_ties_actors.py``
checks that the two files agree.
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ROOT / "data" / "gazetteer" / "people.csv"
LEADERS = ROOT / "data" / "ties" / "leaders.csv"
COLUMNS = ("office", "terms", "term_source")


def leader_terms() -> dict[tuple[str, str], list[dict[str, str]]]:
    """(surface, iso3) -> the leaders.csv rows of the person that surface names."""
    out: dict[tuple[str, str], list[dict[str, str]]] = {}
    with open(LEADERS, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            names = {r["person"].strip(), *(a.strip() for a in (r["aliases"] or "").split(";") if a.strip())}
            for name in names:
                out.setdefault((name, r["iso3"]), []).append(r)
    return out


def columns_for(surface: str, iso3: str, terms: dict) -> dict[str, str]:
    rows = sorted(terms.get((surface, iso3), []), key=lambda r: (r["start"], r["office"]))
    if len({r["person"] for r in rows}) != 1:
        return dict.fromkeys(COLUMNS, "")  # unknown, or a surface two leaders share
    return {"office": ";".join(r["office"] for r in rows),
            "terms": ";".join(f"{r['start']}/{r['end']}" for r in rows),
            "term_source": " | ".join(r["source_url"] for r in rows)}


def main() -> None:
    with open(PEOPLE, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = [f for f in reader.fieldnames or [] if f not in COLUMNS]
        rows = list(reader)
    terms = leader_terms()
    with open(PEOPLE, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, [*fields, *COLUMNS], lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({**{f: r[f] for f in fields}, **columns_for(r["surface"], r["iso3"], terms)})


if __name__ == "__main__":
    main()
