let a = { x = { y = 1; }; }; in a.x // { z = 2; }
