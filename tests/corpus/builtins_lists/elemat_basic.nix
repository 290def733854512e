builtins.elemAt [ "x" [ "y" ] { z = 1; } ] 2
