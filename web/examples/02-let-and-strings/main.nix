let
  name = "nixlite";
  version = { major = 0; minor = 1; };
  versionString = "${toString version.major}.${toString version.minor}";
in
''
  ${name} ${versionString}
  Indented strings drop their common indentation,
  and ''${this} is not interpolated.
''
