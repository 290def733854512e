let optional = cond: x: if cond then [ x ] else [ ]; in [ "a" ] ++ optional true "b" ++ optional false "c"
