"""builtins.toJSON and builtins.fromJSON.

TO_JSON_CASES and FROM_JSON_CASES were produced by the oracle, real Nix 2.8
(``nix-instantiate --eval --strict --json``); where current Nix differs
(nlohmann::json's float and escape output, its 3.11 empty-input message,
the unsigned range check), the case says so and follows current Nix, as
the 2.26 language tests do.
"""

import json as pyjson
import math
import random

import pytest

from nixlite.errors import EvalError, ThrowError
from nixlite.formats.json import from_json, to_json, to_json_steps
from nixlite.value import Attrs, Builtin, Closure, Lambda, NixStr, Path, Thunk
from nixlite.value.floats import to_json as format_float


def _attrs(v):
    """Python dicts and lists (recursively) as Nix values."""
    if isinstance(v, dict):
        return Attrs({k: _attrs(x) for k, x in v.items()})
    if isinstance(v, list):
        return [_attrs(x) for x in v]
    return v


TO_JSON_CASES = [
    (None, 'null'),
    (True, 'true'),
    (False, 'false'),
    (0, '0'),
    (-1, '-1'),
    (9223372036854775807, '9223372036854775807'),
    (-9223372036854775808, '-9223372036854775808'),
    ('', '""'),
    ('abc', '"abc"'),
    # Nix 2.8 wrote \u0008 and \u000c; current Nix (nlohmann) writes \b and \f
    ('\x01\x08\x0c\x1f\x7f', '"\\u0001\\b\\f\\u001f\x7f"'),
    ('quote" back\\ slash/ \n\r\t', '"quote\\" back\\\\ slash/ \\n\\r\\t"'),
    ('é€😀', '"é€😀"'),
    ("<>&'", '"<>&\'"'),
    ([], '[]'),
    ({}, '{}'),
    ([1, [2, [3, []]]], '[1,[2,[3,[]]]]'),
    ({'b': 1, 'a': 2, 'é': 3, 'Z': 4, '': 5, 'a b': 6, '\n': 7}, '{"":5,"\\n":7,"Z":4,"a":2,"a b":6,"b":1,"é":3}'),
    ({'x': {'y': {'z': [None, True]}}}, '{"x":{"y":{"z":[null,true]}}}'),
    (['a', {'c': {'d': 'e'}}], '["a",{"c":{"d":"e"}}]'),
    ({'outPath': '/nix/store/x'}, '"/nix/store/x"'),
    ({'outPath': {'outPath': 1}, 'other': 2}, '1'),
    ({'outPath': [1, 2]}, '[1,2]'),
]


FROM_JSON_CASES = [
    ('{', ['error', '[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing object key - unexpected end of input; expected string literal']),
    ('', ['error', '[json.exception.parse_error.101] parse error at line 1, column 1: attempting to parse an empty input; check that your input string or stream contains the expected JSON']),  # current Nix (nlohmann 3.11 / range check); Nix 2.8 gave "error: [json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"
    (' ', ['error', "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"]),
    ('1 2', ['error', '[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - unexpected number literal; expected end of input']),
    ('[1,]', ['error', "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal"]),
    ('{"a":1,}', ['error', "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error while parsing object key - unexpected '}'; expected string literal"]),
    ('{"a":1,"a":2}', {'a': 2}),
    ('{"a":{"b":1},"a":{"c":2}}', {'a': {'c': 2}}),
    ('9223372036854775807', 9223372036854775807),
    ('9223372036854775808', ['error', 'unsigned json number 9223372036854775808 outside of Nix integer range']),  # current Nix (nlohmann 3.11 / range check); Nix 2.8 gave -9223372036854775808
    ('-9223372036854775808', -9223372036854775808),
    ('-9223372036854775809', -9.223372036854776e+18),
    ('99999999999999999999', 1e+20),
    ('1e400', ['error', "[json.exception.out_of_range.406] number overflow parsing '1e400'"]),
    ('-1e400', ['error', "[json.exception.out_of_range.406] number overflow parsing '-1e400'"]),
    ('1e-400', 0.0),
    ('-0', 0),
    ('-0.0', -0.0),
    ('1.0', 1.0),
    ('1e2', 100.0),
    ('1E+2', 100.0),
    ('01', ['error', '[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - unexpected number literal; expected end of input']),
    ('.5', ['error', "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - invalid literal; last read: '.'"]),
    ('1.', ['error', "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid number; expected digit after '.'; last read: '1.'"]),
    ('"\\ud83d\\ude00"', '😀'),
    ('"\\ud83d"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 8: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: \'"\\ud83d"\'']),
    ('"\\ude00"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 7: syntax error while parsing value - invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF; last read: \'"\\ude00\'']),
    ('"\\u00e9"', 'é'),
    ('"\\x"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid string: forbidden character after backslash; last read: \'"\\x\'']),
    ('"\t"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid string: control character U+0009 (HT) must be escaped to \\u0009 or \\t; last read: \'"<U+0009>\'']),
    ('nul', ['error', "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - invalid literal; last read: 'nul'"]),
    ('NaN', ['error', "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - invalid literal; last read: 'N'"]),
    ('true', True),
    ('\ufeff1', 1),
    ('[1,[2,[3]]]', [1, [2, [3]]]),
    ('"é"', 'é'),
    ('1.5e3', 1500.0),
    ('0.1', 0.1),
    ('1e20', 1e+20),
    ('123456789012345678901234567890', 1.2345678901234568e+29),
    ('"\\/"', '/'),
    ('{"b":1,"a":2}', {'b': 1, 'a': 2}),
    ('[]', []),
    ('{}', {}),
    ('"\\b\\f"', '\x08\x0c'),
    (' \t\n\r1 ', 1),
    ('\x0b1', ['error', "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - invalid literal; last read: '<U+000B>'"]),
    ('1 // c', ['error', "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid literal; last read: '1 /'; expected end of input"]),
    ('[1,2', ['error', "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing array - unexpected end of input; expected ']'"]),
    ('{"a"}', ['error', "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing object separator - unexpected '}'; expected ':'"]),
    ('{1:2}', ['error', '[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing object key - unexpected number literal; expected string literal']),
    ("'a'", ['error', "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - invalid literal; last read: '''"]),
    ('-', ['error', "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid number; expected digit after '-'; last read: '-'"]),
    ('1e', ['error', "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid number; expected '+', '-', or digit after exponent; last read: '1e'"]),
    ('2.5E-3', 0.0025),
    ('-12', -12),
    ('1.7976931348623157e308', 1.7976931348623157e+308),
    ('4.9e-324', 5e-324),
    ('123456789.123456789', 123456789.12345679),
    ('true x', ['error', "[json.exception.parse_error.101] parse error at line 1, column 6: syntax error while parsing value - invalid literal; last read: 'true x'; expected end of input"]),
    ('[true, x]', ['error', "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error while parsing value - invalid literal; last read: '[true, x'"]),
    ('null 1', ['error', '[json.exception.parse_error.101] parse error at line 1, column 6: syntax error while parsing value - unexpected number literal; expected end of input']),
    ('"a" x', ['error', '[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value - invalid literal; last read: \'"a" x\'; expected end of input']),
    ('{"a":1 x', ['error', "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error while parsing object - invalid literal; last read: '1 x'; expected '}'"]),
    ('{"a" 1}', ['error', "[json.exception.parse_error.101] parse error at line 1, column 6: syntax error while parsing object separator - unexpected number literal; expected ':'"]),
    ('[1 2]', ['error', "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing array - unexpected number literal; expected ']'"]),
    ('{"a":1]', ['error', "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error while parsing object - unexpected ']'; expected '}'"]),
    ('"\x01"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid string: control character U+0001 (SOH) must be escaped to \\u0001; last read: \'"<U+0001>\'']),
    ('"\x08"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid string: control character U+0008 (BS) must be escaped to \\u0008 or \\b; last read: \'"<U+0008>\'']),
    ('"\n"', ['error', '[json.exception.parse_error.101] parse error at line 2, column 0: syntax error while parsing value - invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n; last read: \'"<U+000A>\'']),
    ('"\x1f"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid string: control character U+001F (US) must be escaped to \\u001F; last read: \'"<U+001F>\'']),
    ('"\x0b"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid string: control character U+000B (VT) must be escaped to \\u000B; last read: \'"<U+000B>\'']),
    ('"\\u12"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 6: syntax error while parsing value - invalid string: \'\\u\' must be followed by 4 hex digits; last read: \'"\\u12"\'']),
    ('"\\u12g4"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 6: syntax error while parsing value - invalid string: \'\\u\' must be followed by 4 hex digits; last read: \'"\\u12g\'']),
    ('"\\ud800\\u0041"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 13: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: \'"\\ud800\\u0041\'']),
    ('"\\ud800x"', ['error', '[json.exception.parse_error.101] parse error at line 1, column 8: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: \'"\\ud800x\'']),
    ('"abc', ['error', '[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value - invalid string: missing closing quote; last read: \'"abc\'']),
    ('\n\n  x', ['error', "[json.exception.parse_error.101] parse error at line 3, column 3: syntax error while parsing value - invalid literal; last read: '<U+000A><U+000A>  x'"]),
    ('[\n1,\n2\n', ['error', "[json.exception.parse_error.101] parse error at line 4, column 1: syntax error while parsing array - unexpected end of input; expected ']'"]),
    ('tru', ['error', "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - invalid literal; last read: 'tru'"]),
    ('falsy', ['error', "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value - invalid literal; last read: 'falsy'"]),
    ('-a', ['error', "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid number; expected digit after '-'; last read: '-a'"]),
    ('1e+', ['error', "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - invalid number; expected digit after exponent sign; last read: '1e+'"]),
    ('[-]', ['error', "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - invalid number; expected digit after '-'; last read: '-]'"]),
    ('{"a":', ['error', "[json.exception.parse_error.101] parse error at line 1, column 6: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"]),
    ('{"a":1,"b"', ['error', "[json.exception.parse_error.101] parse error at line 1, column 11: syntax error while parsing object separator - unexpected end of input; expected ':'"]),
    ('\ufeff', ['error', "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"]),
    ('\ufeff\ufeff1', ['error', "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while parsing value - invalid literal; last read: '\ufeff\udcef'"]),
    ('x\ny', ['error', "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - invalid literal; last read: 'x'"]),
    ('-01', ['error', '[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing value - unexpected number literal; expected end of input']),
    ('-0.5e-3', -0.0005),
    ('[1e400]', ['error', "[json.exception.out_of_range.406] number overflow parsing '1e400'"]),
    ('{"a":[1,{"b":null}]}', {'a': [1, {'b': None}]}),
    ('18446744073709551616', 1.8446744073709552e+19),
    ('-18446744073709551616', -1.8446744073709552e+19),
    ('{"Video":{"Title":"The Penguin Chronicles","Width":1920,"EmbeddedData":[3.14159,23493,null,true,false,-10],"Escapes":"\\"\\\\\\/\\t\\n\\r\\t","Latitude":37.7668}}', {'Video': {'Title': 'The Penguin Chronicles', 'Width': 1920, 'EmbeddedData': [3.14159, 23493, None, True, False, -10], 'Escapes': '"\\/\t\n\r\t', 'Latitude': 37.7668}}),
    ('[1.5,"x",{"a":[{}]}]', [1.5, 'x', {'a': [{}]}]),
    ('"\\u20ac\\u00e9\\uD83D\\uDE00"', '€é😀'),
]


@pytest.mark.parametrize("value,expected", TO_JSON_CASES)
def test_to_json_oracle(value, expected):
    assert to_json(_attrs(value)) == expected


@pytest.mark.parametrize("x,expected", [
    # nlohmann::json's dump (current Nix); Nix 2.8 printed %g (0.1, 1e+20, 1, 1.23457e+08)
    (0.1, "0.1"), (1.0, "1.0"), (-0.0, "-0.0"), (0.0, "0.0"), (1.44, "1.44"), (1e20, "1e+20"),
    (1e15, "1e+15"), (1e14, "100000000000000.0"), (123456789.0, "123456789.0"), (1e-5, "1e-05"),
    (0.0001, "0.0001"), (1.5e300, "1.5e+300"), (1 / 3, "0.3333333333333333"), (-1.5, "-1.5"),
    (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    (float("inf"), "null"), (float("nan"), "null"),
])
def test_float_format(x, expected):
    assert format_float(x) == expected
    assert to_json([x]) == "[" + expected + "]"


def test_lang_tojson():
    # tests/functional/lang/eval-okay-tojson.nix (2.26)
    v = _attrs({"a": 123, "b": -456, "c": "foo", "d": "foo\n\"bar\"", "e": True, "f": False,
                "g": [1, 2, 3], "h": ["a", ["b", {"foo\nbar": {}}]], "i": 3, "j": 1.44})
    v["k"] = Attrs(__toString=None, a="foo")
    out = to_json(v, to_string=lambda a: a["a"])
    assert out == ('{"a":123,"b":-456,"c":"foo","d":"foo\\n\\"bar\\"","e":true,"f":false,'
                   '"g":[1,2,3],"h":["a",["b",{"foo\\nbar":{}}]],"i":3,"j":1.44,"k":"foo"}')


def test_context_is_the_union():
    a = NixStr("a", {"/nix/store/aaa-a"})
    b = NixStr("b", {"!out!/nix/store/bbb-b.drv"})
    out = to_json(Attrs(x=[a, Path("/src/f.nix")], y=Attrs(outPath=b)),
                  coerce_path=lambda p: NixStr("/nix/store/ccc-f.nix", {"/nix/store/ccc-f.nix"}))
    assert out == '{"x":["a","/nix/store/ccc-f.nix"],"y":"b"}'
    assert out.context == {"/nix/store/aaa-a", "!out!/nix/store/bbb-b.drv", "/nix/store/ccc-f.nix"}
    assert type(to_json("plain")) is str


def test_paths_without_copying():
    gen = to_json_steps([Path("/src/a b.nix")], copy_to_store=False)
    with pytest.raises(StopIteration) as stop:
        next(gen)
    assert stop.value.value == '["/src/a b.nix"]'


def test_to_string_has_priority_over_out_path():
    v = Attrs(__toString=None, outPath="x")
    assert to_json(v, to_string=lambda a: "q") == '"q"'


def test_functions_are_errors():
    lam = Closure.of(Lambda("f", None, None), [])
    with pytest.raises(EvalError, match="^cannot convert a function to JSON$"):
        to_json(Attrs(f=lam))
    with pytest.raises(EvalError, match="^cannot convert the built-in function 'map' to JSON$"):
        to_json(Builtin("map", 2, None))
    with pytest.raises(EvalError, match="^cannot convert the partially applied built-in function 'add' to JSON$"):
        to_json([Builtin("add", 2, None).partial(1)])


def test_invalid_utf8_is_an_error():
    # eval-fail-toJSON-non-utf-8 (2.26)
    s = b"_invalid UTF-8: \xff_".decode("utf-8", "surrogateescape")
    with pytest.raises(EvalError) as e:
        to_json(s)
    assert e.value.msg == ("JSON serialization error: [json.exception.type_error.316] "
                           "invalid UTF-8 byte at index 16: 0xFF")
    # escaped bytes that happen to form valid UTF-8 are fine
    assert to_json("é".encode().decode("ascii", "surrogateescape")) == '"é"'


def test_thunks_are_forced_in_order_and_errors_get_traces():
    # eval-fail-toJSON (2.26): { a.b = [ true false "it's a bird" { c.d = throw "hah no"; } ]; }
    forced = []

    class Pending:
        pass

    def thunk(v):
        t = Thunk.of(Pending)
        t.up = v
        return t

    def force(t):
        forced.append(t.up)
        if t.up == "THROW":
            raise ThrowError("hah no")
        return t.up

    v = Attrs(a=thunk(Attrs(b=thunk([True, False, "it's a bird", Attrs(c=Attrs(d=thunk("THROW")))]))))
    with pytest.raises(ThrowError) as e:
        to_json(v, force=force)
    assert [w for w, _ in e.value.trace] == [
        "while evaluating attribute 'd'", "while evaluating attribute 'c'",
        "while evaluating list element at index 3", "while evaluating attribute 'b'",
        "while evaluating attribute 'a'"]
    assert forced[-1] == "THROW"


def test_evaluated_thunks_are_unwrapped():
    assert to_json([Thunk.evaluated(1), Thunk.evaluated(Attrs(a=Thunk.evaluated("x")))]) == '[1,{"a":"x"}]'


def test_deep_nesting_to_json():
    v = []
    for _ in range(10000):
        v = [v]
    assert to_json(v) == "[" * 10001 + "]" * 10001


@pytest.mark.parametrize("text,expected", FROM_JSON_CASES)
def test_from_json_oracle(text, expected):
    try:
        got = from_json(text)
    except EvalError as e:
        got = ["error", e.msg]
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected
        if isinstance(expected, (bool, int, float, str)):
            assert type(got) is type(expected)


def test_from_json_types():
    v = from_json('{"a":[1,1.0,"s",null,true,{}]}')
    assert type(v) is Attrs and type(v["a"]) is list and type(v["a"][5]) is Attrs
    assert [type(x) for x in v["a"][:5]] == [int, float, str, type(None), bool]


def test_from_json_escapes():
    # eval-okay-fromjson-escapes (2.26)
    text = ('"quote \\" reverse solidus \\\\ solidus \\/ backspace \\b formfeed \\f newline \\n '
            'carriage return \\r horizontal tab \\t 1 char unicode encoded backspace \\u0008 1 char '
            'unicode encoded e with accent \\u00e9 2 char unicode encoded s with caron \\u0161 3 char '
            'unicode encoded rightwards arrow \\u2192"')
    assert from_json(text) == ("quote \" reverse solidus \\ solidus / backspace \b formfeed \f newline \n "
                               "carriage return \r horizontal tab \t 1 char unicode encoded backspace \b "
                               "1 char unicode encoded e with accent é 2 char unicode encoded s with caron "
                               "š 3 char unicode encoded rightwards arrow →")


@pytest.mark.parametrize("text", ['{"a\\u0000b": 1}', '"a\\u0000b"', '[1, "a\\u0000b"]'])
def test_from_json_null_bytes(text):
    # eval-fail-fromJSON-keyWithNullByte / valueWithNullByte (2.26)
    with pytest.raises(EvalError) as e:
        from_json(text)
    assert e.value.msg == "input string 'a\u2400b' cannot be represented as Nix string because it contains null bytes"


def test_from_json_overflowing():
    # eval-fail-fromJSON-overflowing (2.26)
    with pytest.raises(EvalError) as e:
        from_json('{"attr": 18446744073709551615}')
    assert e.value.msg == "unsigned json number 18446744073709551615 outside of Nix integer range"


def test_from_json_deep_nesting():
    v = from_json("[" * 10000 + "]" * 10000)
    depth = 0
    while v:
        v = v[0]
        depth += 1
    assert depth == 9999
    v = from_json('{"a":' * 10000 + "1" + "}" * 10000)
    for _ in range(10000):
        v = v["a"]
    assert v == 1


def test_from_json_error_in_deep_document():
    # messages recorded from Nix 2.8
    with pytest.raises(EvalError) as e:
        from_json("[" * 10000 + "}")
    assert e.value.msg == ("[json.exception.parse_error.101] parse error at line 1, column 10001: "
                           "syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal")
    with pytest.raises(EvalError) as e:
        from_json("[" * 10000 + "1}")
    assert e.value.msg == ("[json.exception.parse_error.101] parse error at line 1, column 10002: "
                           "syntax error while parsing array - unexpected '}'; expected ']'")


def _random_json(rnd, depth=0):
    k = rnd.random()
    if depth > 4 or k < 0.4:
        return rnd.choice([None, True, False, rnd.randint(-10**6, 10**6), rnd.random() * 1e3,
                           "".join(rnd.choice("ab\"\\\n\u00e9\u20ac/ ") for _ in range(rnd.randint(0, 5)))])
    if k < 0.7:
        return [_random_json(rnd, depth + 1) for _ in range(rnd.randint(0, 4))]
    return {f"k{rnd.randint(0, 5)}": _random_json(rnd, depth + 1) for _ in range(rnd.randint(0, 4))}


def test_fast_and_exact_parsers_agree():
    from nixlite.formats.json import _Parser
    rnd = random.Random(7)
    for _ in range(300):
        doc = pyjson.dumps(_random_json(rnd), ensure_ascii=rnd.random() < 0.5,
                           indent=rnd.choice([None, 1]))
        assert from_json(doc) == _Parser(doc.encode()).parse()


def test_round_trip():
    rnd = random.Random(8)
    for _ in range(200):
        v = _attrs(_random_json(rnd))
        assert from_json(to_json(v)) == v
