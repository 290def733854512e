builtins.lessThan /a /b
