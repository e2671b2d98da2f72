"""The cue table: words that name a relation (``data/ties/cues.csv``).

A cue only names the relation; who the parties are is read from the cue's
arguments (:mod:`regionkit.ties._reading`). A row's ``role`` changes how its
arguments are read: ``host`` ("X hosted A and B": X mediates between two
guests, meets one or each of three or more), ``accords`` ("X joined the Abraham
Accords": X and Israel, TIES.md §3), ``each`` ("X balances relations between
A, B and C": X with each listed party, the parties never with each other),
``visit`` ("X arrived in Moscow", "X travelled to Baku": the place after the
cue is the state visited, not a venue; travellers that are not envoys —
troops, refugees, tourists — give nothing).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pandas as pd

from regionkit._resources import data_path
from regionkit.ties._common import _S, CUE_RELATIONS
from regionkit.ties._status import _is_negated  # noqa: F401  (re-exported for tests and users)

ROLES = ("", "host", "accords", "each", "visit")
Cue = tuple[str, str, str, str, str]  # relation, pattern, role, example, note


def _row(r: dict) -> Cue:
    def get(key: str) -> str:
        v = r.get(key)
        return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)

    return (get("relation"), get("pattern"), get("role"), get("example"), get("note"))


def _read_cues(source: str | Path | pd.DataFrame) -> tuple[Cue, ...]:
    """Read and check a cue table (path or DataFrame with ``relation, pattern`` [``role, example, note``])."""
    if isinstance(source, pd.DataFrame):
        missing = {"relation", "pattern"} - set(source.columns)
        if missing:
            raise ValueError(f"cue table needs columns relation, pattern; missing: {', '.join(sorted(missing))}")
        rows = [_row(r) for r in source.to_dict("records")]
    else:
        with open(source, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = {"relation", "pattern"} - set(reader.fieldnames or ())
            if missing:
                raise ValueError(f"cue table {source} needs columns relation, pattern; missing: {', '.join(sorted(missing))}")
            rows = [_row(r) for r in reader]
    bad = sorted({r[0] for r in rows if r[0] not in CUE_RELATIONS})
    if bad:
        raise ValueError(f"unknown relation {', '.join(map(repr, bad))} in cue table; valid relations: {', '.join(CUE_RELATIONS)}")
    bad = sorted({r[2] for r in rows if r[2] not in ROLES})
    if bad:
        raise ValueError(f"unknown cue role {', '.join(map(repr, bad))}; valid roles: (empty), host, accords, each, visit")
    for relation, pattern, *_ in rows:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"bad cue pattern for {relation} {pattern!r}: {exc}") from None
    return tuple(rows)


#: The shipped cue table, ``data/ties/cues.csv``: tuples ``(relation, pattern, role,
#: example, note)``. A pattern is a Python regular expression matched
#: case-insensitively at a word start; ``(?-i:...)`` marks a case-sensitive part.
CUE_TABLE: tuple[Cue, ...] = _read_cues(data_path("ties", "cues.csv"))


def cue_table() -> pd.DataFrame:
    """Return the cue words that name a tie's relation, as a DataFrame.

    Returns
    -------
    pandas.DataFrame
        Columns ``relation, pattern, role, example, note``: one regular
        expression per row (matched case-insensitively at a word start).
        ``role`` is empty, ``host`` or ``accords`` (see
        :func:`regionkit.extract_ties`). ``example`` is a real phrase the
        pattern matches. Pass an edited copy to ``extract_ties(..., cues=...)``.
    """
    return pd.DataFrame(list(CUE_TABLE), columns=["relation", "pattern", "role", "example", "note"]).astype(_S)


def _fold(pattern: str) -> str:
    """Lower-case the literal letters of a pattern (escapes such as ``\\S`` or ``\\W`` kept as written)."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
            continue
        out.append(c.lower())
        i += 1
    return "".join(out)


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping every character in place (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or ``None`` when that is not a short known set."""
    try:
        from re import _constants as C  # type: ignore[attr-defined]
        from re import _parser as P  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        return None

    def first(items) -> set[str] | None:
        out: set[str] = set()
        for op, av in items:
            if op is C.LITERAL:
                return out | {chr(av)}
            if op is C.IN:
                for o2, a2 in av:
                    if o2 is C.LITERAL:
                        out.add(chr(a2))
                    elif o2 is C.RANGE and a2[1] - a2[0] < 64:
                        out.update(chr(c) for c in range(a2[0], a2[1] + 1))
                    else:
                        return None
                return out
            if op is C.BRANCH:
                for branch in av[1]:
                    f = first(list(branch))
                    if f is None:
                        return None
                    out |= f
                return out
            if op is C.SUBPATTERN:
                f = first(list(av[-1]))
                return None if f is None else out | f
            if op in (C.MAX_REPEAT, C.MIN_REPEAT):
                f = first(list(av[2]))
                if f is None:
                    return None
                out |= f
                if av[0] == 0:
                    continue  # optional: what follows may start the match too
                return out
            if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue
            return None
        return None

    try:
        found = first(list(P.parse(pattern)))
    except Exception:  # noqa: BLE001 - an unusual pattern just goes unindexed
        return None
    return frozenset(found) if found else None


def _dispatch(branches: list[tuple[int, str]]) -> str:
    """One alternation of ``(?P<c{i}_{k}>pattern)`` branches, grouped by their possible first character.

    At a word start only the branches that can start with its character are
    tried, in table order, so the first branch that matches is the same as in
    the plain alternation (about twice as fast on news text).
    """
    by_char: dict[str, list[tuple[int, str]]] = {}
    rest: list[tuple[int, str]] = []
    for i, pattern in branches:
        chars = _first_chars(pattern)
        if chars is None:
            rest.append((i, pattern))
        else:
            for ch in chars:
                by_char.setdefault(ch, []).append((i, pattern))
    if rest:  # a branch that may start with any character keeps the plain alternation (order matters)
        return "|".join(f"(?P<c{i}_0>{p})" for i, p in branches)
    parts = []
    for k, ch in enumerate(sorted(by_char)):
        alts = "|".join(f"(?P<c{i}_{k}>{p})" for i, p in by_char[ch])
        parts.append(f"(?={re.escape(ch)})(?:{alts})")
    return "|".join(parts)


class CueScanner:
    """Finds the cues of a table in a sentence: ``scan(text)`` gives ``(start, end, relation, role)``.

    Case-insensitive matching is done on the lower-cased sentence with the
    patterns' letters folded (much faster than ``re.IGNORECASE``); the few
    patterns with a case-sensitive part (``(?-i:...)``) run case-insensitively on
    the sentence as written.
    """

    def __init__(self, cues: tuple[Cue, ...]):
        fast: list[tuple[int, str]] = []
        slow, hints = [], []
        self.meta: dict[str, tuple[str, str]] = {}
        for i, (relation, pattern, role, _, _) in enumerate(cues):
            self.meta[f"c{i}"] = (relation, role)
            if "(?-i" in pattern:
                slow.append(f"(?P<c{i}>{pattern})")
                lead = re.match(r"[A-Za-z]{3,}", pattern)
                hints.append(lead.group().lower() if lead else "")
            else:
                fast.append((i, _fold(pattern)))
        self.fast = re.compile(r"\b(?=\w)(?:" + _dispatch(fast) + ")") if fast else None
        if self.fast is not None:  # the dispatch copies a branch under each first character: c{i}_{k} -> c{i}
            for name in self.fast.groupindex:
                if "_" in name and name.startswith("c"):
                    self.meta[name] = self.meta[name.split("_")[0]]
        self.slow = re.compile(r"\b(?:" + "|".join(slow) + ")", re.IGNORECASE) if slow else None
        # the slow scan runs only when the sentence holds the literal start of one of its patterns
        self.hints = None if "" in hints else tuple(hints)

    def scan(self, text: str) -> list[tuple[int, int, str, str]]:
        found = []
        low = lower_same_length(text)
        if self.fast is not None:
            found += [(m.start(), m.end(), m.lastgroup) for m in self.fast.finditer(low)]
        if self.slow is not None and (self.hints is None or any(h in low for h in self.hints)):
            found += [(m.start(), m.end(), m.lastgroup) for m in self.slow.finditer(text)]
        found.sort(key=lambda f: (f[0], int(f[2][1:].split("_")[0])))
        out, end = [], -1
        for s, e, g in found:
            if s >= end:
                out.append((s, e, *self.meta[g]))
                end = e
        return out


@cache
def _compiled(cues: tuple[Cue, ...]) -> CueScanner:
    """The scanner for a cue table (cached per table)."""
    return CueScanner(cues)
