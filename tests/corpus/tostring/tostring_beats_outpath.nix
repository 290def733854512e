toString { outPath = "/out"; __toString = self: "from toString"; }
