# control characters other than newline, tab and CR are printed raw
builtins.fromJSON "\"a\\u0001b\\u00e9\""
