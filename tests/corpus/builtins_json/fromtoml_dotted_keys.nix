builtins.fromTOML ''
  a.b.c = 1
  a.d = "x"
  "quoted key" = 2
''
