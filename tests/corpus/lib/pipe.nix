let pipe = builtins.foldl' (x: f: f x); in pipe [ 3 1 2 ] [ (builtins.sort builtins.lessThan) (map (x: toString (x * 10))) (builtins.concatStringsSep ",") ]
