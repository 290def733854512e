# the smallest integer must be built by subtraction
-9223372036854775807 - 1
