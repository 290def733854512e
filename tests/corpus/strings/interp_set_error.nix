# a set without __toString or outPath cannot be interpolated
"s = ${{ a = 1; }}"
