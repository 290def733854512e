let optionalAttrs = cond: as: if cond then as else { }; in { base = 1; } // optionalAttrs true { yes = 2; } // optionalAttrs false { no = 3; }
