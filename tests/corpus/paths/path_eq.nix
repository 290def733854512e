[ (./data == ./data) (./data/sub/.. == ./data) (./data == ./data/sub) ]
