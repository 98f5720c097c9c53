"""Read the demo's data files (`data/`, YAML) into the frozen shapes of `spec` and `spec_life`.

A file holds a mapping or a list; a folder holds files read in the order of their names and
concatenated (`poles/`, `life/`). YAML anchors and merge keys (`<<:`) spell shared parts once.
Dates are written `2024-03-14`; what depends on the day of loading is written relative to it
(`days_ago`, months `start`/`end`…), see the shapes.
"""

import dataclasses
import types
import typing
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(ValueError):
    """The demo content contradicts itself or its shapes (a bug in the data files)."""


def read(name: str):
    """The content of `data/<name>`: a file, or the items of every file of a folder."""
    path = DATA / name
    if path.is_dir():
        return [
            item for file in sorted(path.glob("*.yaml")) for item in read(f"{name}/{file.name}")
        ]
    with path.open(encoding="utf-8") as file:
        return yaml.load(file, Loader=_LOADER)  # noqa: S506 (a safe loader)


def build(shape, data: dict):
    """`data` as the dataclass `shape`: nested shapes built, lists made tuples."""
    hints = typing.get_type_hints(shape)
    unknown = sorted(set(data) - set(hints))
    if unknown:
        raise ContentError(f"{shape.__name__} : champ(s) inconnu(s) dans les données {unknown}")
    return shape(**{name: _convert(hints[name], value) for name, value in data.items()})


def _convert(hint, value):
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if value is None:
        return None
    if origin in (typing.Union, types.UnionType):
        return _convert(next(arg for arg in args if arg is not type(None)), value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple(_convert(args[0], item) for item in value)
    if origin is tuple:
        return tuple(_convert(arg, item) for arg, item in zip(args, value, strict=True))
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return build(hint, value)
    return value
