builtins.parseDrvName "xorg-server-x11"
