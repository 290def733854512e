# NIX_PATH is empty, so <nixpkgs> cannot be found
<nixpkgs>
