"""Nix values.

Python objects are used wherever Nix semantics allow:

==============  ==========================================
Nix             Python
==============  ==========================================
null            ``None``
bool            ``bool`` (check ``bool`` before ``int``!)
int             ``int`` (64-bit range enforced by arithmetic)
float           ``float``
string          ``str``, or ``NixStr`` when it has a context
path            ``Path``
list            ``list`` (never mutated once built)
attribute set   ``Attrs`` (a ``dict`` subclass)
function        ``Closure``, ``Builtin``
(lazy)          ``Thunk``
==============  ==========================================
"""

from .attrs import Attrs
from .function import Builtin, Closure, FormalsInfo, Lambda
from .path import Path, canon_path
from .string import NixStr, concat, context_of, with_context
from .thunk import Thunk

INT_MIN = -(1 << 63)
INT_MAX = (1 << 63) - 1


def type_of(v) -> str:
    """``builtins.typeOf`` of a forced value."""
    t = type(v)
    if t is str or t is NixStr:
        return "string"
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t is Attrs:
        return "set"
    if t is list:
        return "list"
    if v is None:
        return "null"
    if t is float:
        return "float"
    if t is Path:
        return "path"
    if t is Closure or t is Builtin:
        return "lambda"
    if t is Thunk:
        return "thunk"
    raise TypeError(f"not a Nix value: {v!r}")


# How error messages name a type ("value is a string while an integer was expected")
_SHOW = {"string": "a string", "bool": "a Boolean", "int": "an integer", "set": "a set",
         "list": "a list", "null": "null", "float": "a float", "path": "a path",
         "lambda": "a function", "thunk": "a thunk"}


def show_type(v) -> str:
    t = type_of(v)
    if t == "lambda" and type(v) is Builtin:
        if v.args:
            return f"the partially applied built-in function '{v.name}'"
        return f"the built-in function '{v.name}'"
    return _SHOW[t]


__all__ = ["Attrs", "Builtin", "Closure", "FormalsInfo", "Lambda",
           "Path", "canon_path", "NixStr", "context_of", "with_context", "concat", "Thunk",
           "INT_MIN", "INT_MAX", "type_of", "show_type"]
