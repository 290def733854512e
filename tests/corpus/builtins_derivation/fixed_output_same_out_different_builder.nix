# a fixed output path does not depend on how it is built
let mk = b: derivation { name = "same"; system = "x86_64-linux"; builder = b; outputHashAlgo = "sha256"; outputHash = "0000000000000000000000000000000000000000000000000000000000000000"; }; in [ ((mk "/bin/a").outPath == (mk "/bin/b").outPath) ((mk "/bin/a").drvPath == (mk "/bin/b").drvPath) ]
