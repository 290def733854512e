[ (dirOf /a/b/c) (dirOf /a) (dirOf /.) (dirOf "a/b") (dirOf "abc") ]
