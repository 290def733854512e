let
  fruits = [ "apple" "banana" "cherry" ];
  prices = { apple = 3; banana = 1; cherry = 7; };
  extra = { durian = 12; } // { banana = 2; };  # the right side wins
  all = prices // extra;
in {
  count = builtins.length (fruits ++ [ "durian" ]);
  second = builtins.elemAt fruits 1;
  names = builtins.attrNames all;
  cheap = builtins.filter (f: all.${f} < 5) (builtins.attrNames all);
  hasCherry = all ? cherry;
  fig = all.fig or 0;           # a default for a missing attribute
  inherit (prices) apple;
  nested.deeply.set = true;
}
