builtins.hashFile "md5" ./data/input.txt
