"2 + 3 = ${toString (2 + 3)}"
