# a double-quoted string may span lines
"line one
line two"
