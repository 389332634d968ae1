"""A griffe extension: show `**options: Unpack[SomeTypedDict]` as the keyword arguments
it stands for, so the API reference's signatures name them (`catalog=None, limit=None`)
and the docstrings' `Args:` match the signature.

A docstring that documents `**options` itself keeps it. A Google-style `Args:` entry
naming several arguments at once (`q, catalog: As in search.`) becomes one entry each.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

GROUPED_ARGS = re.compile(
    r"^(?P<indent>[ \t]+)(?P<names>\w+(?:, \w+)+): (?P<text>.*)$", re.MULTILINE
)


class UnpackTypedDict(griffe.Extension):
    """Replace each `**kwargs: Unpack[TD]` parameter by TD's fields, keyword-only."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        for function in _functions(pkg):
            _expand(function, loader)


def _functions(obj: griffe.Object) -> list[griffe.Function]:
    found: list[griffe.Function] = []
    for member in obj.members.values():
        if member.is_alias:
            continue
        if isinstance(member, griffe.Function):
            found.append(member)
        elif isinstance(member, griffe.Module | griffe.Class):
            found.extend(_functions(member))
    return found


def _expand(function: griffe.Function, loader: griffe.GriffeLoader) -> None:
    params = list(function.parameters)
    if not params or params[-1].kind is not griffe.ParameterKind.var_keyword:
        return
    annotation = params[-1].annotation
    if not isinstance(annotation, griffe.ExprSubscript) or annotation.canonical_name != "Unpack":
        return
    docstring = function.docstring
    if docstring is None or f"**{params[-1].name}" in docstring.value:
        return
    docstring.value = GROUPED_ARGS.sub(
        lambda m: "\n".join(f"{m['indent']}{n}: {m['text']}" for n in m["names"].split(", ")),
        docstring.value,
    )
    typed_dict = loader.modules_collection.get_member(str(annotation.slice.canonical_path))
    fields: list[griffe.Parameter] = []
    for cls in [typed_dict, *typed_dict.mro()][::-1]:  # base fields first
        for name, member in cls.members.items():
            public = isinstance(member, griffe.Attribute) and not name.startswith("_")
            if public and all(field.name != name for field in fields):
                fields.append(
                    griffe.Parameter(
                        name,
                        annotation=member.annotation,
                        kind=griffe.ParameterKind.keyword_only,
                        # Every field is optional; `...` (as in a stub) when None is not allowed.
                        default="None" if "None" in str(member.annotation) else "...",
                    )
                )
    function.parameters = griffe.Parameters(*params[:-1], *fields)
