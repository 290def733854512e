{ ${toString 1} = "ok"; ${builtins.head [ 2 ]} = "bad"; }
