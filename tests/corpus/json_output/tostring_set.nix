# JSON output uses __toString
{ v = { __toString = self: "str"; x = 1; }; }
