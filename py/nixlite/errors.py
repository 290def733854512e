"""Nix errors: exceptions that carry a span and a trace, formatted like Nix.

Every error a Nix program can cause is a ``NixError``. ``catchable`` says
whether ``builtins.tryEval`` catches it (C++ Nix catches only ``throw`` and
failed ``assert``). Formatting into ``error: ... at file:line:col`` with a
source excerpt happens in one place, ``format_error``.
"""

from __future__ import annotations

import re

from .spans import Source, Span
from .value import show_type


class NixError(Exception):
    catchable = False
    # True for errors C++ Nix reports without a position of their own
    # (throw, abort, file system failures); the trace still shows the call
    positionless = False
    prefix = "error: "

    suggest = None      # (what was asked for, the names there were): "Did you mean" suggestions
    span_is_call = False    # the span is the call of the builtin that raised it (not its own)
    builtin = None          # the plain builtin that raised it, if any
    as_226 = None           # (message, span) as Nix 2.26 words and places it, where that differs
    msg_226 = None          # the message as Nix 2.26 words it (placed as the 2.8 one), where that differs
    coercion = False        # a value could not be coerced to a string (2.26 says so in a context)
    found = None            # the value that was not what was expected (type_error), if any
    pending = None          # trace entries waiting for the span of the caller (runtime/namespace.unwind)
    trace_tail = None       # the outermost entries of a very long trace (namespace.unwind)

    def join_trace(self) -> None:
        """Join a very long trace's outermost entries to the rest (the middle
        is left out: it repeats what is kept)."""
        tail = self.trace_tail
        if tail:
            self.trace += [("(frames omitted)", None)] + list(tail)
            self.trace_tail = None

    def __init__(self, msg: str, span: Span | None = None):
        super().__init__(msg)
        self.msg = msg
        self.span = span
        self.trace: list[tuple[str, Span | None]] = []   # (what, where), innermost first

    def at(self, span: Span | None) -> "NixError":
        """Attach ``span`` if the error has none yet; returns self."""
        if self.span is None and span is not None:
            self.span = span
        return self

    def add_trace(self, what: str, span: Span | None) -> None:
        self.trace.append((what, span))


class ThrowError(NixError):
    """``throw "msg"``: catchable."""
    catchable = True
    positionless = True


class AssertError(NixError):
    """A failed ``assert``: catchable."""
    catchable = True


class AbortError(NixError):
    """``abort "msg"``: never caught."""
    positionless = True


class EvalError(NixError):
    """Type errors, missing attributes, division by zero, and the like."""


def type_error(v, expected: str, cls: type | None = None) -> EvalError:
    """Nix's "value is <the type of v> while <expected> was expected", the one
    constructor of this message (``expected``: "a set", "an integer", ...;
    ``cls``: a subclass of EvalError). Generated code spells its own hot cases.
    Nix 2.26 says "expected <expected> but found <the type of v>: <v>"."""
    err = (cls or EvalError)(f"value is {show_type(v)} while {expected} was expected")
    err.found = v
    err.expected = expected
    return err


def msg_226(err: NixError) -> str:
    """The message of ``err`` in the 2.26 layout."""
    if err.msg_226 is None and getattr(err, "expected", None) is not None:
        from .value.errprint import show_value
        err.msg_226 = f"expected {err.expected} but found {show_type(err.found)}: {show_value(err.found)}"
    return err.msg_226 or err.msg


class InfiniteRecursion(EvalError):
    pass


class ParseError(NixError):
    """A syntax error, or an error found while binding names (undefined variable)."""


class InternalError(NixError):
    """A bug in nixlite, reported as ``error: internal error: ...``."""


# ---------------------------------------------------------------- formatting
#
# The layout of Nix 2.8's ``showErrorInfo``:
#
#     error: <message; further lines of it indented by 7>
#     <blank>
#            at <file>:<line>:<col>:
#     <blank>
#                 3| <the line before>
#                 4| <the line of the error>
#                  |       ^
#                 5| <the line after>
#
# then, with --show-trace, for each trace entry (innermost first) a blank
# line, ``       … <what>`` and its own position block. The code lines are
# those C++ Nix can read back: from a file only lines that end in a newline
# (no excerpt at all when the error's own line is the last, unterminated
# one); from an expression (``--expr``, stdin) every line, including the
# empty one after a final newline. Line numbers are right-aligned in five
# columns; columns count bytes. Trailing blanks of every line are cut, then
# the logger drops ANSI escapes and expands tabs (to stops of 8, counted
# from the start of the whole message).

_INDENT = " " * 7
TRACE_KEEP = 40          # trace entries kept at each end of a long trace


def _code_lines(src: Source) -> list[str]:
    """The lines of ``src`` as C++ Nix reads them back for an excerpt."""
    lines = src.text.split("\n")
    if src.path is not None:
        lines.pop()      # a file: the last piece has no newline after it (or is empty)
    return lines


def _excerpt(span: Span) -> list[str]:
    line, col = span.line_col
    return _excerpt_of(_code_lines(span.source), line, col)


def _excerpt_of(lines: list[str], line: int, col: int) -> list[str]:
    """The lines around ``line`` with a caret under ``col`` (both layouts)."""
    if line > len(lines):
        return []
    out = []
    if line > 1:
        out.append(f" {line - 1:5d}| {lines[line - 2]}")
    out.append(f" {line:5d}| {lines[line - 1]}")
    if col > 0:
        out.append("      |" + " " * col + "^")
    if line < len(lines):
        out.append(f" {line + 1:5d}| {lines[line]}")
    return out


def format_position(span: Span | None, what: str = "at") -> list[str]:
    """The ``at file:line:col:`` block with its excerpt (not yet indented)."""
    if span is None:
        return []
    line, col = span.line_col
    out = ["", f"{what} {span.source.name}:{line}:{col}:"]
    code = _excerpt(span)
    if code:
        out.append("")
        out += code
    return out


def _repeats(trace: list, i: int, p: int) -> int:
    """How far from ``i`` the entries repeat those ``p`` before them."""
    n = len(trace)
    j = i + p
    while j < n:
        a, b = trace[j], trace[j - p]
        if a is not b:
            if a[0] != b[0]:
                break
            x, y = a[1], b[1]
            if x is not y and (x is None or y is None or x.start != y.start or x.end != y.end
                               or x.source is not y.source):
                break
        j += 1
    return j


def compress_trace(trace: list, keep: int = TRACE_KEEP, max_period: int = 8) -> list:
    """``trace`` with repeated runs folded (a runaway recursion leaves a
    million entries: the same one, or the same few in turn, over and over)
    and the middle of a long trace left out. Returns ``(what, span)`` pairs;
    an omission is an entry without a span."""
    out: list = []
    i, n = 0, len(trace)
    while i < n:
        for p in range(1, max_period + 1):
            if i + 2 * p > n:
                p = 0
                break
            run = (_repeats(trace, i, p) - i) // p * p      # whole repetitions of the block
            if run >= 2 * p:
                break
        else:
            p = 0
        if p:
            out += trace[i:i + p]
            out.append((f"({run - p} duplicate frames omitted)", None))
            i += run
        else:
            out.append(trace[i])
            i += 1
    if len(out) > 2 * keep + 1:
        out = out[:keep] + [(f"({len(out) - 2 * keep} frames omitted)", None)] + out[-keep:]
    return out


# patterns used only on the way to an error or warning text: compiled (and
# kept in ``re``'s cache) the first time, not when every process starts
_ANSI = r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]"


def terminal_text(text: str, strip_lines: bool = False) -> str:
    """``text`` as Nix's logger writes it: with ``strip_lines`` trailing
    blanks removed from every line (``chomp``), ANSI escapes dropped, tabs
    expanded to stops of 8 counted over the whole text (a newline counts one)."""
    if strip_lines:
        text = "\n".join(line.rstrip(" \t\r") for line in text.split("\n"))
    if "\x1b" in text:
        text = re.sub(_ANSI, "", text)
    if "\t" in text:
        out, w = [], 0
        for ch in text:
            if ch == "\t":
                k = 8 - w % 8
                out.append(" " * k)
                w += k
            else:
                out.append(ch)
                w += 1
        text = "".join(out)
    return text


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def suggestions(query: str, names, limit: int = 5, max_distance: int = 2) -> list[str]:
    """Current Nix's ``Suggestions::bestMatches(...).trim()``: the closest
    names by edit distance (then by name), at most ``limit`` of them, none
    further than ``max_distance``."""
    ranked = sorted((levenshtein(query, n), n) for n in names)
    return [n for d, n in ranked[:limit] if d <= max_distance]


def did_you_mean(found: list[str]) -> str:
    if not found:
        return ""
    if len(found) == 1:
        return f"Did you mean {found[0]}?"
    return f"Did you mean one of {', '.join(found[:-1])} or {found[-1]}?"


_LINE_BREAK = r"\r\n|\r|\n"      # (as _ANSI: compiled on first use)


def _line_col_226(span: Span) -> tuple[int, int]:
    """Line and column as Nix 2.26 counts them: CR, LF and CR LF all end a line."""
    before = span.source.text[:span.start]
    breaks = list(re.finditer(_LINE_BREAK, before))
    if not breaks:
        return 1, span.start + 1
    return len(breaks) + 1, span.start - breaks[-1].end() + 1


def _excerpt_226(span: Span) -> list[str]:
    """Nix 2.26's excerpt: like 2.8's, but a file's last (empty) line counts
    and a lone CR ends a line."""
    line, col = _line_col_226(span)
    return _excerpt_of(re.split(_LINE_BREAK, span.source.text), line, col)


def _position_226(span: Span | None, indent: str = "") -> list[str]:
    if span is None:
        return []
    line, col = _line_col_226(span)
    return [f"{indent}at {span.source.name}:{line}:{col}:"] + _excerpt_226(span)


class TraceText(str):
    """A trace entry's text with what the 2.26 layout needs to know about it:
    ``v226``, its wording there (when it differs); ``lambda_frame``, an entry
    of a function call ("while calling", "from call site": 2.26 adds those
    only with --show-trace); ``always``, printed even past the truncation
    (``builtins.addErrorContext``'s, as Nix's ``TracePrint::Always``);
    ``only_226``, an entry of the 2.26 layout only (the 2.8 layout leaves it out);
    ``only_28``, one of the 2.8 layout only."""
    v226 = None
    lambda_frame = False
    always = False
    only_226 = False
    only_28 = False

    @classmethod
    def make(cls, text: str, v226: str | None = None, lambda_frame: bool = False, always: bool = False,
             only_226: bool = False, only_28: bool = False):
        t = cls(text)
        t.only_28 = only_28
        t.v226 = v226
        t.lambda_frame = lambda_frame
        t.always = always
        t.only_226 = only_226
        return t


# the one builtin whose calls Nix does not trace (its own entry says it all)
_NOT_TRACED = "while calling the 'addErrorContext' builtin"


def _trace_lines_226(entries: list, show_trace: bool) -> list[str]:
    """The trace part of Nix 2.26's ``showErrorInfo`` for ``entries``
    (innermost first): printed outermost first; an entry seen before is held
    back, and a run of held-back entries is printed as they are when there
    are at most five of them, else as "(N duplicate frames omitted)";
    without --show-trace printing stops once more than three things (an
    entry and its position count one each) are out, but for entries printed
    always."""
    lines: list[str] = []
    seen: set = set()
    skipped: list = []
    count = 0
    truncate = False

    def key(what, span):
        return (what, None if span is None else (span.source.name, span.start))

    def put(what, span):
        nonlocal count
        lines.extend(("… " + what).split("\n"))
        if span is not None:
            count += 1
            lines.extend(_position_226(span, "  "))
        lines.append("")

    def flush():
        nonlocal count
        if len(skipped) <= 5:
            for what, span in skipped:
                put(what, span)
        else:
            lines.extend([f"({len(skipped)} duplicate frames omitted)", ""])
        skipped.clear()

    for what, span in reversed(entries):
        text = getattr(what, "v226", None) or what
        if not text or text == _NOT_TRACED or getattr(what, "only_28", False):
            continue
        if not show_trace and count > 3:
            truncate = True
        if truncate and not getattr(what, "always", False):
            continue
        k = key(text, span)
        if k in seen:
            skipped.append((text, span))
            continue
        seen.add(k)
        flush()
        count += 1
        put(text, span)
    flush()
    if truncate:
        lines += ["(stack trace truncated; use '--show-trace' to show the full, detailed trace)", ""]
    return lines


def format_error_226(err: NixError, show_trace: bool = False, trace: list | None = None) -> str:
    """``err`` laid out as Nix 2.26 prints errors (opt-in: the setting
    ``error-style`` = ``2.26``): no blank lines around the position, a
    file's last line in excerpts, "Did you mean" suggestions, the trace
    first (outermost first, see ``_trace_lines_226``) and the error last.
    Entries and messages use 2.26's words where they differ (``TraceText``,
    ``msg_226``, ``as_226``)."""
    head = err.prefix.rstrip()
    msg, own_span = msg_226(err), err.span
    if err.as_226 is not None:
        msg, own_span = err.as_226
        msg = msg or msg_226(err)
    body = msg.split("\n") + ([] if err.span_is_call else _position_226(own_span))
    if err.suggest is not None:
        query, names = err.suggest
        hint = did_you_mean(suggestions(query, names))
        if hint:
            body.append(hint)
    entries = err.trace
    if err.as_226 is not None and own_span is not None:
        # 2.26 fails before entering the function: no "while calling" entry
        entries = [(w, sp) for w, sp in entries
                   if not (w.startswith("while calling ") and sp is not None and sp.start == own_span.start
                           and sp.source is own_span.source)]
    if err.builtin and err.span is not None and not err.span_is_call:
        # raised by a plain builtin: 2.26 shows the call as a trace entry
        body = msg_226(err).split("\n")
        entries = [(f"while calling the '{err.builtin}' builtin", err.span)] + list(entries)
    if not show_trace:      # 2.26 traces function calls only with --show-trace
        entries = [(w, sp) for w, sp in entries if not getattr(w, "lambda_frame", False)]
    if not entries:
        lines = [err.prefix + body[0]] + body[1:]
    else:
        lines = [head] + _trace_lines_226(entries, show_trace) + [err.prefix + body[0]] + body[1:]
    text = "\n".join([lines[0]] + [_INDENT + line if line else "" for line in lines[1:]])
    return terminal_text(text, strip_lines=True)


def format_error(err: NixError, show_trace: bool = False, trace: list | None = None, style: str = "2.8") -> str:
    """The text nix-instantiate prints on stderr for ``err`` (no final newline).
    ``trace``: ``compress_trace(err.trace)`` if the caller has it already.
    ``style``: "2.8" (the default, the oracle's layout) or "2.26"."""
    if style == "2.26":
        return format_error_226(err, show_trace, trace)
    lines = (err.prefix + err.msg).split("\n")
    lines += format_position(err.span)
    if err.suggest is not None:       # Nix (2.8 too) suggests the closest names
        hint = did_you_mean(suggestions(*err.suggest))
        if hint:
            lines.append(hint)
    if show_trace:
        for what, span in (compress_trace(err.trace) if trace is None else trace):
            if getattr(what, "only_226", False):
                continue
            lines.append("")
            lines += ("… " + what).split("\n")
            lines += format_position(span)
    text = "\n".join([lines[0]] + [_INDENT + line if line else "" for line in lines[1:]])
    return terminal_text(text, strip_lines=True)
