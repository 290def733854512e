map (x: builtins.trace "x=${toString x}" (x * 2)) [ 1 2 3 ]
