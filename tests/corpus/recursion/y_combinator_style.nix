let Y = f: (x: f (y: x x y)) (x: f (y: x x y)); fact = Y (self: n: if n == 0 then 1 else n * self (n - 1)); in fact 6
