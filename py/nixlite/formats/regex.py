"""POSIX extended regular expressions as C++ Nix runs them (``match``, ``split``).

C++ Nix compiles regexes with ``std::regex(re, std::regex::extended)`` and
libstdc++ runs them on the UTF-8 bytes of the string. This module copies
that exactly: a parser that mirrors libstdc++'s scanner and compiler (which
escapes and bracket expressions are valid, ``[[:w:]]``, ``[[.zero.]]``,
``[[=a=]]``, its NFA state limit) builds both a Python ``re`` pattern (on
bytes) and an NFA in libstdc++'s own shape, run by an emulation of its
depth-first executor.

Why two matchers: libstdc++'s "POSIX" matching is neither Perl's nor POSIX's.
A search explores both branches of every ``|`` and keeps the longest match
(ties: the left one), but a greedy repetition that found any match with one
more iteration never tries fewer (``split "(a*)(ab)?" "aab"`` matches "aa"),
and an empty iteration may run twice at one position. Python's ``re`` gives
the same answers whenever no ``|`` is searched for and no repeated
sub-pattern can match the empty string; then it runs (fast, in C). Otherwise
the emulation runs (slower, exact). Whole-string ``match`` takes the first
match in depth-first order in both, so only empty-matching repetitions send
it to the emulation.

Results carry no string context (C++ Nix builds them from plain strings),
except ``split`` without any match, which returns the subject string itself.
"""

from __future__ import annotations

import functools
import itertools
import re as _re

from ..errors import EvalError

__all__ = ["Regex", "compile_regex", "match", "split"]

# libstdc++'s _GLIBCXX_REGEX_STATE_LIMIT: more NFA states is error_space.
STATE_LIMIT = 100000

# ---------------------------------------------------------------------------
# Character classes of the "C" locale (std::regex_traits<char> uses the
# classic locale: ASCII only, bytes >= 0x80 belong to no class).

_ASCII = range(128)


def _cls(pred) -> frozenset:
    return frozenset(c for c in _ASCII if pred(chr(c)))


_CLASSES = {
    "alnum": _cls(str.isalnum),
    "alpha": _cls(str.isalpha),
    "blank": frozenset(b" \t"),
    "cntrl": frozenset(list(range(32)) + [127]),
    "digit": _cls(str.isdigit),
    "graph": frozenset(range(33, 127)),
    "lower": _cls(str.islower),
    "print": frozenset(range(32, 127)),
    "punct": frozenset(c for c in range(33, 127) if not chr(c).isalnum()),
    "space": frozenset(b" \t\n\r\x0b\x0c"),
    "upper": _cls(str.isupper),
    "xdigit": frozenset(b"0123456789abcdefABCDEF"),
}
_CLASSES["d"] = _CLASSES["digit"]
_CLASSES["s"] = _CLASSES["space"]
_CLASSES["w"] = _CLASSES["alnum"] | {ord("_")}

# regex_traits::lookup_collatename: the POSIX names of the 128 ASCII characters
# (index = character code); ``[[.x.]]`` and ``[[=x=]]`` accept only these.
_COLLATE_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK alert backspace tab newline vertical-tab "
    "form-feed carriage-return SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB "
    "ESC IS4 IS3 IS2 IS1 space exclamation-mark quotation-mark number-sign "
    "dollar-sign percent-sign ampersand apostrophe left-parenthesis "
    "right-parenthesis asterisk plus-sign comma hyphen period slash zero one two "
    "three four five six seven eight nine colon semicolon less-than-sign "
    "equals-sign greater-than-sign question-mark commercial-at "
    + " ".join(chr(c) for c in range(65, 91))
    + " left-square-bracket backslash right-square-bracket circumflex underscore "
    "grave-accent " + " ".join(chr(c) for c in range(97, 123))
    + " left-curly-bracket vertical-line right-curly-bracket tilde DEL"
).split()
assert len(_COLLATE_NAMES) == 128
_COLLATE = {name.encode(): code for code, name in enumerate(_COLLATE_NAMES)}


def _lower(c: int) -> int:
    return c + 32 if 65 <= c <= 90 else c


def _signed(c: int) -> int:
    """``char`` is signed on the platforms Nix runs on: ranges compare so."""
    return c - 256 if c >= 128 else c


class _Invalid(Exception):
    """Any std::regex_error but error_space."""


class _Space(Exception):
    """std::regex_error(error_space): too many NFA states."""


# ---------------------------------------------------------------------------
# Scanner: libstdc++'s _Scanner for the extended grammar, one token ahead.

(T_ORD, T_ANY, T_BOL, T_EOL, T_STAR, T_PLUS, T_OPT, T_OR, T_SUB_BEGIN, T_SUB_END,
 T_BRACKET_BEGIN, T_BRACKET_NEG_BEGIN, T_BRACKET_END, T_DASH, T_COLLSYM, T_EQUIV,
 T_CLASS, T_INTERVAL_BEGIN, T_INTERVAL_END, T_DUP_COUNT, T_COMMA, T_EOF) = range(22)

_SPEC = frozenset(b".[\\()*+?{|^$")
_TOKEN_TABLE = {ord("^"): T_BOL, ord("$"): T_EOL, ord("."): T_ANY, ord("*"): T_STAR,
                ord("+"): T_PLUS, ord("?"): T_OPT, ord("|"): T_OR}
_NORMAL, _IN_BRACKET, _IN_BRACE = range(3)


class _Scanner:
    __slots__ = ("at_bracket_start", "i", "p", "state", "token", "value")

    def __init__(self, p: bytes):
        self.p = p
        self.i = 0
        self.state = _NORMAL
        self.at_bracket_start = False
        self.token = T_EOF
        self.value = b""
        self.advance()

    def advance(self) -> None:
        p, i = self.p, self.i
        if i == len(p):
            if self.state != _NORMAL:
                raise _Invalid()      # error_brack / error_badbrace
            self.token = T_EOF
            return
        c = p[i]
        i += 1
        if self.state == _NORMAL:
            if c not in _SPEC:
                self.token, self.value = T_ORD, c
            elif c == 0x5C:                      # backslash
                if i == len(p) or p[i] not in _SPEC:
                    raise _Invalid()             # error_escape
                self.token, self.value = T_ORD, p[i]
                i += 1
            elif c == 0x28:
                self.token = T_SUB_BEGIN
            elif c == 0x29:
                self.token = T_SUB_END
            elif c == 0x5B:
                self.state = _IN_BRACKET
                self.at_bracket_start = True
                if i < len(p) and p[i] == 0x5E:
                    self.token = T_BRACKET_NEG_BEGIN
                    i += 1
                else:
                    self.token = T_BRACKET_BEGIN
            elif c == 0x7B:
                self.state = _IN_BRACE
                self.token = T_INTERVAL_BEGIN
            else:
                self.token = _TOKEN_TABLE[c]
        elif self.state == _IN_BRACKET:
            if c == 0x2D:
                self.token = T_DASH
            elif c == 0x5B:
                if i == len(p):
                    raise _Invalid()
                kind = p[i]
                if kind in b".:=":
                    i += 1
                    j = p.find(bytes((kind, 0x5D)), i)
                    if j < 0:
                        raise _Invalid()         # error_ctype / error_collate
                    # _M_eat_class stops at the first ``kind``: it must be followed by ']'
                    k = p.find(bytes((kind,)), i)
                    if k != j:
                        raise _Invalid()
                    self.value = p[i:j]
                    i = j + 2
                    self.token = {0x2E: T_COLLSYM, 0x3A: T_CLASS, 0x3D: T_EQUIV}[kind]
                else:
                    self.token, self.value = T_ORD, c
            elif c == 0x5D and not self.at_bracket_start:
                self.token = T_BRACKET_END
                self.state = _NORMAL
            else:
                self.token, self.value = T_ORD, c
            self.at_bracket_start = False
        else:                                    # in a brace
            if 0x30 <= c <= 0x39:
                j = i
                while j < len(p) and 0x30 <= p[j] <= 0x39:
                    j += 1
                self.token, self.value = T_DUP_COUNT, p[i - 1:j]
                i = j
            elif c == 0x2C:
                self.token = T_COMMA
            elif c == 0x7D:
                self.state = _NORMAL
                self.token = T_INTERVAL_END
            else:
                raise _Invalid()                 # error_badbrace
        self.i = i


# ---------------------------------------------------------------------------
# The NFA, in libstdc++'s shape (the executor below relies on it).

(S_MATCH, S_ALT, S_REPEAT, S_SUB_BEGIN, S_SUB_END, S_BOL, S_EOL, S_DUMMY,
 S_ACCEPT) = range(9)


class _Frag:
    """A compiled piece: libstdc++'s _StateSeq plus what the Python
    translation needs. ``nullable``: can match the empty string;
    ``alt``: contains ``|``; ``empty_loop``: a repetition whose body can
    match the empty string (Python and libstdc++ differ on those)."""
    __slots__ = ("alt", "empty_loop", "end", "nullable", "py", "start")

    def __init__(self, start, end, py, nullable, alt=False, empty_loop=False):
        self.start, self.end, self.py = start, end, py
        self.nullable, self.alt, self.empty_loop = nullable, alt, empty_loop


class _Compiler:
    def __init__(self, p: bytes):
        self.ops: list = []
        self.nxt: list = []
        self.alt: list = []
        self.arg: list = []
        self.ngroups = 0
        self.sc = _Scanner(p)
        start = self._sub_begin()
        body = self._disjunction()
        if self.sc.token != T_EOF:
            raise _Invalid()                     # error_paren
        self._link(start, body.start)
        end = self._insert(S_SUB_END, 0)
        self._link(body.end, end)
        acc = self._insert(S_ACCEPT)
        self._link(end, acc)
        self.start = start
        self.py = body.py
        self.has_alt = body.alt
        self.empty_loop = body.empty_loop
        self._eliminate_dummies()

    # -- NFA building --------------------------------------------------------
    def _insert(self, op, arg=None, nxt=-1, alt=-1) -> int:
        self.ops.append(op)
        self.arg.append(arg)
        self.nxt.append(nxt)
        self.alt.append(alt)
        if len(self.ops) > STATE_LIMIT:
            raise _Space()
        return len(self.ops) - 1

    def _link(self, a: int, b: int) -> None:
        self.nxt[a] = b

    def _sub_begin(self) -> int:
        k = self.ngroups
        self.ngroups += 1
        return self._insert(S_SUB_BEGIN, k)

    def _clone(self, f: _Frag) -> tuple:
        """_StateSeq::_M_clone: copy the states reachable from start to end."""
        m: dict = {}
        stack = [f.start]
        while stack:
            u = stack.pop()
            if u in m:
                continue
            m[u] = self._insert(self.ops[u], self.arg[u], self.nxt[u], self.alt[u])
            if self.ops[u] in (S_ALT, S_REPEAT):
                a = self.alt[u]
                if a != -1 and a not in m:
                    stack.append(a)
            if u == f.end:
                continue
            n = self.nxt[u]
            if n != -1 and n not in m:
                stack.append(n)
        for v in m.values():
            if self.nxt[v] != -1:
                self.nxt[v] = m[self.nxt[v]]
            if self.ops[v] in (S_ALT, S_REPEAT) and self.alt[v] != -1:
                self.alt[v] = m[self.alt[v]]
        return m[f.start], m[f.end]

    def _eliminate_dummies(self) -> None:
        ops, nxt, alt = self.ops, self.nxt, self.alt
        for i in range(len(ops)):
            while nxt[i] != -1 and ops[nxt[i]] == S_DUMMY:
                nxt[i] = nxt[nxt[i]]
            if ops[i] in (S_ALT, S_REPEAT):
                while alt[i] != -1 and ops[alt[i]] == S_DUMMY:
                    alt[i] = nxt[alt[i]]
        while ops[self.start] == S_DUMMY:       # never: start is SUB_BEGIN(0)
            self.start = nxt[self.start]

    # -- the grammar (libstdc++'s _Compiler, without host recursion) ---------
    def _match(self, tok) -> bool:
        if self.sc.token == tok:
            self.value = self.sc.value
            self.sc.advance()
            return True
        return False

    def _disjunction(self) -> _Frag:
        """disjunction := alternative ('|' alternative)*, groups handled with
        an explicit stack so that deep nesting needs no host recursion."""
        # one context per open group: [group_start_state, accumulated, terms]
        stack: list = []
        acc = None            # the disjunction built so far in this context
        terms: list = []      # the terms of the current alternative
        while True:
            f = self._assertion()
            if f is not None:
                terms.append(f)
                continue
            if self._match(T_SUB_BEGIN):
                stack.append((self._sub_begin(), acc, terms))
                acc, terms = None, []
                continue
            f = self._atom()
            if f is not None:
                terms.append(self._quantifiers(f))
                continue
            # end of an alternative: chain its terms and a trailing dummy
            d = self._insert(S_DUMMY)
            alt_frag = self._chain(terms, d)
            if acc is None:
                acc = alt_frag
            else:
                end = self._insert(S_DUMMY)
                self._link(acc.end, end)
                self._link(alt_frag.end, end)
                a = self._insert(S_ALT, None, alt_frag.start, acc.start)
                acc = _Frag(a, end, acc.py + b"|" + alt_frag.py,
                            acc.nullable or alt_frag.nullable, True,
                            acc.empty_loop or alt_frag.empty_loop)
            if self._match(T_OR):
                terms = []
                continue
            if not stack:
                return acc
            if not self._match(T_SUB_END):
                raise _Invalid()                 # error_paren
            gstart, outer_acc, outer_terms = stack.pop()
            k = self.arg[gstart]
            self._link(gstart, acc.start)
            gend = self._insert(S_SUB_END, k)
            self._link(acc.end, gend)
            g = _Frag(gstart, gend, b"(" + acc.py + b")", acc.nullable, acc.alt, acc.empty_loop)
            acc, terms = outer_acc, outer_terms
            terms.append(self._quantifiers(g))

    def _chain(self, terms: list, dummy: int) -> _Frag:
        if not terms:
            return _Frag(dummy, dummy, b"", True)
        for a, b in itertools.pairwise(terms):
            self._link(a.end, b.start)
        self._link(terms[-1].end, dummy)
        return _Frag(terms[0].start, dummy, b"".join(t.py for t in terms),
                     all(t.nullable for t in terms), any(t.alt for t in terms),
                     any(t.empty_loop for t in terms))

    def _assertion(self):
        if self._match(T_BOL):
            s = self._insert(S_BOL)
            return _Frag(s, s, rb"\A", True)
        if self._match(T_EOL):
            s = self._insert(S_EOL)
            return _Frag(s, s, rb"\Z", True)
        return None

    def _atom(self):
        if self._match(T_ANY):
            table = bytes([0] + [1] * 255)
            s = self._insert(S_MATCH, table)
            return _Frag(s, s, rb"[^\x00]", False)
        if self._match(T_ORD):
            c = self.value
            table = bytearray(256)
            table[c] = 1
            s = self._insert(S_MATCH, bytes(table))
            return _Frag(s, s, _lit(c), False)
        neg = self._match(T_BRACKET_NEG_BEGIN)
        if neg or self._match(T_BRACKET_BEGIN):
            return self._bracket(neg)
        return None

    def _bracket(self, neg: bool) -> _Frag:
        chars: set = set()
        ranges: list = []
        classes: set = set()
        equiv: set = set()
        last = None           # ('c', byte) | 'class' | None: libstdc++'s _BracketState

        def push_char(c):
            nonlocal last
            if isinstance(last, tuple):
                chars.add(last[1])
            last = ("c", c)

        def push_class():
            nonlocal last
            if isinstance(last, tuple):
                chars.add(last[1])
            last = "class"

        def make_range(lo, hi):
            if _signed(lo) > _signed(hi):
                raise _Invalid()                 # error_range
            ranges.append((_signed(lo), _signed(hi)))

        if self._match(T_ORD):
            last = ("c", self.value)
        elif self._match(T_DASH):
            last = ("c", 0x2D)
        while True:
            if self._match(T_BRACKET_END):
                break
            if self._match(T_COLLSYM):
                code = _COLLATE.get(self.value)
                if code is None:
                    raise _Invalid()             # error_collate
                chars.add(code)
                push_char(code)
            elif self._match(T_EQUIV):
                code = _COLLATE.get(self.value)
                if code is None:
                    raise _Invalid()
                push_class()
                equiv.add(_lower(code))
            elif self._match(T_CLASS):
                push_class()
                name = self.value.decode("latin-1").lower()
                if name not in _CLASSES:
                    raise _Invalid()             # error_ctype
                classes.add(name)
            elif self._match(T_ORD):
                push_char(self.value)
            elif self._match(T_DASH):
                if self._match(T_BRACKET_END):
                    push_char(0x2D)
                    break
                if last == "class":
                    raise _Invalid()
                if isinstance(last, tuple):
                    if self._match(T_ORD):
                        make_range(last[1], self.value)
                        last = None
                    elif self._match(T_DASH):
                        make_range(last[1], 0x2D)
                        last = None
                    else:
                        raise _Invalid()
                else:
                    raise _Invalid()             # a dash that starts nothing
            else:
                raise _Invalid()                 # error_brack
        if isinstance(last, tuple):
            chars.add(last[1])
        table = bytearray(256)
        for c in range(256):
            sc = _signed(c)
            hit = (c in chars
                   or any(lo <= sc <= hi for lo, hi in ranges)
                   or any(c in _CLASSES[n] for n in classes)
                   or _lower(c) in equiv)
            table[c] = hit != neg
        s = self._insert(S_MATCH, bytes(table))
        return _Frag(s, s, _py_class(table), False)

    def _quantifiers(self, f: _Frag) -> _Frag:
        while True:
            if self._match(T_STAR):
                r = self._insert(S_REPEAT, None, -1, f.start)
                self._link(f.end, r)
                f = _Frag(r, r, b"(?:" + f.py + b")*", True, f.alt, f.empty_loop or f.nullable)
            elif self._match(T_PLUS):
                r = self._insert(S_REPEAT, None, -1, f.start)
                self._link(f.end, r)
                f = _Frag(f.start, r, b"(?:" + f.py + b")+", f.nullable, f.alt,
                          f.empty_loop or f.nullable)
            elif self._match(T_OPT):
                end = self._insert(S_DUMMY)
                r = self._insert(S_REPEAT, None, -1, f.start)
                self._link(f.end, end)
                self._link(r, end)
                f = _Frag(r, end, b"(?:" + f.py + b")?", True, f.alt, f.empty_loop or f.nullable)
            elif self._match(T_INTERVAL_BEGIN):
                f = self._interval(f)
            else:
                return f

    def _interval(self, r: _Frag) -> _Frag:
        if not self._match(T_DUP_COUNT):
            raise _Invalid()                     # error_badbrace
        e_start = e_end = self._insert(S_DUMMY)
        lo = _int_value(self.value)
        infinite = False
        n = 0
        if self._match(T_COMMA):
            if self._match(T_DUP_COUNT):
                n = _int_value(self.value) - lo
            else:
                infinite = True
        if not self._match(T_INTERVAL_END):
            raise _Invalid()                     # error_brace
        for _ in range(lo):
            cs, ce = self._clone(r)
            self._link(e_end, cs)
            e_end = ce
        if infinite:
            cs, ce = self._clone(r)
            s = self._insert(S_REPEAT, None, -1, cs)
            self._link(ce, s)
            self._link(e_end, s)
            e_end = s
            py = b"(?:" + r.py + b"){%d,}" % lo
        else:
            if n < 0:
                raise _Invalid()                 # error_badbrace
            end = self._insert(S_DUMMY)
            for _ in range(n):
                cs, ce = self._clone(r)
                a = self._insert(S_REPEAT, None, end, cs)   # next = less, alt = more
                self._link(e_end, a)
                e_end = ce
            self._link(e_end, end)
            e_end = end
            py = b"(?:" + r.py + b"){%d,%d}" % (lo, lo + n)
        nullable = lo == 0 or r.nullable
        return _Frag(e_start, e_end, py, nullable, r.alt, r.empty_loop or r.nullable)


def _int_value(digits: bytes) -> int:
    """_M_cur_int_value: a ``long`` that silently wraps around (libstdc++ 12;
    ``x{99999999999}`` is then too many states, not a syntax error)."""
    v = int(digits) & 0xFFFFFFFFFFFFFFFF
    return v - (1 << 64) if v >= (1 << 63) else v


def _lit(c: int) -> bytes:
    return bytes((c,)) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122) else b"\\x%02x" % c


def _py_class(table) -> bytes:
    """A Python bytes character class matching exactly the bytes in ``table``."""
    members = [c for c in range(256) if table[c]]
    if not members:
        return rb"(?!)"
    if len(members) == 256:
        return rb"[\x00-\xff]"
    parts = []
    i = 0
    while i < len(members):
        j = i
        while j + 1 < len(members) and members[j + 1] == members[j] + 1:
            j += 1
        lo, hi = members[i], members[j]
        parts.append(b"\\x%02x" % lo if lo == hi else b"\\x%02x-\\x%02x" % (lo, hi))
        i = j + 1
    return b"[" + b"".join(parts) + b"]"


# ---------------------------------------------------------------------------
# The executor: libstdc++'s _Executor in DFS mode with POSIX flags, run with
# an explicit stack (its own recursion is what crashes C++ Nix on long input).

(K_DFS, K_SETPOS, K_REP_NEXT, K_REP_RESTORE, K_REP_DEC, K_ALT_MID, K_ALT_OR,
 K_RES_FIRST, K_RES_END) = range(9)


class Regex:
    """A compiled Nix regular expression."""
    __slots__ = (
        "alt",
        "arg",
        "fast_match",
        "fast_search",
        "ngroups",
        "nxt",
        "ops",
        "py",
        "source",
        "start",
    )

    def __init__(self, source: str, comp: _Compiler):
        self.source = source
        self.ngroups = comp.ngroups           # including group 0
        self.ops, self.nxt, self.alt, self.arg = comp.ops, comp.nxt, comp.alt, comp.arg
        self.start = comp.start
        try:
            self.py = _re.compile(b"(?:" + comp.py + b")")
        except (RecursionError, _re.error, OverflowError):   # pragma: no cover - very deep nesting
            self.py = None
        ok = self.py is not None and not comp.empty_loop
        self.fast_match = ok
        self.fast_search = ok and not comp.has_alt

    def execute(self, s: bytes, begin: int, exact: bool, not_null: bool = False,
                prev_avail: bool = False):
        """Run the NFA from ``begin``: the spans of group 0..n (None when a group
        did not participate), or None. ``exact`` is regex_match, otherwise
        a match that starts at ``begin`` (libstdc++'s _M_search_from_first)."""
        ops, nxt, alt, arg = self.ops, self.nxt, self.alt, self.arg
        n = len(s)
        ng = self.ngroups
        first = [-1] * ng
        second = [-1] * ng
        best = None
        sol_pos = -1
        has_sol = False
        rep_pos = {}
        rep_cnt = {}
        pos = begin
        stack = [(K_DFS, self.start)]
        pop, push = stack.pop, stack.append
        while stack:
            task = pop()
            kind = task[0]
            if kind == K_DFS:
                i = task[1]
                op = ops[i]
                if op == S_MATCH:
                    if pos < n and arg[i][s[pos]]:
                        push((K_SETPOS, pos))
                        pos += 1
                        push((K_DFS, nxt[i]))
                elif op == S_REPEAT:
                    push((K_REP_NEXT, i))
                    cnt = rep_cnt.get(i, 0)
                    if cnt == 0 or rep_pos[i] != pos:
                        push((K_REP_RESTORE, i, rep_pos.get(i, -1), cnt))
                        rep_pos[i] = pos
                        rep_cnt[i] = 1
                        push((K_DFS, alt[i]))
                    elif cnt < 2:
                        rep_cnt[i] = cnt + 1
                        push((K_REP_DEC, i))
                        push((K_DFS, alt[i]))
                elif op == S_ALT:
                    cell = [False]
                    push((K_ALT_OR, cell))
                    push((K_DFS, nxt[i]))
                    push((K_ALT_MID, cell))
                    push((K_DFS, alt[i]))
                elif op == S_SUB_BEGIN:
                    k = arg[i]
                    push((K_RES_FIRST, k, first[k]))
                    first[k] = pos
                    push((K_DFS, nxt[i]))
                elif op == S_SUB_END:
                    k = arg[i]
                    push((K_RES_END, k, second[k]))
                    second[k] = pos
                    push((K_DFS, nxt[i]))
                elif op == S_BOL:
                    if pos == begin and not prev_avail:
                        push((K_DFS, nxt[i]))
                elif op == S_EOL:
                    if pos == n:
                        push((K_DFS, nxt[i]))
                elif op == S_ACCEPT:
                    has_sol = (pos == n) if exact else True
                    if pos == begin and not_null:
                        has_sol = False
                    if has_sol and (sol_pos < 0 or sol_pos - begin < pos - begin):
                        sol_pos = pos
                        best = [(first[k], second[k]) if second[k] >= 0 else None
                                for k in range(ng)]
                        if exact:
                            # every later solution has the same length, and
                            # only a longer one would replace this one
                            return best
                else:                                # a dummy
                    push((K_DFS, nxt[i]))
            elif kind == K_SETPOS:
                pos = task[1]
            elif kind == K_REP_NEXT:
                if not has_sol:
                    push((K_DFS, nxt[task[1]]))
            elif kind == K_REP_RESTORE:
                rep_pos[task[1]] = task[2]
                rep_cnt[task[1]] = task[3]
            elif kind == K_REP_DEC:
                rep_cnt[task[1]] -= 1
            elif kind == K_ALT_MID:
                task[1][0] = has_sol
                has_sol = False
            elif kind == K_ALT_OR:
                has_sol = has_sol or task[1][0]
            elif kind == K_RES_FIRST:
                first[task[1]] = task[2]
            else:                                    # K_RES_END
                second[task[1]] = task[2]
        return best if has_sol else None

    def search(self, s: bytes, start: int, not_null: bool, continuous: bool,
               prev_avail: bool):
        """std::regex_search from ``start`` with the given flags (emulated)."""
        if continuous:
            if self.py is not None and (start == 0 or prev_avail) and self.py.match(s, start) is None:
                return None          # no match at all starts here (Python is faster to say so)
            return self.execute(s, start, False, not_null, prev_avail)
        p = start
        n = len(s)
        while True:
            if self.py is not None and not not_null:
                # Python finds the leftmost start where any match exists; the
                # set of possible matches is the same, so skip to it.
                m = self.py.search(s, p)
                if m is None:
                    return None
                if m.start() > p:
                    p = m.start()
                    prev_avail = True
            res = self.execute(s, p, False, not_null, prev_avail)
            if res is not None:
                return res
            if p >= n:
                return None
            p += 1
            prev_avail = True


def _decode(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _encode(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


@functools.lru_cache(maxsize=512)
def _compile_cached(regex: str):
    try:
        return Regex(regex, _Compiler(_encode(regex)))
    except _Space:
        return "space"
    except (_Invalid, RecursionError):
        return "invalid"


def compile_regex(regex: str) -> Regex:
    """Compile ``regex`` (cached), or raise Nix's EvalError."""
    r = _compile_cached(str(regex))
    if r == "space":
        raise EvalError(f"memory limit exceeded by regular expression '{regex}'")
    if r == "invalid":
        raise EvalError(f"invalid regular expression '{regex}'")
    return r


def match(regex: str, s: str):
    """``builtins.match``: the groups (str, or None when a group did not
    participate) if ``regex`` matches all of ``s``, else None. No context."""
    r = compile_regex(regex)
    b = _encode(s)
    if r.fast_match:
        m = r.py.fullmatch(b)
        if m is None:
            return None
        return [None if g is None else _decode(g) for g in m.groups()]
    if r.py is not None and r.py.fullmatch(b) is None:
        return None              # whether it matches does not depend on the matcher
    res = r.execute(b, 0, True)
    if res is None:
        return None
    return [None if sp is None else _decode(b[sp[0]:sp[1]]) for sp in res[1:]]


def split(regex: str, s: str) -> list:
    """``builtins.split``: the parts of ``s`` between matches, and between
    them a list of each match's groups. Without any match: ``[s]`` (``s``
    itself, so its context is kept, as C++ Nix does)."""
    r = compile_regex(regex)
    b = _encode(s)
    out: list = []
    prev = 0
    if r.fast_search:
        for m in r.py.finditer(b):
            out.append(_decode(b[prev:m.start()]))
            out.append([None if g is None else _decode(g) for g in m.groups()])
            prev = m.end()
    else:
        # std::sregex_iterator over libstdc++'s regex_search
        n = len(b)
        res = r.search(b, 0, False, False, False)
        prev_avail = False
        while res is not None:
            ms, me = res[0]
            out.append(_decode(b[prev:ms]))
            out.append([None if sp is None else _decode(b[sp[0]:sp[1]]) for sp in res[1:]])
            prev = me
            start = me
            if ms == me:
                if me == n:
                    break
                res = r.search(b, start, True, True, prev_avail)
                if res is not None:
                    continue
                start += 1
            prev_avail = True
            res = r.search(b, start, False, False, True)
    if not out:
        return [s]
    out.append(_decode(b[prev:]))
    return out
