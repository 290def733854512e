let inherit (builtins) elemAt; in elemAt [ ] 0
