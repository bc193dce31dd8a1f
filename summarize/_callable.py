"""Modules that can be called like the API function of the same name.

``summarize.clean`` and ``summarize.rank`` are modules (pipeline stages) and public API
functions at once: importing a submodule always sets it as an attribute of its package, so
the module itself is made callable (``summarize.clean(text)`` is ``summarize.api.clean(text)``).
"""

from __future__ import annotations

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from summarize import api

        return getattr(api, self.__name__.rsplit(".", 1)[1])(*args, **kwargs)


def make_callable(module_name: str) -> None:
    """Let ``module_name`` (``summarize.NAME``) be called as ``summarize.api.NAME``."""
    sys.modules[module_name].__class__ = _CallableModule
