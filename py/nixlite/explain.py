"""Errors explained in plain words, for people learning Nix.

``explain(err)`` looks at a ``NixError`` (its message, its class, the source
it points into, and the names some errors carry) and returns what the tour,
the playground and embedded snippets show under the error: which kind of
mistake it is, what it means, how to fix it, and "did you mean" suggestions
for misspelt variables, attributes and arguments. The API result carries it
as ``error.explain``; the CLI never prints it (its output stays Nix's own).

Everything here runs only after an evaluation has failed, so it may parse
the source again; it never raises (a problem here yields ``None``).
"""

from __future__ import annotations

import re

__all__ = ["explain", "explain_message", "suggest", "edit_distance", "KINDS"]

# kind -> (title, explanation, fix). ``{name}`` and the other fields are
# filled from the message (see ``_classify``).
KINDS: dict[str, tuple[str, str, str]] = {
    "undefined-variable": (
        "Unknown name",
        "`{name}` is not defined at this place. A name exists only inside the `let ... in`, the function "
        "or the `rec {{ }}` that binds it (and through `with` as an attribute of the set given to `with`). "
        "Names from another file are not visible either: `import` returns that file's value, not its names.",
        "Check the spelling, or bind it first: `let {name} = ...; in ...`, or take it from the set "
        "that has it (for example `builtins.{name}` or `pkgs.{name}`).",
    ),
    "undefined-variable-with": (
        "Name not found in any `with`",
        "`{name}` is not bound by a `let` or a function around it, so Nix looked it up in the sets of the "
        "enclosing `with` expressions, and none of them has an attribute `{name}`. (A `with` never hides a "
        "name bound by `let` or by a function: those always win over it.)",
        "Check the spelling and which set should provide `{name}`; writing `set.{name}` instead of relying "
        "on `with` makes mistakes like this easier to see.",
    ),
    "missing-attribute": (
        "The set has no such attribute",
        "Selecting `.{name}` needs an attribute called `{name}` in the set on the left, and that set "
        "does not have one.",
        "Check the spelling (attribute names are case-sensitive) and which set you select from. "
        "`s ? {name}` tests whether it is there, and `s.{name} or fallback` gives a default when it is not.",
    ),
    "select-from-non-set": (
        "Selecting from something that is not a set",
        "`.name` selects an attribute from an attribute set, but the value on the left is {actual}.",
        "Check what the expression before the `.` really is (`builtins.typeOf x` tells you).",
    ),
    "with-not-a-set": (
        "`with` needs a set",
        "`with e; body` brings the attributes of the set `e` into scope, but `e` here is {actual}.",
        "Give `with` an attribute set, e.g. `with builtins; ...` or `with pkgs; ...`.",
    ),
    "expected-bool": (
        "A condition must be true or false",
        "`if`, `assert`, `&&`, `||`, `->` and `!` need a Boolean, but got {actual}. Nix never treats "
        "`0`, `\"\"`, `[ ]` or `null` as false.",
        "Compare explicitly: `if n != 0 then ...`, `if s != \"\" then ...`, `if list != [ ] then ...`, "
        "`if x != null then ...`.",
    ),
    "expected-list": (
        "A list was expected",
        "This operation works on lists (`++`, `map`, `builtins.length`, `builtins.head`, `builtins.filter` "
        "...), but the value is {actual}.",
        "Wrap a single value in a list with `[ x ]`; for a set, `builtins.attrNames s` or "
        "`builtins.attrValues s` give lists.",
    ),
    "expected-string": (
        "A string was expected",
        "This operation needs a string, but the value is {actual}.",
        "Convert it first, e.g. `toString 42`, or pick the string out of the set (`s.name`).",
    ),
    "expected-number": (
        "A number was expected",
        "Arithmetic and numeric builtins need an integer (or a float), but the value is {actual}.",
        "Numbers written in strings are still strings: `builtins.fromJSON \"42\"` turns one into a number.",
    ),
    "wrong-type": (
        "A value of the wrong type",
        "The operation expected {expected}, but the value is {actual}.",
        "`builtins.typeOf x` shows what a value is; convert it or choose the right value.",
    ),
    "not-a-function": (
        "Calling something that is not a function",
        "Two expressions side by side, `f x`, call `f` with the argument `x`. Here the thing being called "
        "is {actual}, not a function. Typical causes: one argument too many (`f a b` for a function of one "
        "argument), a missing operator between two values, or a missing `;`.",
        "Count the arguments you pass; inside a list, elements are separated by spaces, so a call needs "
        "parentheses: `[ (f x) ]`.",
    ),
    "missing-argument": (
        "A required argument is missing",
        "The function takes a set of arguments (a pattern like `{{ {name}, ... }}:`) and `{name}` has no "
        "default, but the set it was called with has no attribute `{name}`.",
        "Pass it: `f {{ {name} = ...; }}`, or give it a default in the pattern: `{{ {name} ? ... }}:`.",
    ),
    "unexpected-argument": (
        "An argument the function does not take",
        "The function's pattern lists the attributes it accepts and has no `...`, so the extra "
        "attribute `{name}` in the argument set is an error.",
        "Remove `{name}` from the call or correct its spelling, or add `...` to the pattern "
        "(`{{ a, b, ... }}:`) to accept and ignore extra attributes.",
    ),
    "infinite-recursion": (
        "A value depends on itself",
        "Computing this value needs the value itself, as in `let x = x + 1; in x` or `rec {{ a = a; }}`. "
        "In fixpoints and overlays it happens when an attribute is defined from `final` (`self`) where it "
        "should use `prev` (`super`).",
        "Find the definition that refers to itself, directly or through others, and make it use a value "
        "computed before it (`prev.x`, another name, or a base case).",
    ),
    "stack-overflow": (
        "Recursion too deep",
        "Function calls nested too deeply: usually a recursive function whose base case is never reached.",
        "Check the stopping condition (`if n == 0 then ... else ...`) and that every call moves towards it; "
        "to walk a long list, prefer `builtins.foldl'`.",
    ),
    "coerce-set": (
        "A set cannot be turned into a string",
        "String interpolation `\"${{...}}\"` and `toString` accept strings, paths, numbers and some other "
        "values, but not an attribute set (unless it has `outPath` or `__toString`).",
        "Interpolate one attribute (`\"${{s.name}}\"`) or convert the set: `builtins.toJSON s`.",
    ),
    "coerce-function": (
        "A function cannot be turned into a string",
        "A function was used where a string is needed. Usually the function was not called.",
        "Call it before using its result: `\"${{f x}}\"`.",
    ),
    "coerce-number": (
        "A number where a string is needed",
        "A number cannot be used as a string, neither in `\"${{...}}\"` nor when joined to a string with "
        "`+`: Nix never converts it on its own.",
        "Convert it with `toString`: `\"${{toString n}}\"` or `\"port \" + toString n`.",
    ),
    "coerce-other": (
        "This value cannot be interpolated",
        "`\"${{...}}\"` accepts strings and paths, but the value is {actual}.",
        "`toString` converts Booleans, `null` and lists: `\"${{toString x}}\"`; for anything else use "
        "`builtins.toJSON x`.",
    ),
    "string-context": (
        "A string that refers to the store is not allowed here",
        "This string carries a context: the store paths (derivations) it was built from, so that Nix knows "
        "what to build first. Some operations (`fromJSON`, attribute names, some builtins) refuse such "
        "strings because the dependency would be lost.",
        "Keep the value as a string, or, if you really only need the text, drop the dependency with "
        "`builtins.unsafeDiscardStringContext`.",
    ),
    "tofile-derivation": (
        "`toFile` cannot refer to a derivation",
        "`builtins.toFile` writes a file into the store right away, without building anything, so its "
        "contents cannot mention the output of a derivation that is not built yet.",
        "Produce the file with a derivation instead (for example `pkgs.writeText`), or leave the "
        "derivation out of its text.",
    ),
    "missing-semicolon": (
        "Missing `;`",
        "Every binding in a set or a `let` ends with a semicolon: `{{ a = 1; b = 2; }}`. Nix found "
        "{found} where the previous binding should have ended.",
        "Add `;` at the end of the binding just before the marked place.",
    ),
    "missing-in": (
        "`let` without `in`",
        "A `let` block is `let name = value; ... in expression`: after the bindings comes the keyword `in` "
        "and the expression that uses them. The file ended (or another token came) before `in`.",
        "Add `in` and the expression after the last binding: `let a = 1; in a + 1`.",
    ),
    "missing-close": (
        "Something was opened and not closed",
        "The `{opener}` at line {line}, column {column} has no matching `{closer}`: Nix reached the "
        "marked place (or the end of the file) still inside it.",
        "Add the missing `{closer}` where that expression should end.",
    ),
    "missing-else": (
        "`if` without `else`",
        "In Nix `if` is an expression that always has a value, so it always needs both branches: "
        "`if condition then a else b`.",
        "Add `else` and the value for the other case (often `null`, `[ ]`, `{{ }}` or `\"\"`).",
    ),
    "list-comma": (
        "Commas in a list",
        "The elements of a Nix list are separated by spaces, not commas: `[ 1 2 3 ]`.",
        "Remove the commas between the elements.",
    ),
    "unexpected-eof": (
        "The file ends too early",
        "The file ended in the middle of an expression: for example `1 +` with nothing after it, `x:` "
        "without a body, `let ... in` without an expression, or a `then` without an `else`.",
        "Finish the expression that the marked place starts.",
    ),
    "unterminated-string": (
        "A string is not closed",
        "A string started with {quote} never ends: the file ended inside it.",
        "Close the string with {quote}. A `\"` inside a `\"...\"` string is written `\\\"`.",
    ),
    "unexpected-close": (
        "An extra closing bracket",
        "Nix found `{found}` where nothing is open that it could close, or the expression before it "
        "is incomplete.",
        "Remove the extra `{found}`, or look for a missing opening bracket or value before it.",
    ),
    "syntax-error": (
        "Syntax error",
        "The text is not valid Nix here: Nix found {found} where it did not expect it.",
        "Look at the marked place and just before it: a missing `;`, `=`, `:` or bracket is the usual cause.",
    ),
    "assertion-failed": (
        "An `assert` failed",
        "`assert condition; body` stops the evaluation when the condition is false, and `{condition}` is "
        "false here.",
        "Fix the value the assertion checks. Assertions state what must hold; `builtins.tryEval` can "
        "catch a failed one.",
    ),
    "import-missing-file": (
        "No such file",
        "A path in the program names `{path}`, which does not exist. A relative path such as `./lib.nix` "
        "is relative to the directory of the file it is written in.",
        "Check the file's name and folder (in the tour and the playground: the file list).",
    ),
    "read-missing-file": (
        "Cannot read a missing file",
        "`builtins.readFile` (or a similar builtin) was asked for `{path}`, which does not exist. "
        "Relative paths are relative to the file they are written in.",
        "Check the path, or test first with `builtins.pathExists`.",
    ),
    "search-path": (
        "`<{name}>` is not in the search path",
        "`<{name}>` is looked up in the search path (`NIX_PATH` or `-I {name}=...`), and no entry "
        "provides `{name}`.",
        "Add an entry (`-I {name}=/some/path`; in the playground: Settings, search path), or use a "
        "relative path such as `./{name}` instead.",
    ),
    "thrown": (
        "The program threw an error",
        "This message was written by the program (or a library it uses) with `throw`: the code decided "
        "that it cannot go on.",
        "Read the message itself; the trace (`--show-trace`) shows which value was being computed. "
        "`builtins.tryEval` can catch it.",
    ),
    "aborted": (
        "The program aborted",
        "`abort` stops the evaluation with a message; unlike `throw`, it cannot be caught by `tryEval`.",
        "Read the message, and fix the condition that led to the `abort`.",
    ),
    "division-by-zero": (
        "Division by zero",
        "The divisor of `/` is 0.",
        "Check the divisor first: `if d == 0 then ... else n / d`.",
    ),
    "index-out-of-bounds": (
        "No element at this position",
        "List positions start at 0, so a list of n elements has positions 0 to n - 1; position {index} "
        "does not exist (`builtins.head` of an empty list fails the same way).",
        "Check the length first (`builtins.length l`), or handle the empty list separately.",
    ),
    "duplicate-attribute": (
        "An attribute is defined twice",
        "`{name}` is defined more than once in the same set or `let` (also when one definition is "
        "`a.b = ...;` and another `a = {{ ... }};`, or comes from `inherit`).",
        "Keep one definition; to combine two sets use `//` (the right one wins) or merge them by hand.",
    ),
    "cannot-compare": (
        "These values cannot be ordered",
        "`<`, `<=`, `>` and `>=` compare two numbers, two strings, two paths or two lists, but not "
        "{left} with {right}.",
        "Convert one side so both have the same type (for example `toString` or `builtins.fromJSON`).",
    ),
    "cannot-add": (
        "`+` cannot combine these values",
        "`+` adds numbers, joins strings, or appends a string to a path, but it cannot add {left} to {right}.",
        "Convert one side (`toString n` to join with a string); lists are joined with `++` and sets with `//`.",
    ),
    "derivation-attribute": (
        "A derivation lacks a required attribute",
        "`derivation {{ ... }}` needs at least `name`, `system` and `builder`; `{name}` is missing.",
        "Add it, e.g. `derivation {{ name = \"hello\"; system = \"x86_64-linux\"; builder = \"/bin/sh\"; }}`.",
    ),
    "json-parse": (
        "Not valid JSON",
        "`builtins.fromJSON` was given text that is not valid JSON ({detail}).",
        "Check the text: JSON uses double quotes, commas between elements and no trailing comma.",
    ),
    "to-json": (
        "This value has no JSON form",
        "JSON has no functions, so `builtins.toJSON` (and the JSON output) cannot convert one.",
        "Call the function, or remove it from the value you convert.",
    ),
    "integer-overflow": (
        "The number is too big",
        "Nix integers have 64 bits (up to 9223372036854775807), and this result does not fit.",
        "Use smaller numbers, or floats (`1.0 * n`) when precision does not matter.",
    ),
    "no-network": (
        "No network here",
        "nixlite evaluates without network access, so fetchers (`fetchurl`, `fetchTarball`, `fetchGit` "
        "...) cannot download anything.",
        "Put the files you need next to your program and use paths (`./file.nix`) instead.",
    ),
    "interrupted": (
        "Evaluation stopped",
        "The evaluation was stopped (by you, or because it ran longer than the time limit). Programs that "
        "never end are usually a recursion without a base case.",
        "Check for endless recursion; raise the time limit in Settings if the program is just slow.",
    ),
}

_ARTICLE = re.compile(r"^(?:a|an) ")


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions, swaps)."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[lb]


def suggest(name: str, candidates, limit: int = 3) -> list[str]:
    """The candidates closest to ``name`` (a typo's likely meaning), best first."""
    best = []
    allowed = max(1, min(3, len(name) // 3))
    low = name.lower()
    for c in set(candidates):
        if not isinstance(c, str) or c == name or c.startswith("__"):
            continue
        if c.lower() == low:
            d = 0
        elif abs(len(c) - len(name)) > allowed:
            continue
        else:
            d = edit_distance(name, c)
            if d > allowed:
                continue
        best.append((d, c))
    best.sort()
    return [c for _d, c in best[:limit]]


# ---------------------------------------------------------------- classifying

_SIMPLE = [
    (re.compile(r"^attribute '(?P<name>.*)' missing$"), "missing-attribute"),
    (re.compile(r"^attempt to call something which is not a function but (?P<actual>.+)$"), "not-a-function"),
    (re.compile(r"called without required argument '(?P<name>.*)'$"), "missing-argument"),
    (re.compile(r"called with unexpected argument '(?P<name>.*)'$"), "unexpected-argument"),
    (re.compile(r"^infinite recursion encountered"), "infinite-recursion"),
    (re.compile(r"^stack overflow"), "stack-overflow"),
    (re.compile(r"^cannot coerce a set to a string"), "coerce-set"),
    (re.compile(r"^cannot coerce a function to a string"), "coerce-function"),
    (re.compile(r"^cannot coerce (?:an integer|a float) to a string"), "coerce-number"),
    (re.compile(r"^cannot coerce (?P<actual>.+) to a string"), "coerce-other"),
    (re.compile(r"is not allowed to refer to a store path"), "string-context"),
    (re.compile(r"must not contain a reference to a derivation"), "tofile-derivation"),
    (re.compile(r"^assertion '(?P<condition>.*)' failed", re.S), "assertion-failed"),
    (re.compile(r"^getting status of '(?P<path>.*)': No such file"), "import-missing-file"),
    (re.compile(r"^opening file '(?P<path>.*)': No such file"), "read-missing-file"),
    (re.compile(r"^file '(?P<name>.*)' was not found in the Nix search path"), "search-path"),
    (re.compile(r"^evaluation aborted with the following error message"), "aborted"),
    (re.compile(r"^division by zero"), "division-by-zero"),
    (re.compile(r"^list index (?P<index>-?\d+) is out of bounds"), "index-out-of-bounds"),
    (re.compile(r"^attribute '(?P<name>.*)' already defined at"), "duplicate-attribute"),
    (re.compile(r"^cannot compare (?P<left>.+) with (?P<right>.+)$"), "cannot-compare"),
    (re.compile(r"^cannot add (?P<left>.+) to (?P<right>.+)$"), "cannot-add"),
    (re.compile(r"^required attribute '(?P<name>.*)' missing"), "derivation-attribute"),
    (re.compile(r"^\[json\.exception\.parse_error[^\]]*\] (?P<detail>.*)$", re.S), "json-parse"),
    (re.compile(r"^cannot convert a function to JSON"), "to-json"),
    (re.compile(r"^integer overflow"), "integer-overflow"),
    (re.compile(r"^not available: nixlite has no network access"), "no-network"),
    (re.compile(r"^evaluation interrupted"), "interrupted"),
]

_WRONG_TYPE = re.compile(r"^value is (?P<actual>.+?) while (?P<expected>.+?) was expected$")
_EXPECTED = {"a set": "select-from-non-set", "a Boolean": "expected-bool", "a list": "expected-list",
             "a string": "expected-string", "an integer": "expected-number", "a float": "expected-number"}
_UNDEFINED = re.compile(r"^undefined variable '(?P<name>.*)'$")
_SYNTAX = re.compile(r"^syntax error, unexpected (?P<found>.+?)(?:, expecting (?P<expecting>.+))?$", re.S)

_OPENERS = {"LBRACE": "{", "FORMALS_LBRACE": "{", "DOLLAR_CURLY": "${", "LBRACK": "[", "LPAREN": "("}
_CLOSERS = {"RBRACE": "}", "RBRACK": "]", "RPAREN": ")"}
_MATCH = {"{": "}", "${": "}", "[": "]", "(": ")"}


def _source_of(err):
    span = getattr(err, "span", None)
    if getattr(span, "source", None) is None:
        for _what, sp in getattr(err, "trace", ()) or ():
            if sp is not None:
                return sp.source, sp
        return None, None
    return span.source, span


def _found(text: str) -> str:
    """A token name of a syntax error in words."""
    if text == "end of file":
        return "the end of the file"
    if text.startswith("'") and text.endswith("'"):
        return "`" + text[1:-1] + "`"
    return {"IN": "the keyword `in`", "ID": "a name", "INT": "a number", "STR": "a string", "THEN": "`then`",
            "ELSE": "`else`", "LET": "`let`", "DQUOTE": "`\"`", "COLON": "`:`"}.get(text, "`" + text.lower() + "`")


def _tokens(text: str):
    from .syntax.lexer import tokenize
    try:
        return [t for t in tokenize(text) if t.type != "ERROR"]
    except Exception:  # noqa: BLE001 - a lexing problem here only means: no detail
        return []


def _open_before(toks, offset: int) -> list:
    """The brackets still open just before ``offset``, innermost last."""
    stack: list = []
    for t in toks:
        if t.start >= offset:
            break
        if t.type in _OPENERS:
            stack.append(t)
        elif t.type in _CLOSERS and stack:
            stack.pop()
    return stack


def _unclosed(source, tok, fields: dict) -> str:
    line, col = source.char_position(tok.start)
    opener = _OPENERS[tok.type]
    fields.update(opener=opener, closer=_MATCH[opener], line=line, column=col)
    return "missing-close"


def _syntax_kind(m, source, span, fields: dict) -> str:
    found, expecting = m.group("found"), m.group("expecting") or ""
    fields["found"] = _found(found)
    toks = _tokens(source.text) if source is not None else []
    if "'\"'" in expecting:
        fields["quote"] = "`\"`"
        return "unterminated-string"
    if "IND_STRING_CLOSE" in expecting:
        fields["quote"] = "`''`"
        return "unterminated-string"
    if expecting == "ELSE" or expecting.startswith("ELSE "):
        return "missing-else"
    if "';'" in expecting or expecting == "';'":
        return "missing-semicolon"
    if found == "end of file":
        # the innermost bracket left open, else a ``let`` without ``in``
        stack = []
        for t in toks:
            if t.type in _OPENERS:
                stack.append(t)
            elif t.type in _CLOSERS and stack:
                stack.pop()
        lets = sum(1 for i, t in enumerate(toks) if t.type == "LET"
                   and not (i + 1 < len(toks) and toks[i + 1].type == "LBRACE"))
        ins = sum(1 for t in toks if t.type == "IN")
        if lets > ins and (not stack or (source is not None and _after_let(toks, stack[-1]))):
            return "missing-in"
        if stack:
            return _unclosed(source, stack[-1], fields)
        return "unexpected-eof"
    if found == "','" and span is not None:
        stack = _open_before(toks, span.start)
        if stack and stack[-1].type == "LBRACK":
            return "list-comma"
    if found == "';'" and span is not None:
        stack = _open_before(toks, span.start)
        if stack and stack[-1].type in ("LBRACK", "LPAREN"):
            return _unclosed(source, stack[-1], fields)
    if found in ("'}'", "']'", "')'") and "end of file" in expecting:
        fields["found"] = found[1:-1]
        return "unexpected-close"
    if found in ("'}'", "']'", "')'"):
        depth = 0
        for t in toks:
            if t.type in _OPENERS:
                depth += 1
            elif t.type in _CLOSERS:
                depth -= 1
        if depth < 0:
            fields["found"] = found[1:-1]
            return "unexpected-close"
    return "syntax-error"


def _after_let(toks, opener) -> bool:
    """Whether the last unclosed bracket was opened before the last ``let`` (so the ``let`` is the open thing)."""
    last_let = max((t.start for t in toks if t.type == "LET"), default=-1)
    return last_let > opener.start


def _parse(source):
    from .syntax.parser import parse
    try:
        return parse(source)
    except Exception:  # noqa: BLE001 - no AST, no scope-based suggestions
        return None


def _children(n) -> list:
    """The child nodes of an AST node."""
    from .syntax.ast import Node
    out: list = []
    for cls in type(n).__mro__:
        for k in getattr(cls, "__slots__", ()):
            if k in ("start", "end"):
                continue
            v = getattr(n, k, None)
            if isinstance(v, Node):
                out.append(v)
            elif isinstance(v, list):
                out.extend(x for x in v if isinstance(x, Node))
            elif isinstance(v, dict):
                out.extend(x for x in v.values() if isinstance(x, Node))
    return out


def _is_with_env(source, offset: int) -> bool:
    """Whether the error at ``offset`` comes from a ``with``: its set
    expression starts there, or a variable looked up through it does."""
    from .syntax.ast import With
    tree = _parse(source)
    stack = [tree] if tree is not None else []
    while stack:
        n = stack.pop()
        if type(n) is With and n.env.start == offset:
            return True
        stack.extend(_children(n))
    found = _scope_at(source, offset)
    return found is not None and found[1] and found[2] not in found[0]


def names_in_scope(source, offset: int) -> list[str] | None:
    """The names bound by ``let``, functions and ``rec`` around the variable at
    ``offset`` (plus the keys of literal sets given to ``with``); None when
    the source cannot be parsed or no variable starts there."""
    found = _scope_at(source, offset)
    return None if found is None else list(found[0])


def _scope_at(source, offset: int):
    """(names in scope, inside a ``with``?, the name) for the variable at ``offset``, or None."""
    from .syntax import ast as A
    tree = _parse(source)
    if tree is None:
        return None
    stack = [(tree, (), False)]
    while stack:
        n, env, in_with = stack.pop()
        t = type(n)
        if t is A.Var:
            if n.start == offset:
                return env, in_with, n.name
            continue
        if not isinstance(n, A.Node) or not (n.start <= offset < max(n.end, n.start + 1)):
            continue
        if t in (A.AttrSet, A.Let, A.LegacyLet):
            attrs = n if t is A.AttrSet else n.bindings
            inner = env + tuple(attrs.attrs) if (t is not A.AttrSet or attrs.rec) else env
            for d in attrs.attrs.values():
                stack.append((d.value, env if d.kind == A.INHERIT else inner, in_with))
            for dyn in attrs.dynamic:
                stack.append((dyn.key, inner, in_with))
                stack.append((dyn.value, inner, in_with))
            if t is A.Let:
                stack.append((n.body, inner, in_with))
        elif t is A.Lambda:
            names = ((n.arg,) if n.arg else ()) + tuple(e.name for e in (n.formals.entries if n.formals else ()))
            inner = env + names
            for e in (n.formals.entries if n.formals else ()):
                if e.default is not None:
                    stack.append((e.default, inner, in_with))
            stack.append((n.body, inner, in_with))
        elif t is A.With:
            stack.append((n.env, env, in_with))
            extra = tuple(n.env.attrs) if type(n.env) is A.AttrSet else ()
            stack.append((n.body, env + extra, True))
        else:
            stack.extend((k, env, in_with) for k in _children(n))
    return None


def _global_names() -> tuple[set, set]:
    """(the names visible everywhere, the attributes of ``builtins``)."""
    from .syntax.printer import DEFAULT_GLOBALS
    top = {n for n in DEFAULT_GLOBALS if not n.startswith("__")}
    attrs = {n[2:] if n.startswith("__") else n for n in DEFAULT_GLOBALS} - {"builtins"}
    return top, attrs


def _classify(message: str, err, source, span) -> tuple[str | None, dict]:
    fields: dict = {}
    m = _UNDEFINED.match(message)
    if m:
        fields.update(m.groupdict())
        from .errors import ParseError
        if err is not None and not isinstance(err, ParseError):
            return "undefined-variable-with", fields     # a lookup through ``with`` at run time
        return "undefined-variable", fields
    m = _WRONG_TYPE.match(message)
    if m:
        fields.update(m.groupdict())
        kind = _EXPECTED.get(m.group("expected"), "wrong-type")
        if kind == "select-from-non-set" and source is not None and span is not None \
                and _is_with_env(source, span.start):
            kind = "with-not-a-set"
        return kind, fields
    m = _SYNTAX.match(message)
    if m:
        return _syntax_kind(m, source, span, fields), fields
    for rx, kind in _SIMPLE:
        m = rx.search(message)
        if m:
            fields.update(m.groupdict())
            return kind, fields
    from .errors import ThrowError
    if isinstance(err, ThrowError):
        return "thrown", fields
    return None, fields


def _notes(kind: str, fields: dict, err, source, span) -> tuple[list[str], list[str]]:
    """(suggestions, extra sentences) for ``kind``."""
    name = fields.get("name", "")
    suggestions: list[str] = []
    notes: list[str] = []
    if kind == "undefined-variable":
        top, builtin_attrs = _global_names()
        scope = names_in_scope(source, span.start) if (source is not None and span is not None) else None
        suggestions = suggest(name, set(scope or ()) | top)
        if name in builtin_attrs and name not in top:
            suggestions.insert(0, "builtins." + name)
            notes.append(f"`{name}` is not a global name: it lives in `builtins`, so write `builtins.{name}`.")
        elif not suggestions:
            near = suggest(name, builtin_attrs)
            suggestions = ["builtins." + n for n in near]
    elif kind == "undefined-variable-with":
        names = getattr(err, "names", None)
        if names:
            suggestions = suggest(name, names)
        scope = names_in_scope(source, span.start) if (source is not None and span is not None) else None
        if scope:
            suggestions += [s for s in suggest(name, scope) if s not in suggestions]
    elif kind in ("missing-attribute", "unexpected-argument"):
        names = getattr(err, "names", None)
        if names is not None:
            names = [n for n in names if isinstance(n, str)]
            suggestions = suggest(name, names)
            shown = sorted(n for n in names if not n.startswith("__"))
            what = "The set has" if kind == "missing-attribute" else "The function accepts"
            if not shown:
                notes.append("The set is empty." if kind == "missing-attribute" else "")
            elif len(shown) <= 12:
                notes.append(f"{what}: " + ", ".join(f"`{n}`" for n in shown) + ".")
            else:
                notes.append(f"{what} {len(shown)} attributes, such as " + ", ".join(f"`{n}`" for n in shown[:8]) + ".")
    elif kind == "missing-argument":
        passed = [n for n in (getattr(err, "names", None) or ()) if isinstance(n, str)]
        near = suggest(name, passed, limit=1)
        if near:
            notes.append(f"The set passed has `{near[0]}`: a misspelling of `{name}`?")
    elif kind == "select-from-non-set":
        actual = fields.get("actual", "")
        if actual == "a function":
            notes.append("A function in place of a set usually means it was not called: a file like "
                         "`{ pkgs }: ...` must be applied to its argument (`import ./f.nix { ... }`) "
                         "before you select from its result.")
        elif actual == "null":
            notes.append("`null` often comes from an optional value that was not set; `x.a or default` "
                         "does not help here, test `x != null` first.")
    elif kind == "not-a-function" and fields.get("actual") == "a set":
        notes.append("A set is not a function; to get one of its attributes write `set.name`, not `set name`.")
    return [s for s in suggestions if s], [n for n in notes if n]


def explain_message(message: str, err=None) -> dict | None:
    """The explanation for an error ``message`` (``err``, if given, adds the
    source, the class and the names it carries). None for unknown errors."""
    try:
        source, span = _source_of(err) if err is not None else (None, None)
        kind, fields = _classify(message, err, source, span)
        if kind is None:
            return None
        title, text, fix = KINDS[kind]
        fields.setdefault("actual", "something else")
        fields.setdefault("expected", "another type")
        fields.setdefault("found", "a token")
        for k, v in list(fields.items()):
            if isinstance(v, str) and len(v) > 200:
                fields[k] = v[:200] + "…"
        fmt = _Fields(fields)
        suggestions, notes = _notes(kind, fields, err, source, span)
        explanation = text.format_map(fmt)
        if notes:
            explanation += " " + " ".join(notes)
        result = {"kind": kind, "title": title.format_map(fmt), "explanation": explanation,
                  "fix": fix.format_map(fmt), "suggestions": suggestions}
        if kind == "missing-close":
            result["line"], result["column"] = fields["line"], fields["column"]
        return result
    except Exception:  # noqa: BLE001 - an explanation must never turn into a second error
        return None


class _Fields(dict):
    def __missing__(self, key):
        return "?"


def explain(err) -> dict | None:
    """The explanation of a ``NixError`` (see the module docstring), or None."""
    return explain_message(getattr(err, "msg", str(err)), err)
