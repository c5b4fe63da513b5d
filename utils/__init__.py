"""Shared helpers of the nndl course. Every notebook imports them the same way:

    from utils import load_dataset, load_image

Names are loaded on first use (PEP 562), so `utils.checks` or `utils.plaindata` can be
imported without pulling in h5py or Pillow.
"""
import importlib

_EXPORTS = {
    "DatasetError": "utils.data",
    "data_dir": "utils.data",
    "load_dataset": "utils.data",
    "load_image": "utils.data",
    "load_extra_datasets": "utils.planar",
    "load_planar_dataset": "utils.planar",
    "plot_decision_boundary": "utils.plots",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'utils' has no attribute {name!r}")
