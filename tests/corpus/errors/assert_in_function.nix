let safeDiv = a: b: assert b != 0; a / b; in safeDiv 1 0
