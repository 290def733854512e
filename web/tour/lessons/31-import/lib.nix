{
  triple = x: x * 3;
}
