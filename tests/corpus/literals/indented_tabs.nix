# tabs are not indentation in indented strings
''
	tab
  space
''
