let apply = f: x: f x; inc = x: x + 1; in apply inc 41
