# the @-pattern binds the set as passed: defaults are not added
(args@{ a ? 1, ... }: builtins.attrNames args) { b = 2; }
