"""Store paths (toFile, placeholder, paths copied to the store, builtins.path,
fixed outputs) against real Nix 2.8.0.

Every expected path was printed by
``NIX_REMOTE=dummy:// nix-instantiate --eval --strict --expr '<expr>'``
(Nix 2.8.0); the expression is given next to each value. Source trees are
the ones of ``test_nar.py`` (created on disk under ``./`` for the oracle,
in a MemoryIO here). Error texts follow current Nix (``checkName`` in
``src/libstore/path.cc``); the path named in the message is the one 2.8
printed.
"""

import pytest

from nixlite.errors import EvalError
from nixlite.io import MemoryIO
from nixlite.store import hashes, paths
from nixlite.store.hashes import Hash
from nixlite.store.paths import StorePathError

# The trees of test_nar.py.
ROOT = "/ROOT"


def make_io() -> MemoryIO:
    io = MemoryIO()
    io.add_file(f"{ROOT}/file.txt", "hello")
    io.add_file(f"{ROOT}/empty", "")
    io.add_file(f"{ROOT}/exe.sh", "#!/bin/sh\necho hi\n", executable=True)
    io.add_symlink(f"{ROOT}/link", "a/b")            # dangling, archived as is
    io.add_dir(f"{ROOT}/emptydir")
    t = f"{ROOT}/tree"
    io.add_file(f"{t}/b", "B")
    io.add_file(f"{t}/a", "a")
    io.add_file(f"{t}/A", "")
    io.add_file(f"{t}/_", "1234567")                 # 7 bytes: 1 byte of padding
    io.add_file(f"{t}/z.txt", "12345678")            # 8 bytes: no padding
    io.add_file(f"{t}/ä", "123456789")               # 9 bytes, non-ASCII name
    io.add_file(f"{t}/sub/x.log", "x\n")
    io.add_file(f"{t}/sub/keep", "keep", executable=True)
    io.add_symlink(f"{t}/sub/link", "../a")
    io.add_file(f"{t}/sub/deeper/d.log", "d")
    io.add_file(f"{t}/skip/s", "s")
    return io


# (expression, name, contents, expected path)
TO_FILE = [
    ('builtins.toFile "x" "hello"', "x", "hello", "/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x"),
    ('builtins.toFile "empty" ""', "empty", "", "/nix/store/wflv0hgb0qb1ddc5nxmsg0y9zjjhfvmh-empty"),
    ('builtins.toFile "unicode.txt" "é☃\\n\\ttab \\"q\\" \\\\\\\\ $"', "unicode.txt", 'é☃\n\ttab "q" \\\\ $',
     "/nix/store/fmnrv7wzys6b7ai796fpp2s59p4ia56a-unicode.txt"),
    ('builtins.toFile "a+b.c_d?e=f-1.0" "x"', "a+b.c_d?e=f-1.0", "x",
     "/nix/store/49mz84zd31m7sm90pnnv42880f38nn06-a+b.c_d?e=f-1.0"),
    ('builtins.toFile "builder.sh" "#!/bin/sh\\necho $out\\n"', "builder.sh", "#!/bin/sh\necho $out\n",
     "/nix/store/6qrwn5mnlc7bi5hx0am6q2qdlp22bakw-builder.sh"),
    ('builtins.toFile "' + "a" * 211 + '" "x"', "a" * 211, "x",
     "/nix/store/yx91frwj9qkga75f8habg8q40arnqila-" + "a" * 211),
]


@pytest.mark.parametrize("expr,name,contents,expected", TO_FILE)
def test_to_file(expr, name, contents, expected):
    assert paths.to_file(name, contents) == expected
    assert paths.make_text_path(name, contents) == expected


def test_to_file_with_references():
    a = paths.to_file("a", "x")
    # let f = builtins.toFile "a" "x"; in builtins.toFile "y" "${f} ${f}"
    assert paths.to_file("y", f"{a} {a}", {a}) == "/nix/store/awwy51wdm4gn46av3nvqlidjvgr1v4r3-y"
    # ... g = builtins.toFile "b" "y"; in builtins.toFile "two" "${g}:${f}"
    b = paths.to_file("b", "y")
    assert paths.to_file("two", f"{b}:{a}", {b, a}) == "/nix/store/4llhrg994a8vyzi3d6g22s84jfwab3zg-two"
    assert paths.to_file("two", f"{b}:{a}", [b, a]) == paths.to_file("two", f"{b}:{a}", [a, b])
    # ... g = builtins.toFile "b" "${f}"; in builtins.toFile "chain" "${g}"
    g = paths.to_file("b", a, {a})
    assert paths.to_file("chain", g, {g}) == "/nix/store/31nbc7sj3a3g40nbyfh6ia1agx3bpm48-chain"


def test_to_file_rejects_derivation_contexts():
    # Nix 2.8.0: let d = derivation { name = "a"; builder = "/bin/sh"; system = "x86_64-linux"; };
    #            in builtins.toFile "y" "${d}"
    drv = "/nix/store/7g5giqf764p3y3zv7a8rqsy9sqqq5kw4-a.drv"
    with pytest.raises(StorePathError) as e:
        paths.to_file("y", "...", {"!out!" + drv})
    assert e.value.msg == ("in 'toFile': the file named 'y' must not contain a reference to a derivation "
                           f"but contains (!out!{drv})")
    with pytest.raises(StorePathError) as e:
        paths.to_file("y", "...", {"=" + drv})
    assert e.value.msg.endswith(f"but contains (={drv})")


@pytest.mark.parametrize("name,message", [
    # Nix 2.8.0: "store path '9r1mh2rc3s3i33vpdw86kqqyvy9i1y4w-' has an empty name"
    ("", "path '9r1mh2rc3s3i33vpdw86kqqyvy9i1y4w-' is not a valid store path: name must not be empty"),
    # Nix 2.8.0: "store path 'dm85kbl5cy82j2dzvy1874s14y3salv3-a b' contains illegal character ' '"
    ("a b", ("path 'dm85kbl5cy82j2dzvy1874s14y3salv3-a b' is not a valid store path: "
            "name 'a b' contains illegal character ' '")),
    ("a" * 212, "path 'sk7z62nqxdj2sb8x397my8i4803lhvai-" + "a" * 212 + "' is not a valid store path: name '"
     + "a" * 212 + "' must be no longer than 211 characters"),
    # Nix 2.8.0 accepted "." and ".."-style names; current Nix refuses them.
    ("..", "path 'hv29bhyiqgqrrvfwnrc9gg9g9cw83k4b-..' is not a valid store path: name '..' is not valid"),
    (".-x", ("path 'h1gm37fzbbcqjq5lzy9nv2sxrfr2blwq-.-x' is not a valid store path: name '.-x' is not "
            "valid: first dash-separated component must not be '.'")),
])
def test_to_file_bad_names(name, message):
    with pytest.raises(StorePathError) as e:
        paths.to_file(name, "x")
    assert e.value.msg == message
    assert isinstance(e.value, EvalError)


def test_non_ascii_name_reports_first_byte():
    # Nix 2.8.0 printed the raw first byte of 'é' (0xC3).
    with pytest.raises(StorePathError) as e:
        paths.to_file("é", "x")
    assert "fcwpaxmwcvmm1sss1scshna3sn7asxa4-é" in e.value.msg
    assert e.value.msg.endswith("contains illegal character '\udcc3'")


@pytest.mark.parametrize("output,expected", [
    ("out", "/1rz4g4znpzjwh1xymhjpm42vipw92pr73vdgl6xs1hycac8kf2n9"),
    ("dev", "/02qcpld1y6xhs5gz9bchpxaw0xdhmsp5dv88lh25r2ss44kh8dxz"),
    ("bin", "/04f3da1kmbr67m3gzxikmsl4vjz5zf777sv6m14ahv22r65aac9m"),
    ("lib", "/0sra2y18lr3h6j58qjm0w46yv36h1wjmilb09n8aimdpivdymscx"),
    ("", "/171rf4jhx57xqz3p7swniwkig249cif71pa08p80mgaf0mqz5bmr"),
    ("a b", "/1izdzsvidrzm38sdf385bijjqdkh15yc39hilydh6n0s6999lwfq"),
])
def test_placeholder(output, expected):
    # builtins.placeholder "<output>"
    assert paths.placeholder(output) == expected


# "${./<p>}" run in the directory holding the trees of test_nar.py
SOURCES = [
    ("file.txt", "/nix/store/9kxx39k5gv2bld9qjyws2fm76s9xsazz-file.txt"),
    ("empty", "/nix/store/lx5i78a4izwk2qj1nq8rdc07y8zrwy90-empty"),
    ("exe.sh", "/nix/store/660asl9qyi0wr23bizbcp6al9cgw8j5c-exe.sh"),
    ("link", "/nix/store/nydfz9aw7vq9mq84cxfb7g2i8mrbyxw8-link"),
    ("emptydir", "/nix/store/lllr7wi039bd69ihd6vfarlcz5j7v52d-emptydir"),
    ("tree", "/nix/store/21pvsy9x298sppvgzb7yq66s27ah1sdv-tree"),
]


@pytest.mark.parametrize("name,expected", SOURCES)
def test_source_paths(name, expected):
    assert paths.make_source_path(make_io(), f"{ROOT}/{name}") == expected


def test_filter_source_and_builtins_path():
    io = make_io()
    tree = f"{ROOT}/tree"
    # builtins.filterSource (p: t: !(builtins.match ".*\\.log" p != null) && baseNameOf p != "skip") ./tree
    assert paths.make_source_path(
        io, tree, filter=lambda p, t: not p.endswith(".log") and not p.endswith("/skip")
    ) == "/nix/store/dm8n8d8ngj2p3aq21cpy0xlkyzhch4nc-tree"
    # builtins.filterSource (p: t: false) ./tree
    assert paths.make_source_path(io, tree, filter=lambda p, t: False) == \
        "/nix/store/42w0fdvrafxfyb76rr8bayd7zw3w8ban-tree"
    # builtins.filterSource (p: t: false) ./file.txt  (the root is never filtered)
    assert paths.make_source_path(io, f"{ROOT}/file.txt", filter=lambda p, t: False) == \
        "/nix/store/9kxx39k5gv2bld9qjyws2fm76s9xsazz-file.txt"
    # builtins.path { path = ./tree; filter = p: t: t != "symlink"; name = "filtered"; }
    assert paths.make_source_path(io, tree, "filtered", lambda p, t: t != "symlink") == \
        "/nix/store/cn0rlprjhj6w0dlc2lck2q7bs1z0rszl-filtered"
    # builtins.path { path = ./tree; name = "renamed"; }
    assert paths.make_source_path(io, tree, "renamed") == "/nix/store/p03qj4ifjyr4p8h1w86ljx8vvdjpfqm0-renamed"
    # builtins.path { path = ./file.txt; recursive = false; }
    assert paths.make_source_path(io, f"{ROOT}/file.txt", recursive=False) == \
        "/nix/store/faxj0zij9i2gyh6x6xzd1k8vq46i7g06-file.txt"
    # builtins.path { path = ./file.txt; recursive = false; name = "flat"; sha256 = "2cf2...9824"; }
    expected = hashes.parse_any("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "sha256")
    assert paths.make_source_path(io, f"{ROOT}/file.txt", "flat", recursive=False, expected=expected) == \
        "/nix/store/55rlr5xql78vj5r1xpimlfvz0jzzlxn9-flat"


def test_builtins_path_errors():
    io = make_io()
    # builtins.path { path = ./file.txt; sha256 = "000...0"; }
    with pytest.raises(StorePathError) as e:
        paths.make_source_path(io, f"{ROOT}/file.txt", expected=Hash("sha256", bytes(32)))
    assert e.value.msg == f"store path mismatch in (possibly filtered) path added from '{ROOT}/file.txt'"
    # builtins.path { path = ./file.txt; name = "a b"; }  (2.8: "store path '7fpb...-a b' contains ...")
    with pytest.raises(StorePathError) as e:
        paths.make_source_path(io, f"{ROOT}/file.txt", "a b")
    assert e.value.msg.startswith("path '7fpblp354njhdilcxiyw19mvh0j73lqm-a b' is not a valid store path")


def test_add_path_generator_protocol():
    gen = paths.add_path_gen(make_io(), f"{ROOT}/tree")
    answers = []
    try:
        q = next(gen)
        while True:
            keep = not q[0].endswith(".log") and not q[0].endswith("/skip")
            answers.append(keep)
            q = gen.send(keep)
    except StopIteration as stop:
        result = stop.value
    assert result == "/nix/store/dm8n8d8ngj2p3aq21cpy0xlkyzhch4nc-tree"
    assert answers.count(False) == 3          # skip, sub/deeper/d.log, sub/x.log


def test_eval_okay_path_2_26_suite():
    # Nix 2.26.3 lang test eval-okay-path: builtins.path of lang/data ("foo\n"),
    # recursive = false, name = "output", with the expected sha256 given.
    io = make_io()
    io.add_file("/lang/data", "foo\n")
    h = hashes.parse_any("0k4lwj58f2w5yh92ilrwy9917pycipbrdrr13vbb3yd02j09vfxm", "sha256")
    assert paths.make_source_path(io, "/lang/data", "output", recursive=False, expected=h) == \
        "/nix/store/m7y372g6jb0g4hh1dzmj847rd356fhnz-output"


# Fixed-output paths, from the `out` of fixed-output derivations (see
# test_derivation.py): derivationStrict { name = "fo"; builder = "/bin/sh";
# system = "x86_64-linux"; outputHash = <h>; outputHashAlgo = <algo>; outputHashMode = <mode>; }
def test_make_fixed_output_path():
    h = hashes.hash_bytes("sha256", "hello")
    # recursive sha256 is a "source" path
    assert paths.make_fixed_output_path("recursive", h, "fo") == \
        paths.make_store_path("source", h.digest, "fo")
    with pytest.raises(StorePathError):
        paths.make_fixed_output_path("flat", h, "fo", ["/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x"])
    # references are allowed for recursive sha256 (they become part of the type)
    p = paths.make_fixed_output_path("recursive", h, "fo", ["/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x"])
    assert p != paths.make_fixed_output_path("recursive", h, "fo")


def test_store_path_helpers():
    p = "/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x"
    assert paths.is_store_path(p)
    assert not paths.is_store_path(p + "/bin")
    assert not paths.is_store_path("/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwie-x")   # 'e' is not nix32
    assert paths.store_path_name(p) == "x"
    assert paths.to_store_path(p + "/bin/sh") == p
    assert paths.output_path_name("hello", "out") == "hello"
    assert paths.output_path_name("hello", "dev") == "hello-dev"


def test_store_dir_is_configurable():
    assert paths.to_file("x", "hello", store_dir="/gnu/store").startswith("/gnu/store/")
    assert paths.to_file("x", "hello", store_dir="/gnu/store") != paths.to_file("x", "hello").replace(
        "/nix/store", "/gnu/store")
