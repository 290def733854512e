# a __toString may return another set with __toString
toString { __toString = self: { __toString = s: "nested"; }; }
