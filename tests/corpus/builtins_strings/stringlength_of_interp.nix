builtins.stringLength "${"abc"}${toString 12}"
