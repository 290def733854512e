if 10 - 10 / 2 * 2 == 0 then "even" else "odd"
