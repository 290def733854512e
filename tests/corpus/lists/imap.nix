let imap0 = f: l: builtins.genList (i: f i (builtins.elemAt l i)) (builtins.length l); in imap0 (i: v: "${toString i}:${v}") [ "a" "b" "c" ]
