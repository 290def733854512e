let gcd = a: b: if b == 0 then a else gcd b (a - b * (a / b)); in gcd 1071 462
