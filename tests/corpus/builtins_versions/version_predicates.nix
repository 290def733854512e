let versionOlder = a: b: builtins.compareVersions b a == 1; versionAtLeast = a: b: !(versionOlder a b); in [ (versionOlder "1.2" "1.10") (versionAtLeast "2.0" "2.0") ]
