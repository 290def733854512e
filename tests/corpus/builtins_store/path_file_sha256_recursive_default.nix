# recursive defaults to true, so this hash is the NAR hash
builtins.path { path = ./data/single.txt; name = "nar"; sha256 = "0v033h4fi0kjmr14knqd4x18l9w973nph2c6vcblxx3j003ps45b"; }
