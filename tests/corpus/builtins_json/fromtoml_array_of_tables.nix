builtins.fromTOML ''
  [[item]]
  id = 1
  [[item]]
  id = 2
''
