# A derivation describes a build. Evaluating it computes its .drv and
# output paths exactly as Nix does; building is not part of evaluation.
let
  hello = derivation {
    name = "hello";
    system = "x86_64-linux";
    builder = "/bin/sh";
    args = [ "-c" "echo Hello > $out" ];
  };
  greeter = derivation {
    name = "greeter";
    system = "x86_64-linux";
    builder = "/bin/sh";
    args = [ "-c" "cat ${hello} > $out" ];
  };
in {
  inherit (hello) name outPath drvPath;
  greeterOut = greeter.outPath;
  isDerivation = hello.type;
}
