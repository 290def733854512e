# a lone dollar, a double dollar and $$ before a brace are literal text
[ "a$b" "cost: 5$" "$$" "$${not}" "$" ]
