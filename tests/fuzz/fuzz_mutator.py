"""A mutator of Nix programs for the fuzzer: takes a corpus or suite program
and applies one to three token-level edits (delete, duplicate, swap, replace
a literal by an edge value, replace a name, insert a generated expression or
a builtin call), so that the result is often still a program and sometimes
not. Deterministic for a given seed."""

from __future__ import annotations

import random
import re

from fuzz_generator import EDGE_FLOATS, EDGE_INTS, NAMES, Gen

# strings (with escapes), indented strings, numbers, names, paths, operators, brackets
_TOKEN = re.compile(r'''"(?:[^"\\]|\\.)*"|''(?:[^']|'(?!'))*''|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|'''
                    r'''[A-Za-z_][A-Za-z0-9_'-]*|[./~<][^\s;(){}\[\]]*|\$\{|==|!=|<=|>=|&&|\|\||->|\+\+|//|\S''',
                    re.S)


def tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


def mutate(text: str, seed: int) -> str:
    r = random.Random(seed)
    g = Gen(seed ^ 0x5EED)
    for _ in range(r.randint(1, 3)):
        spans = tokens(text)
        if not spans:
            return g.program()
        i = r.randrange(len(spans))
        a, b = spans[i]
        tok = text[a:b]
        k = r.choice([0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7])
        if k == 0:                                   # delete
            text = text[:a] + text[b:]
        elif k == 1:                                 # duplicate
            text = text[:b] + " " + tok + text[b:]
        elif k == 2:                                 # swap with another token
            j = r.randrange(len(spans))
            c, d = spans[j]
            if c > b:
                text = text[:a] + text[c:d] + text[b:c] + tok + text[d:]
            elif d < a:
                text = text[:c] + tok + text[d:a] + text[c:d] + text[b:]
        elif k == 3 and tok[:1].isdigit():           # an edge number
            text = text[:a] + r.choice(EDGE_INTS + EDGE_FLOATS) + text[b:]
        elif k == 3 and tok[:1] == '"':              # an edge string
            text = text[:a] + r.choice(['""', '"é"', '"\\${x}"', '"a\\nb"', g.bad_utf8()]) + text[b:]
        elif k == 4 and re.match(r"[A-Za-z_]", tok):  # another name
            text = text[:a] + r.choice(NAMES + ["builtins", "null", "true", "or", "rec", "let", "in"]) + text[b:]
        elif k == 5:                                 # a generated expression in place of a token
            text = text[:a] + "(" + g.expr(2) + ")" + text[b:]
        elif k == 6:                                 # a builtin applied to something here
            text = text[:a] + "(" + g.builtin_call(2) + ")" + text[b:]
        else:                                        # insert an atom
            text = text[:b] + " " + g.atom() + text[b:]
    return text
