let lib = { inc = x: x + 1; }; in { v = with lib; inc 1; }
