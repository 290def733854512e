let
  price = 20;
  count = 3;
in
price * count
