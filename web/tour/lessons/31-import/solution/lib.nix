{
  triple = x: x * 3;
  double = x: x * 2;
}
