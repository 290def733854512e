builtins.hashFile "sha256" ./data/input.txt
