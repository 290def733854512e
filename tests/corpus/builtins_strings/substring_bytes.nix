# substring works on bytes
builtins.stringLength (builtins.substring 0 1 "é")
