let genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names); in genAttrs [ "x86_64-linux" "aarch64-darwin" ] (s: "pkgs-for-${s}")
