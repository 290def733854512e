let v = { __toString = _: "x"; }; in "[${v}]"
