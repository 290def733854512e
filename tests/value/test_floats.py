"""value.floats: the three ways C++ Nix writes a float, including the
non-finite values (x86's default NaN from ``inf - inf`` is negative)."""

from __future__ import annotations

import math

from nixlite.value.floats import show, to_json, to_string

INF = math.inf
NAN = INF - INF          # sign bit set, as C's


def test_show():
    assert [show(x) for x in (1.5, 1e6, 0.1 + 0.2, -0.0, 1e-5, INF, -INF, NAN, -NAN)] == \
        ["1.5", "1e+06", "0.3", "-0", "1e-05", "inf", "-inf", "-nan", "nan"]


def test_to_string():
    # toString 1.5 and derivation attributes: std::to_string
    assert [to_string(x) for x in (1.5, 1e6, -0.0, INF, -INF, NAN)] == \
        ["1.500000", "1000000.000000", "-0.000000", "inf", "-inf", "-nan"]


def test_to_json():
    assert [to_json(x) for x in (1.5, 1.0, 0.1, 1e16, -0.0, INF, NAN)] == \
        ["1.5", "1.0", "0.1", "1e+16", "-0.0", "null", "null"]


def test_derivation_attribute_nan_like_nix():
    """A NaN attribute is written -nan into the .drv (drvPath from nix-instantiate 2.8.0)."""
    import nixlite
    r = nixlite.evaluate('let inf = 1.0e308 * 10.0; in (derivation { name = "a"; builder = "b"; '
                         'system = "s"; x = inf - inf; }).drvPath', mode="strict", io=nixlite.MemoryIO())
    assert r.output == '"/nix/store/25qfvfigvpi2qj8a7gfql00m83mr1vhl-a.drv"\n'
