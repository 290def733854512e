let imap1 = f: list: builtins.genList (n: f (n + 1) (builtins.elemAt list n)) (builtins.length list); in imap1 (i: v: "${toString i}. ${v}") [ "first" "second" ]
