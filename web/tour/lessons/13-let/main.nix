let
  price = 20;
  count = 3;
