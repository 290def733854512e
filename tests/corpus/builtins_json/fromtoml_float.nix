builtins.fromTOML ''
  f = 1.5
  g = -0.25
''
