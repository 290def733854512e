# . matches a newline in POSIX extended regexes
builtins.match "a.b" "a\nb"
