let s = { x = 1; }; in [ s s ]
