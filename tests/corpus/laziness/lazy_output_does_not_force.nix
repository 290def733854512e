# without --strict the attribute values are not forced
{ a = 1; b = throw "not printed"; }
