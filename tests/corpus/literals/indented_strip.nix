# common leading indentation is removed
''
    first
      second
    third
''
