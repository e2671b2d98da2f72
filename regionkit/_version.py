"""The installed package's version, read from its metadata (``importlib.metadata``) on first use."""

from __future__ import annotations

from functools import cache

__all__ = ["package_version"]


@cache
def package_version() -> str:
    """``regionkit.__version__``: the version in the installed metadata ("0+unknown" for a bare checkout)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("regionkit")
    except PackageNotFoundError:
        return "0+unknown"
