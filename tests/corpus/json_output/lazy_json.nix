# without --strict, JSON output meets an unevaluated attribute and fails
{ a = 1 + 1; b = [ (2 * 3) ]; }
