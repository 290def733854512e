builtins.splitVersion "1..2--3_4"
