let
  dep = derivation { name = "dep2"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "out" "bin" ]; };
  top = derivation { name = "top2"; system = "x86_64-linux"; builder = "${dep.bin}/bin/sh"; };
in top.drvPath
