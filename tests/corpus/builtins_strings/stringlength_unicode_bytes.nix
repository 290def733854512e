builtins.stringLength "naïve ☃"
