builtins.hasContext "${./data/hello.txt}"
