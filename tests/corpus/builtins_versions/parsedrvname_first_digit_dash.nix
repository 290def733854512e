# the version starts at the first dash followed by a non-letter
builtins.parseDrvName "foo-bar-1.0-rc1"
