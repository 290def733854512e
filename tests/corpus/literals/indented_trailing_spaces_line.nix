# the last line, if it is only spaces, is dropped
''
  x
  y
  ''
