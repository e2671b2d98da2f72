"""Notebooks are committed in the form JupyterLab writes, so opening one changes nothing (no git diff).

JupyterLab marks a notebook modified when what it would write differs from the file: the
nbformat layout (1-space indent, sorted keys, trailing newline), the minor version, cell ids,
and the kernel's full ``language_info``, which it copies in when the kernel starts. Checked
here with nbformat and a real kernel; tests/test_browser.py also opens them in JupyterLab.
"""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_round_trips_through_nbformat(path):
    import nbformat

    raw = path.read_text(encoding="utf-8")
    nb = nbformat.read(path, as_version=4)
    assert nbformat.writes(nb) + "\n" == raw  # what JupyterLab (nbformat) would write back
    assert (nb.nbformat, nb.nbformat_minor) == (4, nbformat.current_nbformat_minor)
    assert all(c.get("id") for c in nb.cells)
    assert len({c["id"] for c in nb.cells}) == len(nb.cells)
    assert nb.metadata["kernelspec"] == {"display_name": "Python 3 (ipykernel)", "language": "python",
                                         "name": "python3"}


@pytest.fixture(scope="module")
def kernel_language_info():
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        return kc.kernel_info(reply=True, timeout=60)["content"]["language_info"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_carries_the_kernels_language_info(path, kernel_language_info):
    import nbformat

    committed = dict(nbformat.read(path, as_version=4).metadata["language_info"])
    # the Python version is the one the notebooks were saved with (3.11, the project's machine)
    assert committed.pop("version").split(".")[:2] == kernel_language_info["version"].split(".")[:2]
    assert committed == {k: v for k, v in kernel_language_info.items() if k != "version"}
