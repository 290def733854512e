dirOf /x/y/z
