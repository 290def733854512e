"""Source files and spans: turn character offsets into Nix-style positions.

A ``Source`` is one piece of Nix text (a file, ``«string»`` for ``--expr``,
``«stdin»``); a ``Span`` is a range of it. Line and column are 1-based and
computed lazily, only when a message or a position is needed.

Columns come in two kinds. Messages, ``__curPos``, ``unsafeGetAttrPos`` and
XML output count *bytes* of UTF-8, as C++ Nix does (``position``,
``Span.line_col``); editors want *characters* (``char_position``, the
``column`` of ``Span.to_dict``). Both agree on ASCII text.
"""

from __future__ import annotations

import bisect


class Source:
    __slots__ = ("name", "text", "_lines", "path", "_ascii")

    def __init__(self, name: str, text: str, path: str | None = None):
        self.name = name          # what messages show: a file path, «string», «stdin»
        self.text = text
        self.path = path          # the absolute file path, if the source is a file
        self._lines = None
        self._ascii = None

    @property
    def message_name(self) -> str:
        """The name Nix 2.8 uses for a position inside a message: the file,
        or ``(string)`` for an expression (``--expr`` and stdin alike)."""
        if self.name.startswith("«") and self.name.endswith("»"):
            return "(string)"
        return self.name

    def line_starts(self) -> list[int]:
        if self._lines is None:
            starts = [0]
            text = self.text
            i = text.find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            self._lines = starts
        return self._lines

    def char_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; the column counts characters."""
        starts = self.line_starts()
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, the column in UTF-8
        bytes as C++ Nix counts it."""
        line, col = self.char_position(offset)
        if self._ascii is None:
            self._ascii = self.text.isascii()
        if self._ascii:
            return line, col
        start = self.line_starts()[line - 1]
        prefix = self.text[start:start + col - 1]
        try:        # bytes that are not UTF-8 were decoded as surrogate escapes
            n = len(prefix.encode("utf-8", "surrogateescape"))
        except UnicodeEncodeError:
            n = len(prefix.encode("utf-8", "surrogatepass"))
        return line, n + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts()
        if line < 1 or line > len(starts):
            return ""
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[starts[line - 1]:end]

    def __repr__(self) -> str:
        return f"Source({self.name!r})"


class Span:
    __slots__ = ("source", "start", "end")

    def __init__(self, source: Source, start: int, end: int):
        self.source, self.start, self.end = source, start, end

    @property
    def line_col(self) -> tuple[int, int]:
        return self.source.position(self.start)

    def end_line_col(self) -> tuple[int, int]:
        return self.source.position(max(self.start, self.end))

    def __str__(self) -> str:
        """``file:line:col``, expressions named «string» / «stdin» as Nix 2.26 does
        (2.8 wrote ``(string)`` inside messages: see ``message_name``)."""
        line, col = self.line_col
        return f"{self.source.name}:{line}:{col}"

    def to_dict(self) -> dict:
        """Where the span is, for editors: columns count characters."""
        line, col = self.source.char_position(self.start)
        end_line, end_col = self.source.char_position(max(self.start, self.end))
        return {"file": self.source.name, "line": line, "column": col,
                "end_line": end_line, "end_column": end_col,
                "start": self.start, "end": self.end}


class SelectSpan(Span):
    """The span of a selection ``e.a.b`` (one per attribute name), with what
    a trace says of it: ``path``, the whole attribute path as Nix shows it
    (``a.b``, a dynamic name as ``"${expr}"``). The translator adds where
    the generated code holds the set and the attribute (``runtime/namespace.unwind``
    reads them to trace "while evaluating the attribute" as Nix does)."""
    __slots__ = ("path", "key", "set_var", "value_var")

    def __init__(self, source: Source, start: int, end: int, path: str, key: str | None = None):
        super().__init__(source, start, end)
        self.path, self.key = path, key
        self.set_var = self.value_var = None

    def at(self, set_var: str, value_var: str | None, key: str | None = None) -> "SelectSpan":
        """This span for the line forcing the attribute's value (or, without
        ``value_var``, for the line of a dynamic name after attribute ``key``)."""
        s = SelectSpan(self.source, self.start, self.end, self.path, key if key is not None else self.key)
        s.set_var, s.value_var = set_var, value_var
        return s


class ResultSpan(Span):
    """The span of the line forcing what a builtin returned, with where the
    generated code holds the builtin and the result (``runtime/namespace.unwind``)."""
    __slots__ = ("fn_var", "result_var")

    @classmethod
    def of(cls, span: Span, fn_var: str, result_var: str) -> "ResultSpan":
        s = cls(span.source, span.start, span.end)
        s.fn_var, s.result_var = fn_var, result_var
        return s
