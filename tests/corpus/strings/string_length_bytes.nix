# stringLength counts bytes, not characters
[ (builtins.stringLength "abc") (builtins.stringLength "é") (builtins.stringLength "☃") ]
