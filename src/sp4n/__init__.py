"""sp4n — the rules of SP4N-LAPOR!, Indonesia's national complaint-management standard."""

from importlib.metadata import version as _version

__version__ = _version("sp4n")
