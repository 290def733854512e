"""Builtins over data formats and strings-as-data: toJSON, fromJSON,
fromTOML, toXML, match, split, compareVersions, splitVersion, parseDrvName.

The converters live in the ``nixlite.formats`` package (``json``, ``toml``,
``xml``, ``regex``, ``versions``: pure format code); the printers are generators whose requests (force a thunk,
call ``__toString``, copy a path) ``drive`` answers through the runtime.
Each converter module is imported by the first builtin that needs it (with
``json``, ``tomllib``, ...), not at start-up: most evaluations use none.
"""

from __future__ import annotations

from ..errors import NixError
from ..runtime import COPY, call, coerce, force
from ..value import Attrs
from .args import expect_plain_string, expect_string
from .registry import builtin

# each converter module once imported (toJSON, match, ... are called often:
# no import statement on every call); ``x_ or _x()`` reads it
json_ = regex_ = toml_ = versions_ = xml_ = None


def _json():
    global json_
    from ..formats import json as json_
    return json_


def _regex():
    global regex_
    from ..formats import regex as regex_
    return regex_


def _toml():
    global toml_
    from ..formats import toml as toml_
    return toml_


def _versions():
    global versions_
    from ..formats import versions as versions_
    return versions_


def _xml():
    global xml_
    from ..formats import xml as xml_
    return xml_


def drive(gen):
    """Run a printer generator, answering its requests (force, __toString, copy) directly."""
    answer = None
    err = None
    while True:
        try:
            req = gen.throw(err) if err is not None else gen.send(answer)
        except StopIteration as stop:
            return stop.value
        err = None
        kind, arg = req
        try:
            if kind == "force":
                answer = force(arg)
            elif kind == "tostring":
                f = force(arg["__toString"])
                r = call(f, arg)
                answer = coerce(r, 0)
            elif kind == "path":
                answer = coerce(arg, COPY)
            else:
                raise NixError(f"internal error: unknown printer request {kind!r}")
        except NixError as e:
            err = e


@builtin("toJSON", 1)
def to_json(v):
    return drive((json_ or _json()).to_json_steps(v))


@builtin("fromJSON", 1)
def from_json(s):
    return (json_ or _json()).from_json(expect_plain_string(s))


@builtin("fromTOML", 1, ctx=True, globally=True)
def from_toml(ctx, s):
    return (toml_ or _toml()).from_toml(expect_plain_string(s), timestamps="parse-toml-timestamps" in ctx.features)


@builtin("toXML", 1)
def to_xml(v):
    return drive((xml_ or _xml()).to_xml_steps(v, location=False, strict=True))


@builtin("match", 2)
def match(regex, s):
    regex = expect_plain_string(regex)
    expect_string(s)
    return (regex_ or _regex()).match(regex, str(s))


@builtin("split", 2)
def split(regex, s):
    regex = expect_plain_string(regex)
    expect_string(s)
    return (regex_ or _regex()).split(regex, s)


@builtin("compareVersions", 2)
def compare_versions(a, b):
    return (versions_ or _versions()).compare_versions(expect_plain_string(a), expect_plain_string(b))


@builtin("splitVersion", 1)
def split_version(s):
    return (versions_ or _versions()).split_version(expect_plain_string(s))


@builtin("parseDrvName", 1)
def parse_drv_name(s):
    name, version = (versions_ or _versions()).parse_drv_name(expect_plain_string(s))
    return Attrs(name=name, version=version)
