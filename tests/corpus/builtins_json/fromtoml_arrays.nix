builtins.fromTOML ''
  ints = [ 1, 2, 3 ]
  mixed = [ "a", "b" ]
  nested = [ [ 1 ], [ 2, 3 ] ]
''
