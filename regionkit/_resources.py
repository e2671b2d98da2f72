"""Locate the data files that ship with regionkit.

The top-level ``data/`` folder of the repository is copied into the wheel as
``regionkit/data``. An editable install or a plain checkout has no such folder,
so we fall back to the checkout's ``data/``. ``REGIONKIT_DATA`` overrides both.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["data_path"]


@cache
def _data_root() -> Path:
    env = os.environ.get("REGIONKIT_DATA")
    if env:
        return Path(env)
    from importlib.resources import files

    installed = Path(str(files("regionkit"))) / "data"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[1] / "data"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        "regionkit's data folder is missing: reinstall regionkit or set REGIONKIT_DATA to a copy of data/"
    )


def data_path(*parts: str) -> Path:
    """Return the path of a file shipped in regionkit's ``data/`` folder.

    Parameters
    ----------
    *parts
        Path components below ``data/``, e.g. ``data_path("gazetteer", "aliases.csv")``.

    Returns
    -------
    pathlib.Path
        The absolute path (which may not exist if the name is wrong).
    """
    return _data_root().joinpath(*parts)
