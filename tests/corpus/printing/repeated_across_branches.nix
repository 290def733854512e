let s = { k = "v"; }; in { x = [ s ]; y = [ s ]; }
