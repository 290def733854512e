[ "quote\"" "back\\slash" "dollar\${x}" "newline\n" "tab\t" "cr\r" "plain$" ]
