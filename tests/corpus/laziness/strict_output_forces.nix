# --strict printing forces everything, so this fails
{ a = 1; b = throw "printed"; }
