"""builtins.fromTOML.

TOML_CASES and ERROR_CASES were produced by the oracle, real Nix 2.8
(``nix-instantiate --eval --strict --json``). Error texts after the prefix
are tomllib's, not toml11's, and the prefix is current Nix's
("while parsing TOML: "; 2.8 said "while parsing a TOML string: ").
The timestamp cases are Nix 2.26's tests/functional/lang ones.
"""

import math

import pytest

from nixlite.errors import EvalError
from nixlite.formats.toml import from_toml
from nixlite.value import Attrs

TOML_CASES = [
    ('a = 1\nb = "x"\n[t]\nc = [1, 2]', {'a': 1, 'b': 'x', 't': {'c': [1, 2]}}),
    ('x=1\ns="a"\n[table]\ny=2', {'s': 'a', 'table': {'y': 2}, 'x': 1}),
    ('[a.b]\nc = 1\n[a]\nd = 2', {'a': {'b': {'c': 1}, 'd': 2}}),
    ('[[p]]\nn = 1\n[[p]]\n[[p]]\nn = 3', {'p': [{'n': 1}, {}, {'n': 3}]}),
    ('a = [ [1, 2], ["a", "b"] ]\nb = []\nc = [1,]', {'a': [[1, 2], ['a', 'b']], 'b': [], 'c': [1]}),
    ('a = { x = 1, y = { z = "q" } }', {'a': {'x': 1, 'y': {'z': 'q'}}}),
    ('a.b.c = true\na.d = false', {'a': {'b': {'c': True}, 'd': False}}),
    ('"quoted key" = 1\n\'lit\' = 2\n"" = 3', {'': 3, 'lit': 2, 'quoted key': 1}),
    ('s1 = """\nline1\nline2"""\ns2 = \'\'\'raw\\n\'\'\'\ns3 = "tab\\tq\\"\\u00e9"', {'s1': 'line1\nline2', 's2': 'raw\\n', 's3': 'tab\tq"é'}),
    ('hex = 0xDEAD_beef\noct = 0o755\nbin = 0b1101\nneg = -17\npos = +99\nu = 1_000', {'bin': 13, 'hex': 3735928559, 'neg': -17, 'oct': 493, 'pos': 99, 'u': 1000}),
    ('a = 9223372036854775807\nb = -9223372036854775808', {'a': 9223372036854775807, 'b': -9223372036854775808}),
    ('f1 = 1.5\nf2 = -0.01\nf3 = 5e+22\nf4 = 1e6\nf5 = 0.1', {'f1': 1.5, 'f2': -0.01, 'f3': 5e+22, 'f4': 1000000.0, 'f5': 0.1}),
    ('a = "x" # comment\n# full line\nb = 2', {'a': 'x', 'b': 2}),
    ('arr = [\n  1,\n  2, # ok\n]', {'arr': [1, 2]}),
    ('[dog."tater.man"]\ntype.name = "pug"', {'dog': {'tater.man': {'type': {'name': 'pug'}}}}),
    ('a = true\n[[b]]\n[b.c]\nd = 1', {'a': True, 'b': [{'c': {'d': 1}}]}),
    ('mixed = [1, "a", 2.5, true, [], {}]', {'mixed': [1, 'a', 2.5, True, [], {}]}),
]

# TOML that Nix 2.8 rejects (with toml11's messages)
ERROR_CASES = ["a = ", "a = 1\na = 2", "[a]\nb=1\n[a]\nc=2", "a = 00", "a = 0x", "x", "= 1",
               'a = "unterminated']


@pytest.mark.parametrize("text,expected", TOML_CASES)
def test_from_toml_oracle(text, expected):
    assert from_toml(text) == expected


def test_tables_are_attrs():
    v = from_toml("[a]\nb = [{c = 1}]")
    assert type(v) is Attrs and type(v["a"]) is Attrs and type(v["a"]["b"][0]) is Attrs


@pytest.mark.parametrize("text", ERROR_CASES)
def test_invalid_toml(text):
    with pytest.raises(EvalError) as e:
        from_toml(text)
    assert e.value.msg.startswith("while parsing TOML: ")


def test_special_floats():
    v = from_toml("a = inf\nb = -inf\nc = nan\nd = +inf")
    assert v["a"] == math.inf and v["b"] == -math.inf and math.isnan(v["c"]) and v["d"] == math.inf


def test_float_overflow_reads_as_largest_double():
    # Nix 2.8: { a = 1.79769e+308; b = -1.79769e+308; }
    v = from_toml("a = 1e400\nb = -1e400")
    assert v == {"a": 1.7976931348623157e308, "b": -1.7976931348623157e308}


@pytest.mark.parametrize("text", ['k = "a\\u0000b"', '"a\\u0000b" = 1'])
def test_null_bytes(text):
    # eval-fail-fromTOML-keyWithNullByte / valueWithNullByte (2.26)
    with pytest.raises(EvalError) as e:
        from_toml(text)
    assert e.value.msg == ("while parsing TOML: error: input string 'a\u2400b' cannot be represented "
                           "as Nix string because it contains null bytes")


TIMESTAMPS = """
odt1 = 1979-05-27T07:32:00Z
odt2 = 1979-05-27T00:32:00-07:00
odt3 = 1979-05-27T00:32:00.999999-07:00
odt4 = 1979-05-27 07:32:00Z
ldt1 = 1979-05-27T07:32:00
ldt2 = 1979-05-27T00:32:00.999999
ld1 = 1979-05-27
lt1 = 07:32:00
lt2 = 00:32:00.999999
"""


def test_timestamps_are_an_error():
    # eval-fail-fromTOML-timestamps (2.26); Nix 2.8 said "while parsing a TOML string: ..."
    with pytest.raises(EvalError) as e:
        from_toml(TIMESTAMPS)
    assert e.value.msg == "while parsing TOML: Dates and times are not supported"


def test_timestamps_experimental_feature():
    # eval-okay-fromTOML-timestamps (2.26, --extra-experimental-features parse-toml-timestamps)
    v = from_toml(TIMESTAMPS, timestamps=True)
    assert {k: x["value"] for k, x in v.items()} == {
        "odt1": "1979-05-27T07:32:00Z", "odt2": "1979-05-27T00:32:00-07:00",
        "odt3": "1979-05-27T00:32:00.999999-07:00", "odt4": "1979-05-27T07:32:00Z",
        "ldt1": "1979-05-27T07:32:00", "ldt2": "1979-05-27T00:32:00.999999",
        "ld1": "1979-05-27", "lt1": "07:32:00", "lt2": "00:32:00.999999"}
    assert all(x["_type"] == "timestamp" for x in v.values())
    assert from_toml("t = 07:32:00.5", timestamps=True)["t"]["value"] == "07:32:00.500"


def test_deep_nesting():
    text = "a = " + "[" * 200 + "]" * 200
    v = from_toml(text)["a"]
    for _ in range(199):
        v = v[0]
    assert v == []


# out-of-range integers as real Nix 2.8 (toml11) reads them: decimal, octal and
# hexadecimal saturate, binary wraps modulo 2**64
_Z = "0" * 63
RANGE_CASES = [
    ("a = 9223372036854775808", 9223372036854775807),
    ("a = -9223372036854775809", -9223372036854775808),
    ("a = 99999999999999999999999999999", 9223372036854775807),
    ("a = 0xffffffffffffffffff", 9223372036854775807),
    ("a = 0x8000000000000000", 9223372036854775807),
    ("a = 0o7777777777777777777777777", 9223372036854775807),
    ("a = 0o1000000000000000000000", 9223372036854775807),
    ("a = 0b" + "1" * 65, -1),
    ("a = 0b1" + _Z, -9223372036854775808),
    ("a = 0b1" + _Z + "0", 0),
    ("a = 0b1" + _Z[1:] + "1", -9223372036854775807),
    ("a = 0b11" + _Z + "1", 1),
]


@pytest.mark.parametrize("text,expected", RANGE_CASES)
def test_from_toml_out_of_range_integers(text, expected):
    assert from_toml(text)["a"] == expected
