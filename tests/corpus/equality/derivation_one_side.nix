# only one side is a derivation: all attributes are compared
{ type = "derivation"; outPath = "/p"; } == { outPath = "/p"; }
