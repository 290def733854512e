# ./data/sub/.. is the data folder
baseNameOf ./data/sub/..
