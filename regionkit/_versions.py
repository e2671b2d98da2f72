"""``rk.show_versions()``: what regionkit runs on, and which scan path is active."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

__all__ = ["show_versions"]

_PACKAGES = ("numpy", "pandas", "pyarrow", "ahocorasick_rs", "pyahocorasick", "pycountry", "geopandas", "shapely",
             "matplotlib", "dask", "Cython")


def show_versions(file=None) -> dict[str, str]:
    """Print (and return) the versions regionkit runs with and which extraction path is active.

    The ``scan`` line says ``compiled`` when the Cython kernel (built by
    ``pip install`` when a C compiler is there) is in use, ``pure-python`` when
    the numpy path runs instead (no compiler at install time, or
    ``REGIONKIT_PURE_PYTHON=1``). Both give the same rows.

    Parameters
    ----------
    file
        Where to print (default: standard output); the dict is returned either way.

    Returns
    -------
    dict of str to str
        ``{"regionkit": ..., "python": ..., "platform": ..., "scan": ..., <package>: <version>}``.

    Examples
    --------
    >>> import regionkit as rk
    >>> import io
    >>> info = rk.show_versions(file=io.StringIO())
    >>> info["scan"] in {"compiled", "pure-python"}
    True
    """
    import os

    from regionkit import __version__
    from regionkit._scan_kernel import active_path, kernel

    info = {"regionkit": __version__, "python": sys.version.split()[0], "platform": platform.platform()}
    path = active_path()
    if path == "compiled":
        info["scan"] = "compiled"
        info["scan detail"] = f"Cython kernel {kernel().__file__}"
    else:
        info["scan"] = "pure-python"
        forced = os.environ.get("REGIONKIT_PURE_PYTHON", "") not in ("", "0")
        info["scan detail"] = ("REGIONKIT_PURE_PYTHON is set" if forced else
                               "numpy path (the compiled kernel was not built: no C compiler at install time?)")
    for name in _PACKAGES:
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[name] = "-"
    width = max(map(len, info))
    out = file if file is not None else sys.stdout
    for k, v in info.items():
        print(f"{k:<{width}}  {v}", file=out)
    return info
