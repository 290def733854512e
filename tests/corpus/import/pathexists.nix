[ (builtins.pathExists ./data/dir) (builtins.pathExists ./data/dir/a.txt) (builtins.pathExists ./data/dir/nope) (builtins.pathExists ./data/dir/link) ]
