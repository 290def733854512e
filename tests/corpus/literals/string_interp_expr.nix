"sum=${toString (1 + 2)} list=${toString [ 1 2 ]}"
