# a dollar not followed by a brace is plain text
''
  $HOME and $$ and ''${"no"}
''
