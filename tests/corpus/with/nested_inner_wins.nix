# the innermost with wins
with { x = "outer"; }; with { x = "inner"; }; x
