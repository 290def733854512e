baseNameOf ./data/hello.txt
