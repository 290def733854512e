let
  numbers = builtins.genList (i: i + 1) 10;
  isEven = n: n - n / 2 * 2 == 0;
in
builtins.filter isEven numbers
