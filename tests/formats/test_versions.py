"""builtins.compareVersions, splitVersion and parseDrvName.

Expected values were produced by the oracle, real Nix 2.8
(``nix-instantiate --eval --strict --json``), one expression per case.
"""

import pytest

from nixlite.formats.versions import compare_versions, parse_drv_name, split_version

COMPARE_CASES = [
    ('1.0', '2.3', -1),
    ('2.1', '2.3', -1),
    ('2.3', '2.3', 0),
    ('2.5', '2.3', 1),
    ('3.1', '2.3', 1),
    ('2.3.1', '2.3', 1),
    ('2.3.1', '2.3a', 1),
    ('2.3pre1', '2.3', -1),
    ('2.3pre3', '2.3pre12', -1),
    ('2.3a', '2.3c', -1),
    ('2.3pre1', '2.3c', -1),
    ('2.3pre1', '2.3q', -1),
    ('', '', 0),
    ('', '0', -1),
    ('', 'a', -1),
    ('1.0', '1', 1),
    ('1', '1.0', -1),
    ('1.', '1', 0),
    ('1-', '1', 0),
    ('1..2', '1.2', 0),
    ('1-2', '1.2', 0),
    ('01', '1', 0),
    ('1.01', '1.1', 0),
    ('1.10', '1.9', 1),
    ('a', 'b', -1),
    ('B', 'a', -1),
    ('alpha', 'beta', -1),
    ('1a', '1', 1),
    ('1a', '1.1', -1),
    ('pre', 'pre', 0),
    ('pre', '1', -1),
    ('1pre', '1', -1),
    ('1', '1pre', 1),
    ('pre1', '1', -1),
    ('1.2pre', '1.2rc', -1),
    ('1.2rc1', '1.2', 1),
    ('1.2-rc1', '1.2', 1),
    ('2.0', '10.0', -1),
    ('1.2147483647', '1.2147483648', 1),
    ('1.99999999999', '1.2', -1),
    ('1.99999999999', '1.99999999998', 1),
    ('é', 'e', 1),
    ('1.é', '1.a', 1),
    ('1_2', '1.2', -1),
    ('x86_64', 'x86-64', -1),
    ('0.0.0', '0', 1),
    ('...', '.', 0),
    ('1.2.3', '1.2.3.0', -1),
    ('2.38', '2.3.8', 1),
    ('1a2', '1a10', -1),
    ('a1', 'a01', 0),
    ('r9', 'r10', -1),
    ('v1', '1', -1),
    ('1.0-beta', '1.0-alpha', 1),
    ('5.15.0-rc1', '5.15.0', 1),
    ('2024-01-01', '2023-12-31', 1),
    ('1.0.0+build', '1.0.0', 1),
    ('0.1pre', '0.1preview', -1),
    ('pre', 'prerelease', -1),
    ('unstable-2023-01-01', '0.1', -1),
]

SPLIT_CASES = [
    ('1.2.3', ['1', '2', '3']),
    ('', []),
    ('1.2-', ['1', '2']),
    ('..1..', ['1']),
    ('.1', ['1']),
    ('1.2.3pre4', ['1', '2', '3', 'pre', '4']),
    ('1.2.3-rc1pre...x_y-é0', ['1', '2', '3', 'rc', '1', 'pre', 'x_y', 'é', '0']),
    ('abc', ['abc']),
    ('1a2b3c', ['1', 'a', '2', 'b', '3', 'c']),
    ('2024-01-01', ['2024', '01', '01']),
    ('1..2', ['1', '2']),
    ('-', []),
    ('x86_64', ['x', '86', '_', '64']),
    ('5.15.0-rc1', ['5', '15', '0', 'rc', '1']),
    ('1.0.0+build.5', ['1', '0', '0', '+build', '5']),
    ('01.002', ['01', '002']),
    ('pre', ['pre']),
    ('1_2_3', ['1', '_', '2', '_', '3']),
    ('a.b-c', ['a', 'b', 'c']),
    ('9999999999999999999', ['9999999999999999999']),
]

PARSE_CASES = [
    ('hello-1.0.2', 'hello', '1.0.2'),
    ('hello', 'hello', ''),
    ('915resolution-0.5.2', '915resolution', '0.5.2'),
    ('xf86-video-i810-1.7.4', 'xf86-video-i810', '1.7.4'),
    ('name-that-ends-with-dash--1.0', 'name-that-ends-with-dash', '-1.0'),
    ('foo-é', 'foo', 'é'),
    ('foo-', 'foo-', ''),
    ('-1.0', '', '1.0'),
    ('foo-bar', 'foo-bar', ''),
    ('foo-bar-baz-2', 'foo-bar-baz', '2'),
    ('foo--', 'foo', '-'),
    ('a-1-b', 'a', '1-b'),
    ('foo-_1', 'foo', '_1'),
    ('foo-.1', 'foo', '.1'),
    ('foo-Bar-1', 'foo-Bar', '1'),
    ('', '', ''),
    ('-', '-', ''),
    ('nix-2.8.0pre20220101_abc', 'nix', '2.8.0pre20220101_abc'),
    ('python3.10-numpy-1.23.4', 'python3.10-numpy', '1.23.4'),
    ('foo-1.0-bar', 'foo', '1.0-bar'),
]


@pytest.mark.parametrize("a,b,expected", COMPARE_CASES)
def test_compare_versions(a, b, expected):
    assert compare_versions(a, b) == expected
    assert compare_versions(b, a) == -expected


@pytest.mark.parametrize("version,expected", SPLIT_CASES)
def test_split_version(version, expected):
    assert split_version(version) == expected


@pytest.mark.parametrize("full,name,version", PARSE_CASES)
def test_parse_drv_name(full, name, version):
    assert parse_drv_name(full) == (name, version)


def test_sorting_with_compare_versions():
    import functools
    vs = ["1.10", "1.2", "1.2pre1", "1.2a", "1.2.1", "1.1", "2", ""]
    out = sorted(vs, key=functools.cmp_to_key(compare_versions))
    assert out == ["", "1.1", "1.2pre1", "1.2", "1.2a", "1.2.1", "1.10", "2"]
