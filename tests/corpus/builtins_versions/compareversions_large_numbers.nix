builtins.compareVersions "1.20240101" "1.20231231"
