let optionalString = c: s: if c then s else ""; in "x${optionalString true "-debug"}${optionalString false "-release"}"
