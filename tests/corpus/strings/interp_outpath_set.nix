"p=${{ outPath = "/some/where"; }}"
