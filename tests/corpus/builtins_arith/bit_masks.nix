let flags = builtins.foldl' builtins.bitOr 0 [ 1 4 16 ]; in map (b: builtins.bitAnd flags b != 0) [ 1 2 4 8 16 ]
