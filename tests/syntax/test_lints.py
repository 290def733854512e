"""Current Nix's parser lints: ``lint-url-literals``, ``lint-short-path-literals``
and ``lint-absolute-path-literals``, each ``ignore`` (the default), ``warn`` or
``fatal``, set with ``--NAME LEVEL`` or ``--option NAME VALUE``. Messages and
positions follow Nix's parser.y (``diagnose`` appends the setting's name); Nix
2.8, the oracle, has none of them."""

import pytest

from nixlite import cli

SHORT = ("relative path literal 'foo/bar' should be prefixed with '.' for clarity: './foo/bar' "
         "(lint-short-path-literals)")
ABS = ("absolute path literals are not portable. Consider replacing path literal '/abs/x' by a string, "
       "relative path, or parameter (lint-absolute-path-literals)")
HOME = ("home path literals are not portable. Consider replacing path literal '~/h' by a string, "
        "relative path, or parameter (lint-absolute-path-literals)")


def _run(flags, expr):
    return cli.run(flags + ["--eval", "-E", expr], env={"HOME": "/home/u"}, cwd="/tmp")


@pytest.mark.parametrize("setting,expr,message", [
    ("lint-short-path-literals", "foo/bar", SHORT),
    ("lint-absolute-path-literals", "/abs/x", ABS),
    ("lint-absolute-path-literals", "~/h", HOME),
    ("lint-short-path-literals", 'foo/${"a"}', "relative path literal 'foo/' should be prefixed with '.' "
     "for clarity: './foo/' (lint-short-path-literals)"),
])
def test_path_lints(setting, expr, message):
    assert _run([], expr)[0] == 0                      # ignored by default
    rc, out, err = _run([f"--{setting}", "warn"], expr)
    assert rc == 0 and out
    assert err == f"warning: {message}\n\n       at «string»:1:1:\n\n            1| {expr}\n             | ^\n"
    rc, out, err = _run(["--option", setting, "fatal"], expr)
    assert rc == 1 and out == ""
    assert err.startswith(f"error: {message}\n\n       at «string»:1:1:\n")


def test_url_lint_wording_depends_on_level():
    rc, out, err = _run(["--lint-url-literals", "warn"], "[ http://x.org/a ]")
    assert out == '[ "http://x.org/a" ]\n'
    assert err.startswith('warning: URL literals are discouraged. Consider using a string literal '
                          '"http://x.org/a" instead (lint-url-literals)\n\n       at «string»:1:3:\n')
    rc, out, err = _run(["--lint-url-literals", "fatal"], "[ http://x.org/a ]")
    assert rc == 1
    assert err.startswith('error: URL literals are disallowed. Consider using a string literal '
                          '"http://x.org/a" instead (lint-url-literals)\n')


@pytest.mark.parametrize("expr", ["./foo/bar", "../x", '"foo/bar"', '"http://x"', ".hidden/x"])
def test_what_is_not_linted(expr):
    flags = []
    for s in ("lint-url-literals", "lint-short-path-literals", "lint-absolute-path-literals"):
        flags += ["--option", s, "fatal"]
    rc, out, err = _run(flags, expr)
    assert rc == 0 and err == "", err


def test_lint_levels_are_checked():
    rc, out, err = _run(["--lint-url-literals", "sometimes"], "1")
    assert rc == 1
    assert err.startswith("error: option 'lint-url-literals' has invalid value 'sometimes' "
                          "(expected 'ignore', 'warn', or 'fatal')")


def test_lints_apply_to_imported_files(tmp_path):
    (tmp_path / "a.nix").write_text("import ./b.nix\n")
    (tmp_path / "b.nix").write_text("x/y\n")
    rc, out, err = cli.run(["--eval", "--lint-short-path-literals", "warn", "a.nix"], cwd=str(tmp_path))
    assert rc == 0
    assert "relative path literal 'x/y'" in err and f"at {tmp_path}/b.nix:1:1:" in err


def test_parse_applies_lints():
    rc, out, err = cli.run(["--parse", "--lint-short-path-literals", "fatal", "-E", "a/b"], cwd="/tmp")
    assert rc == 1 and "relative path literal 'a/b'" in err
