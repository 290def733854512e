rec {
  add = a: b: a + b;
  inc = add 1;
}
