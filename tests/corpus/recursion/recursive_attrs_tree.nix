let tree = d: if d == 0 then "leaf" else { l = tree (d - 1); r = tree (d - 1); }; in tree 2
