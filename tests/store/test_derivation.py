"""derivationStrict against real Nix 2.8.0: drvPath, output paths, ATerms.

Each case is written once, in a small vocabulary that becomes both the
Python input of ``derivation_strict`` and a Nix expression:

- ``Out(case, output)``: ``d_<case>.<output>`` (string with ``!output!drv`` context)
- ``DrvPath(case)``: ``d_<case>.drvPath`` (``=drv`` context: the whole closure)
- ``ToFile(name, contents)``: ``builtins.toFile name contents``
- ``Cat(*parts)``: ``"" + part + ...`` (string concatenation, contexts merged)
- ``Src(rel)``: the path literal ``./rel`` (copied to the store)
- ``Placeholder(out)``: ``builtins.placeholder out``

How the golden values were produced: ``python tests/store/test_derivation.py``
(with ``PYTHONPATH=py``) writes the cases to ``cases.nix`` in a temporary
directory along with the source files, then runs Nix 2.8.0 with a private
store (``NIX_REMOTE='local?root=<tmp>/root'``, store dir ``/nix/store``):
``nix-instantiate cases.nix`` (which writes the ``.drv`` files, needed for
``drvPath`` contexts), then ``nix-instantiate --eval --strict --json
cases.nix`` for the paths, and reads the ATerms of ``ATERM_CASES`` from the
written ``.drv`` files. It prints ``GOLDEN`` and ``ATERMS`` as below.
"""

from __future__ import annotations

import pytest

from nixlite.io import MemoryIO
from nixlite.store import hashes, paths
from nixlite.store.derivation import (
    DerivationError,
    KnownPaths,
    derivation_strict,
    env_string,
    to_json,
)
from nixlite.store.hashes import HashError
from nixlite.store.paths import StorePathError
from nixlite.value import Attrs, NixStr, Path, concat


class Out:
    def __init__(self, case: str, output: str = "out"):
        self.case, self.output = case, output


class DrvPath:
    def __init__(self, case: str):
        self.case = case


class ToFile:
    def __init__(self, name: str, contents):
        self.name, self.contents = name, contents


class Cat:
    def __init__(self, *parts):
        self.parts = parts


class Src:
    def __init__(self, rel: str):
        self.rel = rel


class Placeholder:
    def __init__(self, output: str):
        self.output = output


SOURCES = {
    "hello.txt": "hello world\n",
    "dir/a.txt": "a\n",
    "dir/sub/b.txt": "b\n",
}

SH = {"builder": "/bin/sh", "system": "x86_64-linux"}
HELLO_SHA256 = hashes.hash_bytes("sha256", "hello")
HELLO_SHA1 = hashes.hash_bytes("sha1", "hello")
HELLO_SHA512 = hashes.hash_bytes("sha512", "hello")
HELLO_MD5 = hashes.hash_bytes("md5", "hello")


def fo(name, h, algo=None, mode=None, **extra):
    a = {"name": name, **SH, "outputHash": h, **extra}
    if algo is not None:
        a["outputHashAlgo"] = algo
    if mode is not None:
        a["outputHashMode"] = mode
    return a


# Cases in dependency order: (key, attributes).
CASES = [
    ("simple", {"name": "simple", **SH}),
    ("args_special", {"name": "args-special", **SH,
                      "args": ["-c", 'echo "hi" \\ $out\n', "tab\there", "", "unicode é ☃", "cr\rlf"]}),
    ("env_special", {"name": "env-special", **SH,
                     "msg": 'line1\nline2 "quoted" \\back\\slash\t$dollar ${x} $${y}',
                     "uni": "é☃💡", "empty": ""}),
    ("env_types", {"name": "env-types", **SH, "i": 42, "neg": -7, "big": 9223372036854775807,
                   "t": True, "f": False, "n": None, "fl": 1.5, "fl2": 1e20, "fl3": 0.1,
                   "l": ["a", [], "b", [[], None], True, False, 1, ["c"]], "l2": ["a", []], "l3": [],
                   "nested": [["x", ["y", "z"]], "w"]}),
    ("multi_out", {"name": "multi-out", **SH, "outputs": ["out", "dev", "lib"]}),
    ("outputs_order", {"name": "outputs-order", **SH, "outputs": ["lib", "out", "bin"]}),
    ("outputs_string", {"name": "outputs-string", **SH, "outputs": "dev  out\tdoc"}),
    ("ignore_nulls", {"name": "ignore-nulls", **SH, "__ignoreNulls": True, "n": None, "m": 1}),
    ("no_ignore_nulls", {"name": "no-ignore-nulls", **SH, "__ignoreNulls": False, "n": None}),
    ("placeholders", {"name": "placeholders", **SH, "outputs": ["out", "dev"],
                      "x": Cat(Placeholder("out"), "/bin"), "y": Placeholder("dev")}),
    ("flags_false", {"name": "flags-false", **SH, "__contentAddressed": False, "__impure": False,
                     "__structuredAttrs": False}),
    ("dep_out", {"name": "dep-out", **SH, "x": Out("simple")}),
    ("dep_drvpath", {"name": "dep-drvpath", **SH, "x": DrvPath("simple")}),
    ("dep_multi_dev", {"name": "dep-multi-dev", **SH,
                       "buildInputs": [Out("multi_out", "dev"), Out("multi_out", "lib")]}),
    ("dep_multi_all", {"name": "dep-multi-all", **SH, "x": DrvPath("multi_out"), "y": Out("multi_out")}),
    ("dep_chain", {"name": "dep-chain", **SH, "x": Out("dep_out")}),
    ("dep_chain_drvpath", {"name": "dep-chain-drvpath", **SH, "x": DrvPath("dep_chain")}),
    ("dep_two", {"name": "dep-two", "system": "x86_64-linux", "a": Out("simple"), "b": Out("args_special"),
                 "builder": Cat(Out("env_types"), "/bin/sh")}),
    ("tofile", {"name": "tofile", "system": "x86_64-linux",
                "builder": ToFile("builder.sh", "#!/bin/sh\necho $out\n"),
                "args": [ToFile("builder.sh", "#!/bin/sh\necho $out\n")]}),
    ("tofile_refs", {"name": "tofile-refs", **SH,
                     "x": ToFile("refs", Cat("a=", ToFile("a", "x"), " b=", ToFile("b", "y")))}),
    ("drvpath_closure_text", {"name": "drvpath-closure-text", **SH, "x": DrvPath("tofile_refs")}),
    ("src_file", {"name": "src-file", **SH, "src": Src("hello.txt")}),
    ("src_dir", {"name": "src-dir", **SH, "src": Src("dir"), "other": Cat("prefix-", Src("hello.txt"))}),
    ("src_list", {"name": "src-list", **SH, "srcs": [Src("hello.txt"), Src("dir")]}),
    ("fo_flat_sha256_hex", fo("fo-flat-sha256", HELLO_SHA256.hex(), "sha256")),
    ("fo_flat_sha256_nix32", fo("fo-flat-sha256-nix32", HELLO_SHA256.nix32(), "sha256")),
    ("fo_flat_sha256_b64", fo("fo-flat-sha256-b64", HELLO_SHA256.base64(), "sha256")),
    ("fo_flat_sha256_sri", fo("fo-flat-sha256-sri", HELLO_SHA256.sri())),
    ("fo_flat_sha256_prefixed", fo("fo-flat-sha256-prefixed", "sha256:" + HELLO_SHA256.nix32())),
    ("fo_rec_sha256_hex", fo("fo-rec-sha256", HELLO_SHA256.hex(), "sha256", "recursive")),
    ("fo_rec_sha256_sri", fo("fo-rec-sha256-sri", HELLO_SHA256.sri(), None, "recursive")),
    ("fo_flat_sha1_hex", fo("fo-flat-sha1", HELLO_SHA1.hex(), "sha1")),
    ("fo_flat_sha1_nix32", fo("fo-flat-sha1-nix32", HELLO_SHA1.nix32(), "sha1")),
    ("fo_rec_sha1_sri", fo("fo-rec-sha1-sri", HELLO_SHA1.sri(), None, "recursive")),
    ("fo_flat_sha512_hex", fo("fo-flat-sha512", HELLO_SHA512.hex(), "sha512")),
    ("fo_rec_sha512_b64", fo("fo-rec-sha512-b64", HELLO_SHA512.base64(), "sha512", "recursive")),
    ("fo_rec_sha512_sri", fo("fo-rec-sha512-sri", HELLO_SHA512.sri(), None, "recursive")),
    ("fo_flat_md5", fo("fo-flat-md5", HELLO_MD5.hex(), "md5")),
    ("fo_empty", fo("fo-empty", "", "sha256")),
    ("fo_mode_flat", fo("fo-mode-flat", HELLO_SHA256.sri(), "sha256", "flat")),
    ("fo_with_inputs", fo("fo-flat-sha256", HELLO_SHA256.hex(), "sha256", x=Out("simple"),
                          y=ToFile("a", "x"))),
    ("fo_twin", {**fo("fo-flat-sha256", HELLO_SHA256.hex(), "sha256"), "builder": "/bin/bash"}),
    ("dep_fo", {"name": "dep-fo", **SH, "x": Out("fo_flat_sha256_hex")}),
    ("dep_fo_twin", {"name": "dep-fo", **SH, "x": Out("fo_twin")}),
    ("dep_fo_drvpath", {"name": "dep-fo-drvpath", **SH, "x": DrvPath("fo_with_inputs")}),
    ("structured_basic", {"name": "structured-basic", **SH, "__structuredAttrs": True,
                          "nested": {"z": 1, "a": [1, 2, {"b": None}], "s": 'q"\\\n\té'},
                          "flag": True, "none": None, "num": -3,
                          "fl": [1.5, 0.1, 0.0001, 1e-05, 2.5e-07, 1e300, -2.5]}),
    ("structured_outputs", {"name": "structured-outputs", **SH, "__structuredAttrs": True,
                            "outputs": ["out", "dev"]}),
    ("structured_deps", {"name": "structured-deps", "system": "x86_64-linux", "__structuredAttrs": True,
                         "deps": {"a": Out("simple"), "b": [DrvPath("multi_out")], "c": ToFile("s", "t")},
                         "builder": Cat(Out("simple"), "/bin/sh")}),
    ("structured_outpath_set", {"name": "structured-outpath-set", **SH, "__structuredAttrs": True,
                                "pkg": {"outPath": Out("simple"), "other": 1}}),
    ("structured_fo", {**fo("structured-fo", HELLO_SHA256.sri(), None, "recursive"), "__structuredAttrs": True}),
    ("structured_ignore_nulls", {"name": "structured-ignore-nulls", **SH, "__structuredAttrs": True,
                                 "__ignoreNulls": True, "n": None, "m": [None]}),
    # The Nix 2.26.3 language test eval-okay-derivation-legacy.
    ("legacy_checks", {"name": "eval-okay-derivation-legacy", "system": "x86_64-linux", "builder": "/dontcare",
                       "__structuredAttrs": True, "allowedReferences": [], "disallowedReferences": [],
                       "allowedRequisites": [], "disallowedRequisites": [], "maxSize": 1234,
                       "maxClosureSize": 12345}),
    ("outpath_set_env", {"name": "outpath-set-env", **SH, "x": {"outPath": Out("simple")},
                         "y": {"outPath": "plain"}}),
    ("name_chars", {"name": "a+b.c_d?e=f-1.0", **SH}),
    ("unicode_keys", {"name": "unicode-keys", **SH, "Z": "1", "_x": "2", "a": "3", "ä": "4", "é": "5"}),
    ("long_name", {"name": "n" * 207, **SH}),
    ("args_nested", {"name": "args-nested", **SH, "args": [["a", ["b"]], "c", 1, True, None, 2.5, [[], "d"]]}),
    ("system_ctx", {"name": "system-ctx", "builder": "/bin/sh", "system": Cat(Out("simple"), "-sys")}),
]

# ---------------------------------------------------------------------------
# Golden values: case -> (drvPath, {output: path}), from Nix 2.8.0 (see top).
GOLDEN = {
    "simple": ("/nix/store/2wwpgwhlrid6ypd4f01r72hdpr4l7qgz-simple.drv",
               {"out": "/nix/store/nj83liashqlzmxjq8lyfxrx21whvgpqj-simple"}),
    "args_special": ("/nix/store/rzhy32wiprbrl12fpdzhdq2f42nkdf8z-args-special.drv",
                     {"out": "/nix/store/8f63d4y0ny417vs2yzzs69hgr2y8jsih-args-special"}),
    "env_special": ("/nix/store/pibn0h3ibivp2h9hnm14vwzqpx5mfnnj-env-special.drv",
                    {"out": "/nix/store/hy1wqzmd2nyaif19mb77zmynnfs0xxa2-env-special"}),
    "env_types": ("/nix/store/nrd8cdj93fv91rf8f0dpd7lf2w85h0cx-env-types.drv",
                  {"out": "/nix/store/31k0y078las658d24v3ma6njkncdwqzr-env-types"}),
    "multi_out": ("/nix/store/cp398qsi6nlzhsfzlgdjlg1biwn08sp6-multi-out.drv",
                  {"dev": "/nix/store/nhv11gprgmn6dz2scg0y4wynakgwzv34-multi-out-dev", "lib": "/nix/store/bix6jsplpkk0mc5yrgc3s438jp8sapl7-multi-out-lib", "out": "/nix/store/avvn0rg27ybljp61bk97kk1jfjhk9mha-multi-out"}),
    "outputs_order": ("/nix/store/8rrwi5qdgjr57snv93dffd03pd92zxad-outputs-order.drv",
                      {"bin": "/nix/store/vg52as4331frcn56mag40h4plwic0bmg-outputs-order-bin", "lib": "/nix/store/2d29zkl9cfa48dgcbr9d6g7lwplrmfg8-outputs-order-lib", "out": "/nix/store/sx4xrkrir8936ihgkidiiafaqil4miba-outputs-order"}),
    "outputs_string": ("/nix/store/kn1wxp9xf8zawl53czk6qzds0kw64ksm-outputs-string.drv",
                       {"dev": "/nix/store/gm48pxv97811q25wk1g224zwyixkh6nm-outputs-string-dev", "doc": "/nix/store/zi1mymazg55mdrzmmjgpx6szyzyyzqzh-outputs-string-doc", "out": "/nix/store/7ibzsm8h0w3znminkghhvm1dji2hsh3p-outputs-string"}),
    "ignore_nulls": ("/nix/store/immsijnsw526m6br4dfl2f3rid4kpnhn-ignore-nulls.drv",
                     {"out": "/nix/store/il70cisiwsnx1ck3n5vyhaaq4div46di-ignore-nulls"}),
    "no_ignore_nulls": ("/nix/store/wjcp91lb44jrklix94bksf4kx9hvb5ja-no-ignore-nulls.drv",
                        {"out": "/nix/store/m1jjm6ibri9853si8haxxmqv5qjmhcwn-no-ignore-nulls"}),
    "placeholders": ("/nix/store/9h3n3x10nq3vlzwj3ip1mrahw455cdv7-placeholders.drv",
                     {"dev": "/nix/store/2769pncyp2rchkzar81r3yf6kqnp690m-placeholders-dev", "out": "/nix/store/d9swlw6qmd5vqr48y0fvgm5i05gmkba4-placeholders"}),
    "flags_false": ("/nix/store/ymsvp3xnjhkgim8i06pxv8gfg0cq4hxa-flags-false.drv",
                    {"out": "/nix/store/swkjbk5hzmlzviv4iaxpgrc15vpf7hwn-flags-false"}),
    "dep_out": ("/nix/store/xk5p2q1i3smyk7g2yl2a6435h7np6dq5-dep-out.drv",
                {"out": "/nix/store/wfv0ck9mx2900sfgvmxc34wamir7h7z4-dep-out"}),
    "dep_drvpath": ("/nix/store/qcwia6sy513nfc34rjsr583d0pfzj8ai-dep-drvpath.drv",
                    {"out": "/nix/store/ga3qrgdv8j916jbb1kmcq1cvnx2ab9j6-dep-drvpath"}),
    "dep_multi_dev": ("/nix/store/8cr3424ychp6b7xyc25q915vsklqj89v-dep-multi-dev.drv",
                      {"out": "/nix/store/xp4qp0zyxmz8ndwgfzx61hwp1h8awhb5-dep-multi-dev"}),
    "dep_multi_all": ("/nix/store/xf91fg2ihpfjflw0l81i5gdnh9mim52j-dep-multi-all.drv",
                      {"out": "/nix/store/y21g30l5lcaxp76n3a2p2mm1gz8mmxgk-dep-multi-all"}),
    "dep_chain": ("/nix/store/ykxs6ra152bgvwn7sdy8wndhk0ck4b0w-dep-chain.drv",
                  {"out": "/nix/store/9pn5yqgjyd84pvdvzp486k577jwlcwrg-dep-chain"}),
    "dep_chain_drvpath": ("/nix/store/iiszsarrrz5828ly9kkccx4c06zpvdn9-dep-chain-drvpath.drv",
                          {"out": "/nix/store/25qxdbzqsrlpq3hrcl0w533vavi7jh6a-dep-chain-drvpath"}),
    "dep_two": ("/nix/store/9dc1kbxs5g9r67k7pavqyr0ssbr07phh-dep-two.drv",
                {"out": "/nix/store/2f8m8xk4cdm9jkmvpa5qb85fy4zzvyk3-dep-two"}),
    "tofile": ("/nix/store/60ycpzplii9rqfmilv6hhky7pfc86a1c-tofile.drv",
               {"out": "/nix/store/5nvzfbp4fki5d1nc3dggzbycrfi4agvs-tofile"}),
    "tofile_refs": ("/nix/store/wb9pvg23wikj5nlsxf48xy9l6fcw6azl-tofile-refs.drv",
                    {"out": "/nix/store/2p9fn0bdrp5ri1issxlgv1vbywr6kir7-tofile-refs"}),
    "drvpath_closure_text": ("/nix/store/jwr1ihcf8h2rq12pnfgypr8p5y9w2j4h-drvpath-closure-text.drv",
                             {"out": "/nix/store/14qc8jfv1lpwc2z27isqz9132jpankx9-drvpath-closure-text"}),
    "src_file": ("/nix/store/r9b1wn5f1g98w49c254ij6zinims9jg4-src-file.drv",
                 {"out": "/nix/store/ww3ajpyw2nsqvmfcvrqs3p7d9blf2hhd-src-file"}),
    "src_dir": ("/nix/store/8x8g8mcyixhrjxdjq2js8mj3wf6fpkg8-src-dir.drv",
                {"out": "/nix/store/rsbxnz05ksy00vj3dl5x5xd6mnsqsjfg-src-dir"}),
    "src_list": ("/nix/store/ccjma97h9v80q8zga4cp9acra58g8kkj-src-list.drv",
                 {"out": "/nix/store/mdcypyv8qanvayqi6395ljrfz1dgakcw-src-list"}),
    "fo_flat_sha256_hex": ("/nix/store/044q4qnakqpq99wbc5xazv5sj2r4hhsx-fo-flat-sha256.drv",
                           {"out": "/nix/store/1c90n8f5d81lcs6p3jh5rcrpg7i0hl44-fo-flat-sha256"}),
    "fo_flat_sha256_nix32": ("/nix/store/ca0g0m4i12rbgfvmkb396jy37dc63snw-fo-flat-sha256-nix32.drv",
                             {"out": "/nix/store/4rvg9kdz5scccih02n50iyp79jz6kmf7-fo-flat-sha256-nix32"}),
    "fo_flat_sha256_b64": ("/nix/store/h4fkssi6iq5h25x2czlma6xz919za8qb-fo-flat-sha256-b64.drv",
                           {"out": "/nix/store/0p4mxf776rxjq937b2zrhcij8jx88b1a-fo-flat-sha256-b64"}),
    "fo_flat_sha256_sri": ("/nix/store/f6wpa6a3cav8gdiv0s7mjzh570jlxq5a-fo-flat-sha256-sri.drv",
                           {"out": "/nix/store/lxixb4fqdpcg9mv7s2sfvs8ljxzqq54x-fo-flat-sha256-sri"}),
    "fo_flat_sha256_prefixed": ("/nix/store/3lhyj886r52viz4fh04ibp7x3s7d2zs1-fo-flat-sha256-prefixed.drv",
                                {"out": "/nix/store/pqnqqpim1r5g49y07p39pq1id2j16qvs-fo-flat-sha256-prefixed"}),
    "fo_rec_sha256_hex": ("/nix/store/20x5np8x9f206m46p60rpzfb650dfk8m-fo-rec-sha256.drv",
                          {"out": "/nix/store/i4s3l2s56qi78w5ima3wgbh30rhfjhj2-fo-rec-sha256"}),
    "fo_rec_sha256_sri": ("/nix/store/pw42rgvqvxmy8scg2pgxs8xacqvj6qk0-fo-rec-sha256-sri.drv",
                          {"out": "/nix/store/piirs2d4mdpz4dwpwfhih5zzs52y5s0y-fo-rec-sha256-sri"}),
    "fo_flat_sha1_hex": ("/nix/store/7kinqfqqc9n1n8zszcz3rgh6kiwwqp73-fo-flat-sha1.drv",
                         {"out": "/nix/store/44sind32ax0azrjnk653k2w7i0qzbxfa-fo-flat-sha1"}),
    "fo_flat_sha1_nix32": ("/nix/store/brw12vr76anmmg0rm64jhf9pjwagwahz-fo-flat-sha1-nix32.drv",
                           {"out": "/nix/store/2jajql36h520cnjq5pfwrmp95c257fb7-fo-flat-sha1-nix32"}),
    "fo_rec_sha1_sri": ("/nix/store/www70q7iaasp6vac08iw0nq8sz1fyx6h-fo-rec-sha1-sri.drv",
                        {"out": "/nix/store/fdq8dl9anmf0afcw3bh805gkz5r4yh8j-fo-rec-sha1-sri"}),
    "fo_flat_sha512_hex": ("/nix/store/zm4lhxdnp4nyyqxbap9pv94kxl3a58p6-fo-flat-sha512.drv",
                           {"out": "/nix/store/d1cacrsjnzdrwr2fa93w3s88fxbzqynm-fo-flat-sha512"}),
    "fo_rec_sha512_b64": ("/nix/store/2rqiylm9m0zyri043afy7lgfmr0169h6-fo-rec-sha512-b64.drv",
                          {"out": "/nix/store/dnmbb1fk2gmv7ipfyiwv6p3fw1iga5qb-fo-rec-sha512-b64"}),
    "fo_rec_sha512_sri": ("/nix/store/8fcr69x0cws6p2pxqqp59sypf25w84p6-fo-rec-sha512-sri.drv",
                          {"out": "/nix/store/9qyr1c4hw849f53qsx5ka395gjnicrf9-fo-rec-sha512-sri"}),
    "fo_flat_md5": ("/nix/store/0gy4w4ic4xr8cy33c5svis7lf367q4cw-fo-flat-md5.drv",
                    {"out": "/nix/store/s0pn2gb2pr259mrk4ajwhg4f93q8kyq4-fo-flat-md5"}),
    "fo_empty": ("/nix/store/4q2363af3dkk8zkqr1ldcmf4jp1zaxpx-fo-empty.drv",
                 {"out": "/nix/store/gji315qvg5vvg09krhip6i1b5wxvw79n-fo-empty"}),
    "fo_mode_flat": ("/nix/store/h2nmigglnfmqg6isv9lrzhmfn9laplw6-fo-mode-flat.drv",
                     {"out": "/nix/store/88vmp9bb35vsyb41ybdh4s4yadzn83ks-fo-mode-flat"}),
    "fo_with_inputs": ("/nix/store/n9xiign1gmd1ac9bb8pdgh49kay4rfz9-fo-flat-sha256.drv",
                       {"out": "/nix/store/1c90n8f5d81lcs6p3jh5rcrpg7i0hl44-fo-flat-sha256"}),
    "fo_twin": ("/nix/store/z6rx5al1iz68fppciipczwxmrdip3g15-fo-flat-sha256.drv",
                {"out": "/nix/store/1c90n8f5d81lcs6p3jh5rcrpg7i0hl44-fo-flat-sha256"}),
    "dep_fo": ("/nix/store/63nypqmpnirqybbic2h7p4zilcpn2kdv-dep-fo.drv",
               {"out": "/nix/store/kwq362mfs348k5qz1izrm88ps2p1vksi-dep-fo"}),
    "dep_fo_twin": ("/nix/store/88qwbavpq5h19s3hjqvvx8nyz7fwskms-dep-fo.drv",
                    {"out": "/nix/store/kwq362mfs348k5qz1izrm88ps2p1vksi-dep-fo"}),
    "dep_fo_drvpath": ("/nix/store/gss2dq9r2lg7shm2xd31n61j2zpy3mxm-dep-fo-drvpath.drv",
                       {"out": "/nix/store/b8a1zkhqgm1xvqikql614r4aifgbci5m-dep-fo-drvpath"}),
    "structured_basic": ("/nix/store/aa7621q53dw8l1kr67v9lqcsln7nbg1c-structured-basic.drv",
                         {"out": "/nix/store/30gl1cmr4q4xpmhq5c6q7z7qlbqpfn93-structured-basic"}),
    "structured_outputs": ("/nix/store/9w1j5bvzll9mxax841v7n1yxgxkkmr9p-structured-outputs.drv",
                           {"dev": "/nix/store/gjlaqd12q8xk7fj9z9zgshv4pr8bsk23-structured-outputs-dev", "out": "/nix/store/knyrqxhiarx1p1qp1qkm69bxa6mvaw7a-structured-outputs"}),
    "structured_deps": ("/nix/store/040hbya4nz5agx7a5fzrplqk378adgc7-structured-deps.drv",
                        {"out": "/nix/store/q647089v7qsjd16jifknj5n33n3h2hqp-structured-deps"}),
    "structured_outpath_set": ("/nix/store/0r9b0a7zqd3p4jzf55pzkyks56a76asq-structured-outpath-set.drv",
                               {"out": "/nix/store/8ig8z8ka7b8lxri8sd6hfsj2ijina47l-structured-outpath-set"}),
    "structured_fo": ("/nix/store/pvi273yc2jsm6m1q8x00k95z5392g7b4-structured-fo.drv",
                      {"out": "/nix/store/6xlk6c7kx5q35q0ayfrc4cnwmppbfcia-structured-fo"}),
    "structured_ignore_nulls": ("/nix/store/nnxb8skk6prvymh0vq1gnz8fy18l8lhz-structured-ignore-nulls.drv",
                                {"out": "/nix/store/fbzyvan8l28308qihn7vxxnj17wpr0ha-structured-ignore-nulls"}),
    "legacy_checks": ("/nix/store/v6lcwy09cvs07qp5djn3nsf3qi67apnw-eval-okay-derivation-legacy.drv",
                      {"out": "/nix/store/mzgwvrjjir216ra58mwwizi8wj6y9ddr-eval-okay-derivation-legacy"}),
    "outpath_set_env": ("/nix/store/p5d04wr25k86wh8qh0z8dawkzcvw4d18-outpath-set-env.drv",
                        {"out": "/nix/store/afwf1vzawrf7m3nglj97nqfi888fg656-outpath-set-env"}),
    "name_chars": ("/nix/store/mglqz8cj72n0lkwsqy2rsk64d9l7mqvh-a+b.c_d?e=f-1.0.drv",
                   {"out": "/nix/store/bynpscimxfb6rcqk7mg2fph20jbadhq9-a+b.c_d?e=f-1.0"}),
    "unicode_keys": ("/nix/store/lzlwhi0azj4lahgm2xyfr5m6aqrnssn4-unicode-keys.drv",
                     {"out": "/nix/store/b00vfpvq2xdj6hmfic03bqpayyf1q6gs-unicode-keys"}),
    "long_name": ("/nix/store/qhjpi8d50dfcp7i4mgdb9dbhgacnh0ax-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn.drv",
                  {"out": "/nix/store/irnrg1pllqwksasiyjihin2iakf21rwj-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"}),
    "args_nested": ("/nix/store/gh132vvj9wlqb357d47m6wiwa3hi4cl9-args-nested.drv",
                    {"out": "/nix/store/qd4ycwya7dgn56kjxk0m7rflsbvz20z0-args-nested"}),
    "system_ctx": ("/nix/store/301zkd2nqdkxf4majmawcph2pwqiw5if-system-ctx.drv",
                   {"out": "/nix/store/gmrzfssqsjjcy2vsv3mllh2dk8g9n8bp-system-ctx"}),
}

ATERM_CASES = ["simple", "args_special", "env_special", "env_types", "dep_drvpath", "dep_multi_dev",
               "tofile", "src_dir", "fo_rec_sha1_sri", "dep_fo", "structured_basic", "structured_deps"]
ATERMS = {
    'simple': 'Derive([("out","/nix/store/nj83liashqlzmxjq8lyfxrx21whvgpqj-simple","","")],[],[],"x86_64-linux","/bin/sh",[],[("builder","/bin/sh"),("name","simple"),("out","/nix/store/nj83liashqlzmxjq8lyfxrx21whvgpqj-simple"),("system","x86_64-linux")])',
    'args_special': 'Derive([("out","/nix/store/8f63d4y0ny417vs2yzzs69hgr2y8jsih-args-special","","")],[],[],"x86_64-linux","/bin/sh",["-c","echo \\"hi\\" \\\\ $out\\n","tab\\there","","unicode é ☃","cr\\rlf"],[("builder","/bin/sh"),("name","args-special"),("out","/nix/store/8f63d4y0ny417vs2yzzs69hgr2y8jsih-args-special"),("system","x86_64-linux")])',
    'env_special': 'Derive([("out","/nix/store/hy1wqzmd2nyaif19mb77zmynnfs0xxa2-env-special","","")],[],[],"x86_64-linux","/bin/sh",[],[("builder","/bin/sh"),("empty",""),("msg","line1\\nline2 \\"quoted\\" \\\\back\\\\slash\\t$dollar ${x} $${y}"),("name","env-special"),("out","/nix/store/hy1wqzmd2nyaif19mb77zmynnfs0xxa2-env-special"),("system","x86_64-linux"),("uni","é☃💡")])',
    'env_types': 'Derive([("out","/nix/store/31k0y078las658d24v3ma6njkncdwqzr-env-types","","")],[],[],"x86_64-linux","/bin/sh",[],[("big","9223372036854775807"),("builder","/bin/sh"),("f",""),("fl","1.500000"),("fl2","100000000000000000000.000000"),("fl3","0.100000"),("i","42"),("l","a b  1  1 c"),("l2","a "),("l3",""),("n",""),("name","env-types"),("neg","-7"),("nested","x y z w"),("out","/nix/store/31k0y078las658d24v3ma6njkncdwqzr-env-types"),("system","x86_64-linux"),("t","1")])',
    'dep_drvpath': 'Derive([("out","/nix/store/ga3qrgdv8j916jbb1kmcq1cvnx2ab9j6-dep-drvpath","","")],[("/nix/store/2wwpgwhlrid6ypd4f01r72hdpr4l7qgz-simple.drv",["out"])],["/nix/store/2wwpgwhlrid6ypd4f01r72hdpr4l7qgz-simple.drv"],"x86_64-linux","/bin/sh",[],[("builder","/bin/sh"),("name","dep-drvpath"),("out","/nix/store/ga3qrgdv8j916jbb1kmcq1cvnx2ab9j6-dep-drvpath"),("system","x86_64-linux"),("x","/nix/store/2wwpgwhlrid6ypd4f01r72hdpr4l7qgz-simple.drv")])',
    'dep_multi_dev': 'Derive([("out","/nix/store/xp4qp0zyxmz8ndwgfzx61hwp1h8awhb5-dep-multi-dev","","")],[("/nix/store/cp398qsi6nlzhsfzlgdjlg1biwn08sp6-multi-out.drv",["dev","lib"])],[],"x86_64-linux","/bin/sh",[],[("buildInputs","/nix/store/nhv11gprgmn6dz2scg0y4wynakgwzv34-multi-out-dev /nix/store/bix6jsplpkk0mc5yrgc3s438jp8sapl7-multi-out-lib"),("builder","/bin/sh"),("name","dep-multi-dev"),("out","/nix/store/xp4qp0zyxmz8ndwgfzx61hwp1h8awhb5-dep-multi-dev"),("system","x86_64-linux")])',
    'tofile': 'Derive([("out","/nix/store/5nvzfbp4fki5d1nc3dggzbycrfi4agvs-tofile","","")],[],["/nix/store/6qrwn5mnlc7bi5hx0am6q2qdlp22bakw-builder.sh"],"x86_64-linux","/nix/store/6qrwn5mnlc7bi5hx0am6q2qdlp22bakw-builder.sh",["/nix/store/6qrwn5mnlc7bi5hx0am6q2qdlp22bakw-builder.sh"],[("builder","/nix/store/6qrwn5mnlc7bi5hx0am6q2qdlp22bakw-builder.sh"),("name","tofile"),("out","/nix/store/5nvzfbp4fki5d1nc3dggzbycrfi4agvs-tofile"),("system","x86_64-linux")])',
    'src_dir': 'Derive([("out","/nix/store/rsbxnz05ksy00vj3dl5x5xd6mnsqsjfg-src-dir","","")],[],["/nix/store/qd07phmzs1381cdwni3041smgq3b1k21-dir","/nix/store/z45ailnkm27lnvhimqkhy08f6sh5m17d-hello.txt"],"x86_64-linux","/bin/sh",[],[("builder","/bin/sh"),("name","src-dir"),("other","prefix-/nix/store/z45ailnkm27lnvhimqkhy08f6sh5m17d-hello.txt"),("out","/nix/store/rsbxnz05ksy00vj3dl5x5xd6mnsqsjfg-src-dir"),("src","/nix/store/qd07phmzs1381cdwni3041smgq3b1k21-dir"),("system","x86_64-linux")])',
    'fo_rec_sha1_sri': 'Derive([("out","/nix/store/fdq8dl9anmf0afcw3bh805gkz5r4yh8j-fo-rec-sha1-sri","r:sha1","aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")],[],[],"x86_64-linux","/bin/sh",[],[("builder","/bin/sh"),("name","fo-rec-sha1-sri"),("out","/nix/store/fdq8dl9anmf0afcw3bh805gkz5r4yh8j-fo-rec-sha1-sri"),("outputHash","sha1-qvTGHdzF6KLavt4PO0gs2a6pQ00="),("outputHashMode","recursive"),("system","x86_64-linux")])',
    'dep_fo': 'Derive([("out","/nix/store/kwq362mfs348k5qz1izrm88ps2p1vksi-dep-fo","","")],[("/nix/store/044q4qnakqpq99wbc5xazv5sj2r4hhsx-fo-flat-sha256.drv",["out"])],[],"x86_64-linux","/bin/sh",[],[("builder","/bin/sh"),("name","dep-fo"),("out","/nix/store/kwq362mfs348k5qz1izrm88ps2p1vksi-dep-fo"),("system","x86_64-linux"),("x","/nix/store/1c90n8f5d81lcs6p3jh5rcrpg7i0hl44-fo-flat-sha256")])',
    'structured_basic': 'Derive([("out","/nix/store/30gl1cmr4q4xpmhq5c6q7z7qlbqpfn93-structured-basic","","")],[],[],"x86_64-linux","/bin/sh",[],[("__json","{\\"builder\\":\\"/bin/sh\\",\\"fl\\":[1.5,0.1,0.0001,1e-05,2.5e-07,1e+300,-2.5],\\"flag\\":true,\\"name\\":\\"structured-basic\\",\\"nested\\":{\\"a\\":[1,2,{\\"b\\":null}],\\"s\\":\\"q\\\\\\"\\\\\\\\\\\\n\\\\té\\",\\"z\\":1},\\"none\\":null,\\"num\\":-3,\\"system\\":\\"x86_64-linux\\"}"),("out","/nix/store/30gl1cmr4q4xpmhq5c6q7z7qlbqpfn93-structured-basic")])',
    'structured_deps': 'Derive([("out","/nix/store/q647089v7qsjd16jifknj5n33n3h2hqp-structured-deps","","")],[("/nix/store/2wwpgwhlrid6ypd4f01r72hdpr4l7qgz-simple.drv",["out"]),("/nix/store/cp398qsi6nlzhsfzlgdjlg1biwn08sp6-multi-out.drv",["dev","lib","out"])],["/nix/store/11249ak1zcdbqnxzyqqpaf4s7fam2p2x-s","/nix/store/cp398qsi6nlzhsfzlgdjlg1biwn08sp6-multi-out.drv"],"x86_64-linux","/nix/store/nj83liashqlzmxjq8lyfxrx21whvgpqj-simple/bin/sh",[],[("__json","{\\"builder\\":\\"/nix/store/nj83liashqlzmxjq8lyfxrx21whvgpqj-simple/bin/sh\\",\\"deps\\":{\\"a\\":\\"/nix/store/nj83liashqlzmxjq8lyfxrx21whvgpqj-simple\\",\\"b\\":[\\"/nix/store/cp398qsi6nlzhsfzlgdjlg1biwn08sp6-multi-out.drv\\"],\\"c\\":\\"/nix/store/11249ak1zcdbqnxzyqqpaf4s7fam2p2x-s\\"},\\"name\\":\\"structured-deps\\",\\"system\\":\\"x86_64-linux\\"}"),("out","/nix/store/q647089v7qsjd16jifknj5n33n3h2hqp-structured-deps")])',
}


# ---------------------------------------------------------------------------
# Python side

def source_io() -> MemoryIO:
    return MemoryIO({f"/src/{k}": v for k, v in SOURCES.items()})


class Builder:
    """Turns cases into derivation_strict calls, in order."""

    def __init__(self):
        self.io = source_io()
        self.known = KnownPaths()
        self.results = {}
        self.warnings = []

    def copy_path(self, p: Path) -> str:
        sp = paths.make_source_path(self.io, p.path)
        return NixStr(sp, {sp})

    def value(self, v):
        t = type(v)
        if t is Out:
            return self.results[v.case].output_string(v.output)
        if t is DrvPath:
            return self.results[v.case].drv_path_string()
        if t is ToFile:
            contents = self.string(v.contents)
            ctx = getattr(contents, "context", frozenset())
            p = paths.to_file(v.name, contents, ctx)
            self.known.add_text(p, ctx)
            return NixStr(p, {p})
        if t is Cat:
            return concat([self.string(x) for x in v.parts])
        if t is Src:
            return Path(f"/src/{v.rel}")
        if t is Placeholder:
            return paths.placeholder(v.output)
        if t is list:
            return [self.value(x) for x in v]
        if t is dict:
            return Attrs({k: self.value(x) for k, x in v.items()})
        return v

    def string(self, v):
        """A value interpolated into a string ("${...}": paths are copied)."""
        r = self.value(v)
        if type(r) is Path:
            return self.copy_path(r)
        return r

    def run(self, key, attrs):
        r = derivation_strict({k: self.value(v) for k, v in attrs.items()}, self.known,
                              copy_path=self.copy_path, warn=self.warnings.append)
        self.results[key] = r
        return r


@pytest.fixture(scope="module")
def built():
    b = Builder()
    for key, attrs in CASES:
        b.run(key, attrs)
    return b


def test_case_count():
    assert len(CASES) >= 40
    assert set(GOLDEN) == {k for k, _ in CASES}


@pytest.mark.parametrize("key", [k for k, _ in CASES])
def test_matches_nix(built, key):
    r = built.results[key]
    drv_path, outputs = GOLDEN[key]
    assert r.outputs == outputs
    assert r.drv_path == drv_path


@pytest.mark.parametrize("key", ATERM_CASES)
def test_aterm_matches_nix(built, key):
    assert built.results[key].aterm == ATERMS[key]


def test_result_attrs_and_contexts(built):
    r = built.results["multi_out"]
    a = r.attrs()
    assert list(a) == ["drvPath", "dev", "lib", "out"]
    assert a["drvPath"].context == {"=" + r.drv_path}
    assert a["dev"].context == {"!dev!" + r.drv_path}
    assert a["out"] == r.outputs["out"]


def test_fixed_output_twins_share_dependent_output_paths(built):
    # A fixed-output derivation enters hashDerivationModulo only through its
    # output path and hash, so these two dependents get the same output.
    a, b = built.results["dep_fo"], built.results["dep_fo_twin"]
    assert a.outputs == b.outputs
    assert a.drv_path != b.drv_path
    assert built.results["fo_twin"].outputs == built.results["fo_flat_sha256_hex"].outputs


def test_drvpath_context_pulls_in_closure(built):
    d = built.results["dep_chain_drvpath"].derivation
    chain, dep_out, simple = (built.results[k].drv_path for k in ("dep_chain", "dep_out", "simple"))
    assert d.input_srcs == {chain, dep_out, simple}
    assert d.input_drvs == {chain: {"out"}, dep_out: {"out"}, simple: {"out"}}
    d = built.results["drvpath_closure_text"].derivation
    assert len([p for p in d.input_srcs if not p.endswith(".drv")]) == 3   # refs, a, b


def test_warnings(built):
    # Nix 2.8.0 printed the first; the structured-attrs ones are Nix 2.26.3's
    # (eval-okay-derivation-legacy.err.exp).
    assert "found empty hash, assuming 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='" in built.warnings
    legacy = [w for w in built.warnings if w.startswith("In a derivation named 'eval-okay-derivation-legacy'")]
    assert legacy == [
        f"In a derivation named 'eval-okay-derivation-legacy', 'structuredAttrs' disables the effect of the "
        f"derivation attribute '{a}'; use 'outputChecks.<output>.{a}' instead"
        for a in ("allowedReferences", "allowedRequisites", "disallowedReferences", "disallowedRequisites",
                  "maxClosureSize", "maxSize")]


def test_legacy_suite_value(built):
    # Expected output of the Nix 2.26.3 language test eval-okay-derivation-legacy.
    assert built.results["legacy_checks"].outputs["out"] == \
        "/nix/store/mzgwvrjjir216ra58mwwizi8wj6y9ddr-eval-okay-derivation-legacy"


def test_known_paths_modulo_is_iterative():
    known = KnownPaths()
    prev = None
    for i in range(1500):
        attrs = {"name": f"chain{i}", **SH}
        if prev is not None:
            attrs["x"] = prev.output_string("out")
        prev = derivation_strict(attrs, known)
    # A fresh KnownPaths sharing the derivations recomputes modulo hashes
    # without recursing.
    fresh = KnownPaths()
    fresh.derivations.update(known.derivations)
    assert fresh.output_hashes(prev.drv_path) == known.output_hashes(prev.drv_path)


# --- errors (messages from Nix 2.8.0 unless marked) ---

BASE = {"name": "a", "builder": "/bin/sh", "system": "x"}


@pytest.mark.parametrize("attrs,message", [
    # Nix 2.8.0: "attribute 'name' missing for call to 'derivationStrict'"; current Nix:
    ({"builder": "/bin/sh", "system": "x"}, "attribute 'name' missing"),
    ({"name": "a", "system": "x"}, "required attribute 'builder' missing"),
    ({"name": "a", "builder": "/bin/sh"}, "required attribute 'system' missing"),
    ({**BASE, "system": ""}, "required attribute 'system' missing"),
    # Nix 2.8.0: "derivation names are not allowed to end in '.drv'"; current Nix:
    ({**BASE, "name": "a.drv"},
     "derivation names are allowed to end in '.drv' only if they produce a single derivation file"),
    ({**BASE, "outputs": ["out", "out"]}, "duplicate derivation output 'out'"),
    ({**BASE, "outputs": ["drv"]}, "invalid derivation output name 'drv'"),
    ({**BASE, "outputs": []}, "derivation cannot have an empty set of outputs"),
    ({**BASE, "outputs": " "}, "derivation cannot have an empty set of outputs"),
    ({**BASE, "outputHashMode": "foo"}, "invalid value 'foo' for 'outputHashMode' attribute"),
    ({**BASE, "outputHash": "foo", "outputs": ["out", "dev"]},
     "multiple outputs are not supported in fixed-output derivations"),
    ({**BASE, "__contentAddressed": True},
     ("experimental Nix feature 'ca-derivations' is disabled; use '--extra-experimental-features "
     "ca-derivations' to override")),
    # Nix 2.26.3 (eval-fail-derivation-name); 2.8.0 failed later with a store path message.
    ({**BASE, "name": "~jiggle~"},
     "invalid derivation name: name '~jiggle~' contains illegal character '~'. Please pass a different 'name'."),
    ({**BASE, "name": NixStr("a", {"/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x"})},
     ("the string 'a' is not allowed to refer to a store path (such as "
     "'/nix/store/4g4g9i669dl63abpww0djbl2jxl6bwiz-x')")),
    ({**BASE, "__structuredAttrs": True, "outputs": "out"}, "value is a string while a list was expected"),
    ({**BASE, "__ignoreNulls": 1}, "value is an integer while a Boolean was expected"),
])
def test_errors(attrs, message):
    with pytest.raises(DerivationError) as e:
        derivation_strict(attrs)
    assert e.value.msg == message


@pytest.mark.parametrize("attrs,message", [
    # Nix 2.8.0: "empty hash requires explicit hash type"
    ({**BASE, "outputHash": ""}, "empty hash requires explicit hash algorithm"),
    ({**BASE, "outputHash": "abc"},
     "hash 'abc' does not include a type, nor is the type otherwise known from context"),
    # an unknown outputHashAlgo is ignored, as in Nix 2.8.0
    ({**BASE, "outputHash": "abc", "outputHashAlgo": "foo"},
     "hash 'abc' does not include a type, nor is the type otherwise known from context"),
    ({**BASE, "outputHash": HELLO_SHA1.sri(), "outputHashAlgo": "sha256"},
     f"hash '{HELLO_SHA1.sri()}' should have type 'sha256'"),
])
def test_output_hash_errors(attrs, message):
    with pytest.raises(HashError) as e:
        derivation_strict(attrs)
    assert e.value.msg == message


def test_unknown_input_derivation():
    # Nix 2.8.0 with the dummy store: "path '/nix/store/7g5g...-a.drv' is not valid"
    drv = "/nix/store/7g5giqf764p3y3zv7a8rqsy9sqqq5kw4-a.drv"
    for ctx in ("=" + drv, "!out!" + drv):
        with pytest.raises(StorePathError) as e:
            derivation_strict({**BASE, "x": NixStr(drv, {ctx})})
        assert e.value.msg == f"path '{drv}' is not valid"


def test_env_string_quirks():
    # From the ATerm of env_types (Nix 2.8.0).
    ctx = set()
    assert env_string(["a", [], "b", [[], None], True, False, 1, ["c"]], ctx) == "a b  1  1 c"
    assert env_string(["a", []], ctx) == "a "
    assert env_string(1e20, ctx) == "100000000000000000000.000000"
    assert env_string(-7, ctx) == "-7"
    assert ctx == set()


def test_deep_values_do_not_recurse():
    deep_list = "x"
    for _ in range(5000):
        deep_list = [deep_list, []]
    assert env_string(deep_list, set()) == "x" + " " * 5000   # ["x" []] -> "x ", and so on
    deep_set = 1
    for _ in range(5000):
        deep_set = {"a": deep_set}
    r = derivation_strict({**BASE, "__structuredAttrs": True, "d": deep_set, "l": deep_list})
    assert r.derivation.env["__json"].startswith('{"builder":"/bin/sh","d":{"a":{"a":')


def test_json_float_like_nlohmann():
    from nixlite.value.floats import to_json as json_float  # one JSON printer for toJSON and __json
    # Current Nix writes __json with nlohmann::json (2.8.0 used "%g"); these
    # are nlohmann's documented formats: shortest digits, ".0" for integral
    # values, exponents from 1e15 / below 1e-4, at least two exponent digits.
    cases = [(1.5, "1.5"), (100.0, "100.0"), (0.0, "0.0"), (-0.0, "-0.0"), (0.1, "0.1"), (1e15, "1e+15"),
             (1e14, "100000000000000.0"), (0.0001, "0.0001"), (1e-05, "1e-05"),
             (123456789.123, "123456789.123"), (1 / 3, "0.3333333333333333"), (1e300, "1e+300"),
             (2.5e-07, "2.5e-07"), (-2.5, "-2.5"), (float("nan"), "null"), (float("inf"), "null")]
    for x, s in cases:
        assert json_float(x) == s, x


def test_to_json():
    assert to_json({"b": [1, None, True], "a": {"ä": "x\"\n\x01\x7f"}, "B": 1.5}) == \
        '{"B":1.5,"a":{"ä":"x\\"\\n\\u0001\x7f"},"b":[1,null,true]}'
    deep = []
    for _ in range(5000):
        deep = [deep]
    assert to_json(deep) == "[" * 5001 + "]" * 5001


# ---------------------------------------------------------------------------
# Regenerating the golden values (needs Nix 2.8.0 on PATH).

def _nix_str(s: str) -> str:
    out = ['"']
    i = 0
    while i < len(s):
        c = s[i]
        if c == "$" and s[i + 1:i + 2] == "{":
            out.append("\\$")
        else:
            out.append({'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(c, c))
        i += 1
    out.append('"')
    return "".join(out)


def _to_nix(v) -> str:
    t = type(v)
    if t is str:
        return _nix_str(v)
    if t is bool:
        return "true" if v else "false"
    if v is None:
        return "null"
    if t is int:
        return f"({v})"
    if t is float:
        m, _, e = repr(v).partition("e")
        if "." not in m:
            m += ".0"
        return f"({m}{'e' + e if e else ''})"
    if t is list:
        return "[ " + " ".join(_to_nix(x) for x in v) + " ]"
    if t is dict:
        return "{ " + " ".join(f"{_nix_str(k)} = {_to_nix(x)};" for k, x in v.items()) + " }"
    if t is Out:
        return f"d_{v.case}.{v.output}"
    if t is DrvPath:
        return f"d_{v.case}.drvPath"
    if t is ToFile:
        return f"(builtins.toFile {_nix_str(v.name)} {_to_nix(v.contents)})"
    if t is Cat:
        return "(" + " + ".join(['""'] + [_to_nix(x) for x in v.parts]) + ")"
    if t is Src:
        return f"./{v.rel}"
    if t is Placeholder:
        return f"(builtins.placeholder {_nix_str(v.output)})"
    raise TypeError(v)


def _regenerate() -> None:  # pragma: no cover - needs the oracle
    import json
    import os
    import subprocess
    import tempfile

    tmp = tempfile.mkdtemp()
    for rel, text in SOURCES.items():
        os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
        with open(os.path.join(tmp, rel), "w") as f:
            f.write(text)
    lines = ["{ wrap }:", "let"]
    for key, attrs in CASES:
        lines.append(f"  d_{key} = builtins.derivationStrict {_to_nix(attrs)};")
    lines.append("  asDrv = d: let o = builtins.head (builtins.filter (n: n != \"drvPath\") (builtins.attrNames d)); in"
                 " d // { type = \"derivation\"; name = \"x\"; outputName = o; outPath = d.${o}; };")
    lines.append("in {")
    for key, _ in CASES:
        lines.append(f"  {key} = (if wrap then asDrv else (d: d)) d_{key};")
    lines.append("}")
    with open(os.path.join(tmp, "cases.nix"), "w") as f:
        f.write("\n".join(lines) + "\n")
    env = dict(os.environ, NIX_REMOTE=f"local?root={tmp}/root")
    subprocess.run(["nix-instantiate", "--arg", "wrap", "true", "cases.nix"], cwd=tmp, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = subprocess.run(["nix-instantiate", "--eval", "--strict", "--json", "--arg", "wrap", "false", "cases.nix"], cwd=tmp, env=env,
                         check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    print("GOLDEN = {")
    for key, _ in CASES:
        d = data[key]
        outs = ", ".join(f'"{k}": "{v}"' for k, v in sorted(d.items()) if k != "drvPath")
        print(f'    "{key}": ("{d["drvPath"]}",\n' + " " * (len(key) + 9) + "{" + outs + "}),")
    print("}")
    print("ATERMS = {")
    for key in ATERM_CASES:
        with open(f"{tmp}/root{data[key]['drvPath']}") as f:
            print(f"    {key!r}: {f.read()!r},")
    print("}")

if __name__ == "__main__":  # pragma: no cover
    _regenerate()
