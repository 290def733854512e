let mod = a: b: a - b * (a / b); in [ (mod 17 5) (mod (-17) 5) ]
