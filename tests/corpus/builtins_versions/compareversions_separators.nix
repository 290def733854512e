[ (builtins.compareVersions "1-2" "1.2") (builtins.compareVersions "1..2" "1.2") ]
