let
  makeOverridable = f: args: (f args) // { override = newArgs: makeOverridable f (args // newArgs); };
  pkg = makeOverridable ({ name, version }: { full = "${name}-${version}"; }) { name = "hello"; version = "1.0"; };
in [ pkg.full (pkg.override { version = "2.0"; }).full ((pkg.override { version = "2.0"; }).override { name = "bye"; }).full ]
