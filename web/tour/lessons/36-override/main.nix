let
  mkPackage = { name, version ? "1.0" }: {
    inherit name version;
    override = newArgs: mkPackage newArgs;
  };
  hello = mkPackage { name = "hello"; };
in
hello.override { version = "2.0"; }
