# replaced text is not scanned again
builtins.replaceStrings [ "a" ] [ "aa" ] "aaa"
