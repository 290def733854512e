# a group that did not take part is null
builtins.match "(a)?(b)" "b"
