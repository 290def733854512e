[ (builtins.compareVersions "" "") (builtins.compareVersions "" "1") ]
