{ p = ./data/input.txt; }
