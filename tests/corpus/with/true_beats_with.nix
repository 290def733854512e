# true, false and null are global names too: with cannot shadow them
with { true = "shadowed"; null = 1; }; [ true null ]
