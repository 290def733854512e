"less < greater > amp & quote \" apos ' newline \n tab \t end"
