"""nix32 encoding against values printed by real Nix 2.8.0.

Golden values were produced with Nix 2.8.0 (``NIX_REMOTE=dummy://``):
``nix-instantiate --eval --expr 'builtins.hashString "<algo>" "<s>"'`` for
the base16 digest, then ``nix-hash --type <algo> --to-base32 <hex>``.
"""

import pytest

from nixlite.store import nixbase32

# (base16 digest, nix32 as printed by `nix-hash --to-base32`)
GOLDEN = [
    ("d41d8cd98f00b204e9800998ecf8427e", "3y8bwfr609h3lh9ch0izcqq7fl"),                 # md5 ""
    ("5d41402abc4b2a76b9719d911017c592", "4jqlbi14cxf6wpcajbphm40hax"),                 # md5 "hello"
    ("da39a3ee5e6b4b0d3255bfef95601890afd80709", "143xibwh31h9bvxzalr0sjvbbvpa6ffs"),  # sha1 ""
    ("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "2bmr66rrwxvbpqcyhknzqa1dgb3f3m1g"),  # sha1 fox
    ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"),                          # sha256 ""
    ("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
     "094qif9n4cq4fdg459qzbhg1c6wywawwaaivx0k0x8xhbyx4vwic"),                          # sha256 "hello"
    (("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
     "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
     "0zdl9zrg8r3i9c1g90lgg9ip5ijzv3yhz91i0zzn3r8ap9ws784gkp9dk9j3aglhgf1amqb0pj21mh7h1nxcl18akqvvf7ggqsy30yg"),
    (("ea997324f9e0b91ef1b1c0f58d70d28195391884308b5278822942ddc537def6"
     "fbd93cd1cc5e4ecd8bb1417f72eebf54cd84f3bdc5575c2a83c34aefedb3b280"),
     "20b5czdxx5c70rabibwbggkhk6m9gzff9zl3ccbrm75xk6i7kczpxny6z2xshi9h9w552rhhhc3k5c1s9q8vxf0n7qixfg0z4j776ga"),
]


@pytest.mark.parametrize("hexdigest,expected", GOLDEN)
def test_encode_matches_nix(hexdigest, expected):
    assert nixbase32.encode(bytes.fromhex(hexdigest)) == expected


@pytest.mark.parametrize("hexdigest,text", GOLDEN)
def test_decode_matches_nix(hexdigest, text):
    data = bytes.fromhex(hexdigest)
    assert nixbase32.decode(text, len(data)) == data
    assert nixbase32.decode(text) == data


def _reference_encode(data: bytes) -> str:
    """Nix's printHash32 loop, bit by bit (an independent check of the fast path)."""
    n = len(data)
    length = (n * 8 - 1) // 5 + 1
    out = []
    for k in range(length - 1, -1, -1):
        b = k * 5
        i, j = b // 8, b % 8
        c = (data[i] >> j) | (0 if i >= n - 1 else data[i + 1] << (8 - j))
        out.append(nixbase32.ALPHABET[c & 0x1F])
    return "".join(out)


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7, 8, 16, 20, 32, 33, 64])
def test_roundtrip_all_sizes(size):
    for seed in range(5):
        data = bytes((seed * 37 + i * 101 + 7) & 0xFF for i in range(size))
        text = nixbase32.encode(data)
        assert len(text) == nixbase32.encoded_len(size)
        assert text == _reference_encode(data)
        assert nixbase32.decode(text, size) == data


def test_store_path_hash_part_is_20_bytes():
    # A store path's hash part is 32 characters: nix32 of 20 bytes.
    assert nixbase32.encoded_len(20) == 32
    assert nixbase32.is_valid("4g4g9i669dl63abpww0djbl2jxl6bwiz", 20)  # from builtins.toFile "x" "hello"


def test_rejects_bad_characters_and_overflow():
    for bad in "eotu!":
        with pytest.raises(ValueError):
            nixbase32.decode("0" * 51 + bad, 32)
    # 52 characters carry 260 bits; the top 4 must be zero for 32 bytes.
    with pytest.raises(ValueError):
        nixbase32.decode("z" + "0" * 51, 32)
    assert not nixbase32.is_valid("z" + "0" * 51, 32)
    assert nixbase32.decode("1" + "0" * 51, 32)[-1] == 0x80  # bit 255


def test_empty():
    assert nixbase32.encode(b"") == ""
    assert nixbase32.decode("", 0) == b""
