# ints, bools, null, lists and strings become environment strings
(derivation { name = "env"; system = "x86_64-linux"; builder = "/bin/sh"; i = 42; t = true; f = false; n = null; l = [ "a" 1 true ]; s = "str"; }).drvPath
