builtins.filterSource (path: type: false) ./data/tree
