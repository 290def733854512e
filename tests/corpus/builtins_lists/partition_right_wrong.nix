(builtins.partition (x: x == "keep") [ "keep" "drop" "keep" ]).wrong
