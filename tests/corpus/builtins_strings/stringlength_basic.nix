map builtins.stringLength [ "" "a" "hello world" "tab\t" ]
