builtins.fromTOML ''
  basic = "tab\there"
  literal = 'C:\path'
  multi = """
  line1
  line2"""
''
