let d = derivation { name = "multi"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "out" "dev" ]; }; in [ d.outputName d.dev.outputName (map (o: o.outputName) d.all) ]
