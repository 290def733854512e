"${./data/text.txt}"
