# "pre" sorts before everything
[ (builtins.compareVersions "1.0pre1" "1.0") (builtins.compareVersions "2.3pre1" "2.3.1") ]
