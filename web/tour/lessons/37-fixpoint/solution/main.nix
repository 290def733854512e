rec {
  fix = f: let x = f x; in x;
  example = fix (self: { a = 1; b = self.a + 1; });
}
