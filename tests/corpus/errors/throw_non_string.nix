# throw of a non-string value
throw 42
