builtins.stringLength "a\r\nb"
