# text on the opening line is not stripped and counts for the indentation
''  a
  b''
