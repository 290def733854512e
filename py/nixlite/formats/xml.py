"""XML: ``builtins.toXML`` and ``nix-instantiate --eval --xml`` output.

The document is C++ Nix's (value-to-xml.cc through its XMLWriter): two
spaces of indentation per level, attributes of an element in name order,
``<attrs>``/``<attr name=..>`` in name order, ``<derivation drvPath=..
outPath=..>`` printed in full once per drvPath and as ``<repeated />``
afterwards, functions as ``<function>`` with ``<varpat>`` or
``<attrspat>``, built-in functions and unforced thunks as
``<unevaluated />``. Locations (``column``, ``line``, ``path``) are printed
only with ``location=True`` (``--xml`` without ``--no-location``); like
current Nix, ``path`` is left out for code that is not from a file.

Forcing needs the evaluator, so the printer is a generator, ``to_xml_steps``,
yielding ``("force", thunk)`` requests; ``to_xml`` runs it with a callback.
The walk is iterative; its nesting counts against the call-depth limit and
the document against the string size limit (``nixlite.limits``), so a
self-referencing value (``builtins.toXML builtins``) ends in an error.
"""

from __future__ import annotations

from ..limits import LIMITS, nest, string_size
from ..value import Attrs, Closure, NixStr, Path, Thunk
from ..value.floats import show as show_float

_END = object()

__all__ = ["escape_attr", "to_xml", "to_xml_steps"]

_XML_ESCAPES = {ord('"'): "&quot;", ord("<"): "&lt;", ord(">"): "&gt;",
                ord("&"): "&amp;", ord("\n"): "&#xA;"}


def escape_attr(s: str) -> str:
    """XMLWriter's escaping of attribute values."""
    return s.translate(_XML_ESCAPES)


def _attrs_xml(pairs) -> str:
    """`` name="value"`` for each pair, in name order (XMLAttrs is a std::map)."""
    return "".join(f' {k}="{escape_attr(v)}"' for k, v in sorted(pairs))


def _position(span) -> list:
    if span is None:
        return [("line", "0"), ("column", "0")]
    line, col = span.line_col
    out = [("line", str(line)), ("column", str(col))]
    path = getattr(span.source, "path", None)
    if path is not None:
        out.append(("path", path))
    return out


def _utf8_key(k: str) -> bytes:
    return k.encode("utf-8", "surrogateescape")


def to_xml_steps(value, location: bool = False, strict: bool = True, limit: int | None = None):
    """Generator: the XML document for ``value``. Yields ``("force", thunk)``
    for each unevaluated Thunk it needs (with ``strict=False`` only for a
    set's ``type``, as C++ Nix's isDerivation forces it) and expects the
    forced value back. Returns the document: a ``NixStr`` carrying the
    contexts of all strings printed. With ``limit``, it stops (unfinished)
    once the document passes that many characters."""
    out = ["<?xml version='1.0' encoding='utf-8'?>\n<expr>\n"]
    size = checked = 0
    cap = LIMITS.max_string
    ctx: set = set()
    drvs_seen: set = set()
    # work items: (0, value, indent, depth) print a value; (1, text, indent)
    # emit text, indented (when it is emitted: the pending work stays small); (2, iterator, indent, depth) print the rest of a list. ``indent``
    # counts levels of indentation, ``depth`` the lists and sets around.
    work = [(1, "</expr>\n", 0), (0, value, 1, 1)]
    while work:
        size += sum(map(len, out[checked:]))
        checked = len(out)
        if size > cap:
            string_size(size)
        if limit is not None and size > limit:
            break
        item = work.pop()
        if item[0] == 1:
            out.append("  " * item[2] + item[1])
            continue
        if item[0] == 2:     # the rest of a list, one element at a time
            x = next(item[1], _END)
            if x is not _END:
                work.append(item)
                work.append((0, x, item[2], item[3]))
            continue
        v, indent, depth = item[1], item[2], item[3]
        ind = "  " * indent
        while type(v) is Thunk:
            if v.code is None:
                v = v.value
            elif strict:
                v = yield ("force", v)
            else:
                break
        t = type(v)
        if t is str or t is NixStr:
            c = getattr(v, "context", None)
            if c:
                ctx.update(c)
            out.append(f'{ind}<string value="{escape_attr(v)}" />\n')
        elif t is bool:
            out.append(f'{ind}<bool value="{"true" if v else "false"}" />\n')
        elif t is int:
            out.append(f'{ind}<int value="{v}" />\n')
        elif v is None:
            out.append(f"{ind}<null />\n")
        elif t is float:
            out.append(f'{ind}<float value="{show_float(v)}" />\n')
        elif t is Path:
            out.append(f'{ind}<path value="{escape_attr(v.path)}" />\n')
        elif t is list:
            out.append(f"{ind}<list>\n")
            work.append((1, "</list>\n", indent))
            work.append((2, iter(v), indent + 1, nest(depth)))
        elif t is Attrs:
            is_drv = False
            if "type" in v:
                tv = v["type"]
                while type(tv) is Thunk:
                    tv = tv.value if tv.code is None else (yield ("force", tv))
                is_drv = (type(tv) is str or type(tv) is NixStr) and tv == "derivation"
            if is_drv:
                xattrs = []
                drv_path = ""
                for key in ("drvPath", "outPath"):
                    if key not in v:
                        continue
                    a = v[key]
                    while type(a) is Thunk:
                        if a.code is None:
                            a = a.value
                        elif strict:
                            a = yield ("force", a)
                        else:
                            break
                    if type(a) is str or type(a) is NixStr:
                        xattrs.append((key, a))
                        if key == "drvPath":
                            drv_path = a
                out.append(f"{ind}<derivation{_attrs_xml(xattrs)}>\n")
                work.append((1, "</derivation>\n", indent))
                if drv_path != "" and drv_path not in drvs_seen:
                    drvs_seen.add(drv_path)
                    _push_attrs(work, v, indent + 1, nest(depth), location)
                else:
                    work.append((1, "<repeated />\n", indent + 1))
            else:
                out.append(f"{ind}<attrs>\n")
                work.append((1, "</attrs>\n", indent))
                _push_attrs(work, v, indent + 1, nest(depth), location)
        elif t is Closure:
            lam = v.lam
            xattrs = _position(lam.span) if location else []
            out.append(f"{ind}<function{_attrs_xml(xattrs)}>\n")
            formals = lam.formals
            if formals is not None:
                pat = []
                if lam.arg_name:
                    pat.append(("name", lam.arg_name))
                if formals.ellipsis:
                    pat.append(("ellipsis", "1"))
                out.append(f"{ind}  <attrspat{_attrs_xml(pat)}>\n")
                for name in sorted(formals.names, key=_utf8_key):
                    out.append(f'{ind}    <attr name="{escape_attr(name)}" />\n')
                out.append(f"{ind}  </attrspat>\n")
            else:
                out.append(f'{ind}  <varpat name="{escape_attr(lam.arg_name or "")}" />\n')
            out.append(f"{ind}</function>\n")
        else:
            # built-in functions (and unforced thunks when not strict)
            out.append(f"{ind}<unevaluated />\n")
    string_size(sum(map(len, out)))
    text = "".join(out)
    return NixStr(text, ctx) if ctx else text


def _push_attrs(work: list, attrs: Attrs, indent: int, depth: int, location: bool) -> None:
    pos = attrs.positions() if location else {}
    for name in sorted(attrs, key=_utf8_key, reverse=True):
        xattrs = [("name", name)]
        span = pos.get(name)
        if span is not None:
            xattrs += _position(span)
        work.append((1, "</attr>\n", indent))
        work.append((0, attrs[name], indent + 1, depth))
        work.append((1, f"<attr{_attrs_xml(xattrs)}>\n", indent))


def to_xml(value, location: bool = False, strict: bool = True, force=None) -> str:
    """The XML document for ``value``; ``force(thunk) -> value`` answers the
    generator's requests (not needed for deep-forced values)."""
    gen = to_xml_steps(value, location, strict)
    answer = None
    try:
        while True:
            _, arg = gen.send(answer)
            if force is None:
                raise TypeError("to_xml: a thunk needs forcing but no force callback was given")
            answer = force(arg)
    except StopIteration as stop:
        return stop.value
