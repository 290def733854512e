# values are only evaluated when selected
{ a = throw "unused"; b = 2; }.b
