# the first output listed is the default
let d = derivation { name = "first"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "lib" "out" ]; }; in [ d.outputName (d.outPath == d.lib.outPath) ]
