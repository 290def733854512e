"${./data/single.txt}"
