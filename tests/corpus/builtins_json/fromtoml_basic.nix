builtins.fromTOML ''
  name = "demo"
  version = 3
  enabled = true
''
