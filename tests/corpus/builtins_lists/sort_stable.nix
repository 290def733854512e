# sort is stable: equal elements keep their order
map (x: x.id) (builtins.sort (a: b: a.k < b.k) [ { k = 2; id = "a"; } { k = 1; id = "b"; } { k = 2; id = "c"; } { k = 1; id = "d"; } ])
