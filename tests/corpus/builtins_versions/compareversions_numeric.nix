# components compare numerically
builtins.compareVersions "1.10" "1.9"
