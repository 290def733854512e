rec {
  add = a: a;
  inc = x: x + 1;
}
