# `derivation`, built on `derivationStrict` (written for nixlite).
# The result is the attribute set of the first output, where every output
# (and `all`) share the user's attributes and `drvAttrs`.
args@{ outputs ? [ "out" ], ... }:
let
  paths = builtins.derivationStrict args;
  outputValue = outputName: {
    name = outputName;
    value = common // {
      outPath = paths.${outputName};
      drvPath = paths.drvPath;
      type = "derivation";
      inherit outputName;
    };
  };
  perOutput = map outputValue outputs;
  common = args // builtins.listToAttrs perOutput // {
    all = map (o: o.value) perOutput;
    drvAttrs = args;
  };
in (builtins.head perOutput).value
