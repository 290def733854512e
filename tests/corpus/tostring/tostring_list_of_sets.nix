toString [ { __toString = s: "one"; } { outPath = "two"; } ]
