builtins.fromTOML ''
  # a comment
  x = 1 # trailing
''
