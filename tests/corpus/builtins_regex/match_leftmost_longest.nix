# not POSIX leftmost-longest: the first alternative that lets the whole match succeed wins
builtins.match "(a|ab)(c|bcd)(d*)" "abcd"
