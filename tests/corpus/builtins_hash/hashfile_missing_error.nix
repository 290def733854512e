builtins.hashFile "sha256" ./data/nope.txt
