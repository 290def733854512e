# == is not associative
1 == 1 == true
