builtins.filterSource (p: t: true) "relative/dir"
