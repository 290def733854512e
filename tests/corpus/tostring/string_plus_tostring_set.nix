"pre-" + { __toString = self: "fix"; }
