# blank lines do not count when computing the indentation
''

    one

    two
''
