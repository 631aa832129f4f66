"""Tests of the public surface: __all__ sorted, complete and importable; py.typed shipped."""

import importlib
import inspect
from importlib import resources

import sp4n

PUBLIC_MODULES = (
    "sp4n.errors",
    "sp4n.vocabulary",
    "sp4n.rulebook",
    "sp4n.models",
    "sp4n.schema",
    "sp4n.competence",
    "sp4n.hierarchy",
    "sp4n.scoring",
    "sp4n.workdays",
    "sp4n.sla",
    "sp4n.open311",
    "sp4n.lifecycle",
    "sp4n.privacy",
    "sp4n.audit",
    "sp4n.monev",
)


def _isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions and the rest.
    group = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return group, name


def test_all_is_sorted_and_unique() -> None:
    """`sp4n.__all__` is sorted (constants, classes, then the rest) with no duplicates."""
    assert list(sp4n.__all__) == sorted(set(sp4n.__all__), key=_isort_key)


def test_all_names_import() -> None:
    """Every name in `__all__` exists on the package."""
    for name in sp4n.__all__:
        assert hasattr(sp4n, name), name


def test_public_classes_of_core_modules_are_exported() -> None:
    """Each public class of the core modules is re-exported (perhaps renamed) from `sp4n`."""
    exported = {id(getattr(sp4n, name)) for name in sp4n.__all__}
    missing = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            defined_here = getattr(obj, "__module__", "").startswith(module_name)
            protocol = getattr(obj, "_is_protocol", False)  # structural types stay in their module
            if inspect.isclass(obj) and defined_here and not protocol and id(obj) not in exported:
                missing.append(f"{module_name}.{name}")
    assert missing == []


def test_py_typed_and_data_ship_with_the_package() -> None:
    """The typing marker, the rulebook and the region data are package data."""
    root = resources.files("sp4n")
    for path in ("py.typed", "data/rulebook.json", "data/regions/SOURCE.md", "data/competence.csv"):
        assert root.joinpath(path).is_file(), path


def test_version_is_set() -> None:
    """The version comes from the installed metadata."""
    assert sp4n.__version__.count(".") >= 2
