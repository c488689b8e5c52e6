"""Where the shipped data files live, from a checkout and from an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def styles_dir() -> Path:
    """The folder holding every .tcss file.

    An installed wheel carries them inside the package (`blamefree/styles`); a source
    checkout keeps them at the top level (`styles/`), two folders above `src/blamefree`.
    """
    inside = _PACKAGE_DIR / "styles"
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent.parent / "styles"


def stylesheet(name: str) -> Path:
    """The path of one stylesheet, e.g. `stylesheet("app.tcss")`."""
    return styles_dir() / name


def data_file(name: str) -> Path:
    """A data file shipped inside the package (rules, word lists)."""
    return _PACKAGE_DIR / "data" / name
