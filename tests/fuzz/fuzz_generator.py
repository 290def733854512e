"""A grammar-based generator of Nix programs, for the fuzzer (``run.py``).

``Gen(seed).program()`` returns the text of one random program drawn from
the whole language: literals with edge values (huge and negative ints,
NaN and infinities made by arithmetic, escapes, invalid UTF-8 made with
``substring``), indented strings and interpolation, paths and search paths,
lists, attribute sets (``rec``, nested and dynamic keys, ``inherit``),
``let``, ``with``, ``if``, ``assert``, lambdas with formals, defaults and
``@``-patterns, application, selection with ``or``, ``?``, every operator,
and builtins called with arguments of the right and of the wrong type.
Sizes stay small (counts below a few hundred), so a program that does not
finish quickly is a finding, not bad luck. The same seed always gives the
same programs: the generator depends on nothing but ``random.Random``.
"""

from __future__ import annotations

import random

# name -> arity: the builtins of current Nix that need no network (kept here,
# not read from nixlite, so that a seed gives the same programs for any version)
BUILTINS = {
    "abort": 1, "add": 2, "addErrorContext": 2, "all": 2, "any": 2, "appendContext": 2,
    "attrNames": 1, "attrValues": 1, "baseNameOf": 1, "bitAnd": 2, "bitOr": 2, "bitXor": 2,
    "catAttrs": 2, "ceil": 1, "compareVersions": 2, "concatLists": 1, "concatMap": 2,
    "concatStringsSep": 2, "convertHash": 1, "deepSeq": 2, "dirOf": 1, "div": 2, "elem": 2,
    "elemAt": 2, "filter": 2, "findFile": 2, "floor": 1, "foldl'": 3, "fromJSON": 1,
    "fromTOML": 1, "functionArgs": 1, "genList": 2, "genericClosure": 1, "getAttr": 2,
    "getContext": 1, "getEnv": 1, "groupBy": 2, "hasAttr": 2, "hasContext": 1, "hashString": 2,
    "head": 1, "intersectAttrs": 2, "isAttrs": 1, "isBool": 1, "isFloat": 1, "isFunction": 1,
    "isInt": 1, "isList": 1, "isNull": 1, "isPath": 1, "isString": 1, "length": 1,
    "lessThan": 2, "listToAttrs": 1, "map": 2, "mapAttrs": 2, "match": 2, "mul": 2,
    "parseDrvName": 1, "partition": 2, "pathExists": 1, "placeholder": 1, "readDir": 1,
    "readFile": 1, "readFileType": 1, "removeAttrs": 2, "replaceStrings": 3, "seq": 2,
    "sort": 2, "split": 2, "splitVersion": 1, "stringLength": 1, "sub": 2, "substring": 3,
    "tail": 1, "throw": 1, "toFile": 2, "toJSON": 1, "toPath": 1, "toString": 1, "toXML": 1,
    "trace": 2, "tryEval": 1, "typeOf": 1, "unsafeDiscardStringContext": 1,
    "unsafeGetAttrPos": 2, "zipAttrsWith": 2, "hashFile": 2, "storePath": 1,
    "unsafeDiscardOutputDependency": 1, "parseFlakeRef": 1, "flakeRefToString": 1,
    "fetchurl": 1, "fetchTarball": 1, "fetchGit": 1, "path": 1, "filterSource": 2,
    "derivation": 1, "import": 1, "scopedImport": 2,
}

NAMES = ["a", "b", "c", "x", "y", "f", "s", "xs", "n"]
EDGE_INTS = ["0", "1", "-1", "2", "7", "9223372036854775807", "(-9223372036854775807 - 1)",
             "4294967296", "(-3)", "255", "1000000"]
EDGE_FLOATS = ["0.0", "1.5", "(-0.0)", "1e308", "1.0e-320", "(1.0e308 * 10.0)", "(-(1.0e308 * 10.0))",
               "(1.0e308 * 10.0 - 1.0e308 * 10.0)", "3.14159", ".5", "1e5"]
STRING_BODIES = ["", "a", "abc", "hello world", "é", "€uro", "\\n\\t\\\\", "\\${x}", "$", "a.b.c",
                 "1.2.3", "foo-1.0", "/p/a.nix", "x y", "[a-z]+", "(.)(.)", "\\\"q\\\"", "🙂",
                 "sha256", "md5", "0123456789abcdef", "{\\\"a\\\": [1, 2.5, null]}", "a = 1",
                 "github:o/r", "-", ".", "..", "nix/fetchurl.nix"]
PRELUDE = ('let a = 1; b = "s"; c = [ 1 2 ]; x = { a = 1; b = [ ]; c = "t"; }; y = 2.5; f = x: x; '
           's = "str"; xs = [ 3 1 2 ]; n = 3; in ')
WITH_PRELUDE = 'with { a = 1; b = "s"; c = [ 1 2 ]; f = x: x; xs = [ 3 1 2 ]; }; '
OPS = ["+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "->", "++", "//"]


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.depth = 0

    def pick(self, xs):
        return self.r.choice(xs)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def program(self) -> str:
        self.depth = 0
        body = self.expr(self.r.randint(2, 5))
        k = self.r.random()
        if k < 0.6:
            # most names defined, so that programs get past the lookups
            return PRELUDE + body
        if k < 0.8:
            return WITH_PRELUDE + body
        return body

    # ------------------------------------------------------------------ values
    def expr(self, budget: int) -> str:
        if budget <= 0:
            return self.atom()
        kinds = [self.atom, self.list_, self.attrs, self.let, self.with_, self.if_, self.lambda_app,
                 self.binop, self.unop, self.select, self.has_attr, self.builtin_call, self.builtin_call,
                 self.string_interp, self.assert_, self.lambda_, self.rec_attrs, self.indented]
        return self.pick(kinds)(budget - 1)

    def atom(self, budget: int = 0) -> str:
        k = self.r.randint(0, 11)
        if k <= 2:
            return self.pick(EDGE_INTS)
        if k == 3:
            return self.pick(EDGE_FLOATS)
        if k <= 5:
            return self.string()
        if k == 6:
            return self.pick(["true", "false", "null"])
        if k == 7:
            return self.pick(NAMES)                       # maybe undefined: an error
        if k == 8:
            return self.pick(["./.", "/p", "./a.nix", "/p/sub", "<nix/fetchurl.nix>", "<nope>", "~/x",
                              "./x/../y", "/.", "http://example.org/a"])
        if k == 9:
            return self.pick(["[ ]", "{ }", "[ 1 ]", "{ a = 1; }", "(x: x)", "builtins", "builtins.null"])
        if k == 10:
            return self.bad_utf8()
        return self.pick(["import <nix/fetchurl.nix>", "builtins.currentSystem", "builtins.nixVersion",
                          "builtins.langVersion", "__curPos", "builtins.storeDir"])

    def string(self) -> str:
        return '"' + self.pick(STRING_BODIES) + '"'

    def bad_utf8(self) -> str:
        start = self.r.randint(0, 2)
        return f'(builtins.substring {start} 1 "{self.pick(["é", "€", "🙂", "aé"])}")'

    def list_(self, budget):
        n = self.r.randint(0, 4)
        return "[ " + " ".join(self.paren(self.expr(budget - 1)) for _ in range(n)) + (" ]" if n else "]")

    def paren(self, e: str) -> str:
        return e if e[:1] in "[{(\"" and self.balanced(e) else f"({e})"

    @staticmethod
    def balanced(e: str) -> bool:
        # a conservative test: wrap unless the text is one bracketed unit
        depth = 0
        for i, ch in enumerate(e):
            if ch in "[{(":
                depth += 1
            elif ch in "]})":
                depth -= 1
                if depth == 0 and i != len(e) - 1:
                    return False
        return depth == 0 and e[-1:] in "]})" and '"' not in e

    def key(self) -> str:
        k = self.r.randint(0, 9)
        if k <= 5:
            return self.pick(NAMES + ["type", "outPath", "__functor", "__toString", "meta"])
        if k == 6:
            return '"' + self.pick(["a b", "", "a$b", "1", "é", "or", "if"]) + '"'
        if k == 7:
            return f"{self.pick(NAMES)}.{self.pick(NAMES)}"
        if k == 8:
            return '"${' + self.pick(['"dyn"', "x", "toString 1", "null"]) + '}"'
        return "${" + self.pick(['"k"', "a", "null", "1"]) + "}"

    def bindings(self, budget, n=None) -> str:
        n = self.r.randint(0, 4) if n is None else n
        out = []
        for _ in range(n):
            if self.chance(0.15):
                src = f"({self.expr(budget - 1)}) " if self.chance(0.5) else ""
                out.append(f"inherit {src}{' '.join(self.r.sample(NAMES, self.r.randint(1, 3)))};")
            else:
                out.append(f"{self.key()} = {self.expr(budget - 1)};")
        return " ".join(out)

    def attrs(self, budget):
        b = self.bindings(budget)
        return "{ " + b + (" }" if b else "}")

    def rec_attrs(self, budget):
        return "rec { " + self.bindings(budget) + " }"

    def let(self, budget):
        names = self.r.sample(NAMES, self.r.randint(1, 3))
        binds = " ".join(f"{n} = {self.expr(budget - 1)};" for n in names)
        return f"let {binds} in {self.expr(budget - 1)}"

    def with_(self, budget):
        return f"with {self.paren(self.expr(budget - 1))}; {self.expr(budget - 1)}"

    def if_(self, budget):
        return f"if {self.expr(budget - 1)} then {self.expr(budget - 1)} else {self.expr(budget - 1)}"

    def assert_(self, budget):
        return f"assert {self.expr(budget - 1)}; {self.expr(budget - 1)}"

    def formals(self, budget) -> str:
        names = self.r.sample(NAMES, self.r.randint(0, 3))
        parts = []
        for n in names:
            parts.append(f"{n} ? {self.expr(budget - 2)}" if self.chance(0.4) else n)
        if self.chance(0.4):
            parts.append("...")
        f = "{ " + ", ".join(parts) + " }"
        if self.chance(0.3):
            f = f + "@args" if self.chance(0.5) else "args@" + f
        return f

    def lambda_(self, budget):
        if self.chance(0.5):
            return f"{self.pick(NAMES)}: {self.expr(budget - 1)}"
        return f"{self.formals(budget)}: {self.expr(budget - 1)}"

    def lambda_app(self, budget):
        if self.chance(0.5):
            fn = f"({self.formals(budget)}: {self.expr(budget - 1)})"
            return f"{fn} {self.pick([self.attrs(budget - 1), '{ }', '{ a = 1; x = 2; }'])}"
        fn = self.paren(self.lambda_(budget))
        return f"{fn} {self.paren(self.expr(budget - 1))}"

    def binop(self, budget):
        return f"{self.paren(self.expr(budget - 1))} {self.pick(OPS)} {self.paren(self.expr(budget - 1))}"

    def unop(self, budget):
        return f"{self.pick(['!', '-'])}{self.paren(self.expr(budget - 1))}"

    def select(self, budget):
        path = ".".join(self.key() for _ in range(self.r.randint(1, 2)))
        alt = f" or {self.paren(self.expr(budget - 1))}" if self.chance(0.3) else ""
        return f"{self.paren(self.expr(budget - 1))}.{path}{alt}"

    def has_attr(self, budget):
        return f"{self.paren(self.expr(budget - 1))} ? {self.key()}"

    def string_interp(self, budget):
        return '"pre ${' + self.expr(budget - 1) + '} post"'

    def indented(self, budget):
        return "''\n  line ${" + self.expr(budget - 1) + "}\n    ''${x} '''\n''"

    def builtin_call(self, budget):
        name = self.pick(list(BUILTINS))
        arity = BUILTINS[name]
        n = arity if self.chance(0.85) else self.r.randint(0, arity + 1)
        args = [self.arg_for(name, i, budget) for i in range(n)]
        head = f"builtins.{name}" if name not in ("derivation", "import") or self.chance(0.5) else name
        return " ".join([head] + args) if args else head

    def arg_for(self, name: str, i: int, budget: int) -> str:
        """Usually an argument of a plausible type, sometimes anything."""
        if self.chance(0.25):
            return self.paren(self.expr(budget - 1))
        fn = self.pick(["(x: x)", "(x: y: x)", "(a: b: a < b)", "builtins.lessThan", "(x: true)",
                        "(x: [ x ])", "(x: { name = toString x; value = x; })", "(n: v: v)",
                        "(x: throw \"t\")", "builtins.add", "(x: x + 1)", "(x: \"k\")"])
        lst = self.pick(["[ ]", "[ 1 ]", "[ 3 1 2 ]", "[ \"b\" \"a\" ]", "[ 1 \"a\" ]", "[ [ 1 ] [ ] ]",
                         "[ { key = 1; } { key = 2; } ]", "(builtins.genList (x: x) 20)",
                         "[ (1.0e308 * 10.0 - 1.0e308 * 10.0) 1 0.5 ]", "[ null true ]",
                         "[ { name = \"a\"; value = 1; } ]"])
        st = self.pick(STRING_BODIES)
        table = {
            "map": [fn, lst], "filter": [fn, lst], "all": [fn, lst], "any": [fn, lst], "sort": [fn, lst],
            "concatMap": [fn, lst], "partition": [fn, lst], "groupBy": [fn, lst], "foldl'": [fn, "0", lst],
            "genList": [fn, self.pick(EDGE_INTS[:5] + ["10"])], "elem": ["1", lst], "elemAt": [lst, "0"],
            "substring": [self.pick(EDGE_INTS), self.pick(EDGE_INTS), f'"{st}"'],
            "replaceStrings": [f'[ "{st}" ]', '[ "x" ]', f'"{st}"'], "match": [f'"{st}"', f'"{st}"'],
            "split": [f'"{st}"', f'"{st}"'], "mapAttrs": ["(n: v: v)", "{ a = 1; }"],
            "listToAttrs": [lst], "genericClosure": ["{ startSet = [ { key = 1; } ]; operator = x: [ ]; }"],
            "derivation": ['{ name = "d"; builder = "b"; system = "s"; }'],
            "hashString": [self.pick(['"sha256"', '"md5"', '"sha1"', '"sha512"', '"nope"']), f'"{st}"'],
            "toFile": [f'"{self.pick(["x", "a b", "", "x.nix"])}"', self.pick([f'"{st}"', self.bad_utf8()])],
            "fetchurl": ["{ url = " + self.paren(self.atom()) + "; }"],
            "fetchTarball": ["{ url = " + self.paren(self.atom()) + "; }"],
            "fetchGit": ["{ url = " + self.paren(self.atom()) + "; }"],
            "flakeRefToString": ['{ type = "github"; owner = "o"; repo = "r"; '
                                 + self.pick(["rev", "ref", "x", "dir"]) + " = " + self.paren(self.atom()) + "; }"],
            "parseFlakeRef": [f'"{self.pick(["github:o/r", "path:/p", "git+https://h/r?ref=x", st])}"'],
        }
        if name == "derivation" and i == 0:
            return ('{ name = "d"; builder = "b"; system = "s"; ' + self.pick(NAMES) + " = "
                    + self.paren(self.atom()) + "; }")
        choices = table.get(name)
        if choices and i < len(choices):
            return choices[i]
        return self.pick([f'"{st}"', lst, "{ a = 1; }", self.pick(EDGE_INTS), self.pick(EDGE_FLOATS),
                          "null", "./.", fn, self.bad_utf8()])
