builtins.filterSource (path: type: type != "regular" || baseNameOf path != "drop.log") ./data/tree
