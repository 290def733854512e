# 'or' may name an attribute and be selected
{ or = 1; }.or
