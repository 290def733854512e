"""builtins.toXML and ``nix-instantiate --eval --xml`` output.

Values are built by hand; the expected documents were produced by the
oracle, real Nix 2.8 (``nix-instantiate --eval --xml [--no-location]
[--strict]``), with the file name rewritten to /src/t1.nix.
"""

import pytest

from nixlite.formats.xml import to_xml, to_xml_steps
from nixlite.spans import Source, Span
from nixlite.value import (
    Attrs,
    Builtin,
    Closure,
    FormalsInfo,
    Lambda,
    NixStr,
    Path,
    Thunk,
)

HEAD = "<?xml version='1.0' encoding='utf-8'?>\n<expr>\n"


def lam(arg=None, formals=None, ellipsis=False, span=None):
    lm = Lambda("f", None, span)
    lm.arg_name = arg
    if formals is not None:
        lm.formals = FormalsInfo({n: False for n in formals}, ellipsis, None)
    return Closure.of(lm, [])


class Pending:
    """Marks a suspended thunk in these tests."""


def thunk(value):
    t = Thunk.of(Pending)
    t.up = value
    return t


# tests/lang/eval-okay-xml.exp.xml (identical in 2.8 and 2.26)
LANG_XML = '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<expr>\n  <attrs>\n    <attr name="a">\n      <string value="foo" />\n    </attr>\n    <attr name="at">\n      <function>\n        <attrspat name="args">\n          <attr name="x" />\n          <attr name="y" />\n          <attr name="z" />\n        </attrspat>\n      </function>\n    </attr>\n    <attr name="b">\n      <string value="bar" />\n    </attr>\n    <attr name="c">\n      <string value="foobar" />\n    </attr>\n    <attr name="ellipsis">\n      <function>\n        <attrspat ellipsis="1">\n          <attr name="x" />\n          <attr name="y" />\n          <attr name="z" />\n        </attrspat>\n      </function>\n    </attr>\n    <attr name="f">\n      <function>\n        <attrspat>\n          <attr name="x" />\n          <attr name="y" />\n          <attr name="z" />\n        </attrspat>\n      </function>\n    </attr>\n    <attr name="id">\n      <function>\n        <varpat name="x" />\n      </function>\n    </attr>\n    <attr name="x">\n      <int value="123" />\n    </attr>\n    <attr name="y">\n      <float value="567.89" />\n    </attr>\n  </attrs>\n</expr>\n'


def test_lang_xml():
    v = Attrs(x=123, y=567.890, a="foo", b="bar", c="foobar", f=lam(None, ["z", "x", "y"]),
              id=lam("x"), at=lam("args", ["x", "y", "z"]), ellipsis=lam(None, ["x", "y", "z"], True))
    assert to_xml(v) == LANG_XML


def test_lang_toxml():
    # eval-okay-toxml, eval-okay-toxml2
    assert to_xml(Attrs(a="s")) == HEAD + (
        '  <attrs>\n    <attr name="a">\n      <string value="s" />\n    </attr>\n  </attrs>\n</expr>\n')
    assert to_xml(["ab", 10, Attrs(x="x", y="x")]) == HEAD + (
        '  <list>\n    <string value="ab" />\n    <int value="10" />\n    <attrs>\n'
        '      <attr name="x">\n        <string value="x" />\n      </attr>\n'
        '      <attr name="y">\n        <string value="x" />\n      </attr>\n'
        '    </attrs>\n  </list>\n</expr>\n')


T1_NIX = 'let f = x: x; in\n{ a = 1 + 1; b = [ 1 (2 + 3) "s" ]; c = { x = null; y = true; z = 1.5; w = false; }; d = { p, q ? 2, ... }: p; e = args@{ p }: p; g = x: x; h = builtins.map; i = builtins.add 1; j = ./t1.nix; k = "a<b>&\\"\'\\n\\t\\r"; l = -3; m = 1.0e20; n = 0.1; o = f; p = f; }\n'

# nix-instantiate --eval --xml --strict t1.nix
T1_XML = '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<expr>\n  <attrs>\n    <attr column="3" line="2" name="a" path="/src/t1.nix">\n      <int value="2" />\n    </attr>\n    <attr column="14" line="2" name="b" path="/src/t1.nix">\n      <list>\n        <int value="1" />\n        <int value="5" />\n        <string value="s" />\n      </list>\n    </attr>\n    <attr column="37" line="2" name="c" path="/src/t1.nix">\n      <attrs>\n        <attr column="72" line="2" name="w" path="/src/t1.nix">\n          <bool value="false" />\n        </attr>\n        <attr column="43" line="2" name="x" path="/src/t1.nix">\n          <null />\n        </attr>\n        <attr column="53" line="2" name="y" path="/src/t1.nix">\n          <bool value="true" />\n        </attr>\n        <attr column="63" line="2" name="z" path="/src/t1.nix">\n          <float value="1.5" />\n        </attr>\n      </attrs>\n    </attr>\n    <attr column="86" line="2" name="d" path="/src/t1.nix">\n      <function column="90" line="2" path="/src/t1.nix">\n        <attrspat ellipsis="1">\n          <attr name="p" />\n          <attr name="q" />\n        </attrspat>\n      </function>\n    </attr>\n    <attr column="112" line="2" name="e" path="/src/t1.nix">\n      <function column="116" line="2" path="/src/t1.nix">\n        <attrspat name="args">\n          <attr name="p" />\n        </attrspat>\n      </function>\n    </attr>\n    <attr column="131" line="2" name="g" path="/src/t1.nix">\n      <function column="135" line="2" path="/src/t1.nix">\n        <varpat name="x" />\n      </function>\n    </attr>\n    <attr column="141" line="2" name="h" path="/src/t1.nix">\n      <unevaluated />\n    </attr>\n    <attr column="159" line="2" name="i" path="/src/t1.nix">\n      <unevaluated />\n    </attr>\n    <attr column="179" line="2" name="j" path="/src/t1.nix">\n      <path value="/src/t1.nix" />\n    </attr>\n    <attr column="193" line="2" name="k" path="/src/t1.nix">\n      <string value="a&lt;b&gt;&amp;&quot;\'&#xA;\t\r" />\n    </attr>\n    <attr column="215" line="2" name="l" path="/src/t1.nix">\n      <int value="-3" />\n    </attr>\n    <attr column="223" line="2" name="m" path="/src/t1.nix">\n      <float value="1e+20" />\n    </attr>\n    <attr column="235" line="2" name="n" path="/src/t1.nix">\n      <float value="0.1" />\n    </attr>\n    <attr column="244" line="2" name="o" path="/src/t1.nix">\n      <function column="9" line="1" path="/src/t1.nix">\n        <varpat name="x" />\n      </function>\n    </attr>\n    <attr column="251" line="2" name="p" path="/src/t1.nix">\n      <function column="9" line="1" path="/src/t1.nix">\n        <varpat name="x" />\n      </function>\n    </attr>\n  </attrs>\n</expr>\n'


def _t1():
    src = Source("/src/t1.nix", T1_NIX, "/src/t1.nix")

    def sp(line, col):
        off = src.line_starts()[line - 1] + col - 1
        return Span(src, off, off + 1)

    f = lam("x", span=sp(1, 9))
    a = Attrs(a=2, b=[1, 5, "s"], c=Attrs(x=None, y=True, z=1.5, w=False),
              d=lam(None, ["p", "q"], True, sp(2, 90)), e=lam("args", ["p"], False, sp(2, 116)),
              g=lam("x", span=sp(2, 135)), h=Builtin("map", 2, None), i=Builtin("add", 2, None).partial(1),
              j=Path("/src/t1.nix"), k="a<b>&\"'\n\t\r", l=-3, m=1e20, n=0.1, o=f, p=f)
    cols = {"a": 3, "b": 14, "c": 37, "d": 86, "e": 112, "g": 131, "h": 141, "i": 159, "j": 179,
            "k": 193, "l": 215, "m": 223, "n": 235, "o": 244, "p": 251}
    a.pos = {k: sp(2, c) for k, c in cols.items()}
    a["c"].pos = {"w": sp(2, 72), "x": sp(2, 43), "y": sp(2, 53), "z": sp(2, 63)}
    return a, sp


def test_locations():
    a, _ = _t1()
    assert to_xml(a, location=True) == T1_XML


def test_no_location():
    a, _ = _t1()
    out = to_xml(a, location=False)
    assert "line=" not in out and 'name="a"' in out
    assert out.count("\n") == T1_XML.count("\n")


def test_lazy():
    # nix-instantiate --eval --xml t1.nix (no --strict): unforced values print as <unevaluated />
    a, _ = _t1()
    lazy = Attrs({k: (v if k in ("j", "k", "m", "n") else thunk(v)) for k, v in a.items()})
    lazy.pos = a.pos
    out = to_xml(lazy, location=True, strict=False)
    assert out.count("<unevaluated />") == 11
    assert '<attr column="3" line="2" name="a" path="/src/t1.nix">\n      <unevaluated />' in out
    assert '<float value="1e+20" />' in out


def test_positions_outside_files():
    # current Nix prints no path for code that is not from a file (2.8 printed the source text)
    src = Source("«string»", "{ a = 1; f = x: x; }")
    a = Attrs(a=1, f=lam("x", span=Span(src, 13, 14)))
    a.pos = {"a": Span(src, 2, 3), "f": Span(src, 9, 10)}
    assert to_xml(a, location=True) == HEAD + (
        '  <attrs>\n    <attr column="3" line="1" name="a">\n      <int value="1" />\n    </attr>\n'
        '    <attr column="10" line="1" name="f">\n      <function column="14" line="1">\n'
        '        <varpat name="x" />\n      </function>\n    </attr>\n  </attrs>\n</expr>\n')


# nix-instantiate --eval --xml --no-location --strict --expr 'let d = derivation { name = "foo";
# system = "x"; builder = "/bin/sh"; }; in { drv = d; drvs = [ d d ]; fake = { type = "derivation"; };
# fake2 = { type = "derivation"; drvPath = 1; outPath = "o"; }; ts = { __toString = s: "x"; }; el = [];
# ea = {}; fe = {...}: 1; fl2 = [ 1.0 0.5 1.0e-5 123456789.0 (0.0 * -1) 3.14159265 1.0e6 1.0e-4 100000.0
# 1234567.0 (1.0e308 * 10) (-1.0e308 * 10) ]; }'
T2_XML = '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<expr>\n  <attrs>\n    <attr name="drv">\n      <derivation drvPath="/nix/store/5lrbjzhqc6rh44hbsbiqxp5hlichh878-foo.drv" outPath="/nix/store/ymhw1771dl277kmw5p6485pvqnzlk01n-foo">\n        <attr name="all">\n          <list>\n            <derivation drvPath="/nix/store/5lrbjzhqc6rh44hbsbiqxp5hlichh878-foo.drv" outPath="/nix/store/ymhw1771dl277kmw5p6485pvqnzlk01n-foo">\n              <repeated />\n            </derivation>\n          </list>\n        </attr>\n        <attr name="builder">\n          <string value="/bin/sh" />\n        </attr>\n        <attr name="drvAttrs">\n          <attrs>\n            <attr name="builder">\n              <string value="/bin/sh" />\n            </attr>\n            <attr name="name">\n              <string value="foo" />\n            </attr>\n            <attr name="system">\n              <string value="x" />\n            </attr>\n          </attrs>\n        </attr>\n        <attr name="drvPath">\n          <string value="/nix/store/5lrbjzhqc6rh44hbsbiqxp5hlichh878-foo.drv" />\n        </attr>\n        <attr name="name">\n          <string value="foo" />\n        </attr>\n        <attr name="out">\n          <derivation drvPath="/nix/store/5lrbjzhqc6rh44hbsbiqxp5hlichh878-foo.drv" outPath="/nix/store/ymhw1771dl277kmw5p6485pvqnzlk01n-foo">\n            <repeated />\n          </derivation>\n        </attr>\n        <attr name="outPath">\n          <string value="/nix/store/ymhw1771dl277kmw5p6485pvqnzlk01n-foo" />\n        </attr>\n        <attr name="outputName">\n          <string value="out" />\n        </attr>\n        <attr name="system">\n          <string value="x" />\n        </attr>\n        <attr name="type">\n          <string value="derivation" />\n        </attr>\n      </derivation>\n    </attr>\n    <attr name="drvs">\n      <list>\n        <derivation drvPath="/nix/store/5lrbjzhqc6rh44hbsbiqxp5hlichh878-foo.drv" outPath="/nix/store/ymhw1771dl277kmw5p6485pvqnzlk01n-foo">\n          <repeated />\n        </derivation>\n        <derivation drvPath="/nix/store/5lrbjzhqc6rh44hbsbiqxp5hlichh878-foo.drv" outPath="/nix/store/ymhw1771dl277kmw5p6485pvqnzlk01n-foo">\n          <repeated />\n        </derivation>\n      </list>\n    </attr>\n    <attr name="ea">\n      <attrs>\n      </attrs>\n    </attr>\n    <attr name="el">\n      <list>\n      </list>\n    </attr>\n    <attr name="fake">\n      <derivation>\n        <repeated />\n      </derivation>\n    </attr>\n    <attr name="fake2">\n      <derivation outPath="o">\n        <repeated />\n      </derivation>\n    </attr>\n    <attr name="fe">\n      <function>\n        <attrspat ellipsis="1">\n        </attrspat>\n      </function>\n    </attr>\n    <attr name="fl2">\n      <list>\n        <float value="1" />\n        <float value="0.5" />\n        <float value="1e-05" />\n        <float value="1.23457e+08" />\n        <float value="-0" />\n        <float value="3.14159" />\n        <float value="1e+06" />\n        <float value="0.0001" />\n        <float value="100000" />\n        <float value="1.23457e+06" />\n        <float value="inf" />\n        <float value="-inf" />\n      </list>\n    </attr>\n    <attr name="ts">\n      <attrs>\n        <attr name="__toString">\n          <function>\n            <varpat name="s" />\n          </function>\n        </attr>\n      </attrs>\n    </attr>\n  </attrs>\n</expr>\n'


def test_derivations_and_more():
    drv_path = "/nix/store/5lrbjzhqc6rh44hbsbiqxp5hlichh878-foo.drv"
    out_path = "/nix/store/ymhw1771dl277kmw5p6485pvqnzlk01n-foo"
    d = Attrs(builder="/bin/sh", drvAttrs=Attrs(builder="/bin/sh", name="foo", system="x"),
              drvPath=NixStr(drv_path, {"=" + drv_path}), name="foo",
              outPath=NixStr(out_path, {"!out!" + drv_path}), outputName="out", system="x",
              type="derivation")
    d["all"] = [d]
    d["out"] = thunk(d)
    ts = Attrs(__toString=lam("s"))
    v = Attrs(drv=d, drvs=[d, d], fake=Attrs(type="derivation"),
              fake2=Attrs(type=thunk("derivation"), drvPath=1, outPath="o"), ts=ts, el=[], ea=Attrs(),
              fe=lam(None, [], True),
              fl2=[1.0, 0.5, 1e-5, 123456789.0, -0.0, 3.14159265, 1e6, 1e-4, 100000.0, 1234567.0,
                   float("inf"), float("-inf")])
    out = to_xml(v, force=lambda t: t.up)
    assert out == T2_XML
    assert out.context == {"=" + drv_path, "!out!" + drv_path}


def test_floats_and_escapes():
    out = to_xml([float("inf") - float("inf"), 1e-7, 'q"<>&\n\r\t'])
    assert '<float value="-nan" />' in out          # Nix 2.8: (1.0e308 * 10) - (1.0e308 * 10)
    assert '<float value="1e-07" />' in out
    assert '<string value="q&quot;&lt;&gt;&amp;&#xA;\r\t" />' in out


def test_generator_protocol():
    gen = to_xml_steps([thunk(1)])
    kind, t = next(gen)
    assert kind == "force" and t.up == 1
    with pytest.raises(StopIteration) as stop:
        gen.send(1)
    assert stop.value.value == HEAD + '  <list>\n    <int value="1" />\n  </list>\n</expr>\n'


def test_deep_nesting():
    v = []
    for _ in range(10000):
        v = [v]
    out = to_xml(v)
    assert out.count("<list>") == 10001
