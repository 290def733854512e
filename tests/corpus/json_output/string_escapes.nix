"quote \" backslash \\ newline \n tab \t cr \r slash /"
