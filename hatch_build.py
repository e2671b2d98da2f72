"""Hatchling build hook: compile regionkit/_kernel.pyx (Cython) when a C compiler is there.

- ``pip install .`` / ``python -m build``: the extension goes into the wheel, which is
  then tagged for this platform (``pure_python = False``).
- ``pip install -e .`` (what ``tasks.py`` runs): the extension is written next to the
  sources (``regionkit/_kernel.<abi>.so``, git-ignored), where the editable install finds it.
- No compiler, no Cython, or ``REGIONKIT_PURE_PYTHON=1`` at build time: a warning, and
  a pure-Python wheel; regionkit then runs its numpy path (same results, slower).

``rk.show_versions()`` says which path is active. Wheels for users without a compiler
are built with cibuildwheel (see the README).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PYX = Path("regionkit") / "_kernel.pyx"


def build_kernel(root: Path, out_dir: Path) -> Path:
    """Compile ``regionkit/_kernel.pyx`` under ``root``; return the path of the built extension in ``out_dir``."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    with tempfile.TemporaryDirectory() as tmp:
        ext = Extension("regionkit._kernel", [str(root / PYX)], extra_compile_args=["-O3"] if os.name != "nt" else [])
        modules = cythonize([ext], build_dir=tmp, quiet=True, language_level=3)
        dist = Distribution({"name": "regionkit-kernel", "ext_modules": modules})
        cmd = dist.get_command_obj("build_ext")
        cmd.build_lib = str(Path(tmp) / "lib")
        cmd.build_temp = str(Path(tmp) / "temp")
        cmd.ensure_finalized()
        cmd.run()
        built = next((Path(tmp) / "lib" / "regionkit").glob("_kernel*"))
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / built.name
        shutil.copy2(built, target)
        return target


class CustomBuildHook(BuildHookInterface):
    """Compile the kernel for wheel and editable builds; fall back to pure Python when that fails."""

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        if os.environ.get("REGIONKIT_PURE_PYTHON") == "1":
            warnings.warn("REGIONKIT_PURE_PYTHON=1: building regionkit without its compiled kernel", stacklevel=1)
            return
        root = Path(self.root)
        try:
            if version == "editable":
                for old in (root / "regionkit").glob("_kernel.*.so"):
                    old.unlink()
                for old in (root / "regionkit").glob("_kernel.*.pyd"):
                    old.unlink()
                build_kernel(root, root / "regionkit")
            else:
                out = Path(self.directory) / "kernel-build"
                built = build_kernel(root, out)
                build_data["force_include"][str(built)] = f"regionkit/{built.name}"
        except Exception as exc:  # noqa: BLE001 - no compiler, no Cython, no headers: the numpy path works everywhere
            print(f"regionkit: compiled kernel not built ({type(exc).__name__}: {exc}); "
                  f"the pure-Python scan will be used", file=sys.stderr)
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
