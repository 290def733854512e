toString { __toString = "nope"; }
