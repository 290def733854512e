builtins.groupBy (x: if x / 2 * 2 == x then "even" else "odd") [ 1 2 3 4 5 6 ]
