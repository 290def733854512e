"""``:doc`` on a lambda: its ``/** ... */`` doc comment, as current Nix finds it.

A doc comment is the ``/** ... */`` comment right before the lambda, or
right before the attribute (``name =``) or ``let`` binding whose value the
lambda is (Nix's RFC 145 doc comments, shown by ``:doc`` since Nix 2.24).
"""

from __future__ import annotations

import re

from ..value import Closure

_BINDING = re.compile(r"""(?:[A-Za-z_][A-Za-z0-9_'\-]*|"[^"]*")(?:\s*\.\s*(?:[A-Za-z_][A-Za-z0-9_'\-]*|"[^"]*"))*\s*=\s*\Z""")


def doc_comment(text: str, start: int) -> str | None:
    """The doc comment ending before offset ``start`` of ``text`` (skipping
    a ``name =`` before it), without its markers and common indentation."""
    before = text[:start].rstrip()
    m = _BINDING.search(before, max(0, len(before) - 1000))    # (a name = is short)
    if m is not None:
        before = before[:m.start()].rstrip()
    if not before.endswith("*/"):
        return None
    open_at = before.rfind("/**", 0, len(before) - 2)
    if open_at < 0 or "*/" in before[open_at + 3:len(before) - 2]:
        return None
    body = before[open_at + 3:len(before) - 2]
    lines = body.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(ln[cut:].rstrip() for ln in lines)


def lambda_doc(v: Closure) -> str | None:
    """What ``:doc`` shows for a lambda with a doc comment (None: it has none)."""
    lam = v.lam
    span = lam.span
    if span is None or lam.source is None:
        return None
    doc = doc_comment(lam.source.text, span.start)
    if doc is None:
        return None
    from ..value.pretty import lambda_text
    name = lambda_text(v)[len("«lambda"):].split(" @ ")[0].strip()
    head = f"Function `{name}`\\\n… defined at {span}\n" if name else f"Function defined at {span}\n"
    body = "\n".join(("    " + ln) if ln else "" for ln in doc.split("\n"))
    return head + "\n" + body + "\n"
