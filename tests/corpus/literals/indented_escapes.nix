# the indented-string escapes: ''$ ''' ''\n ''\t ''\x
''
  dollar: ''${x}
  quotes: '''
  newline: a''\nb
  tab: a''\tb
  other: ''\q
''
