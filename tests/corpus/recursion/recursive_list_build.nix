let build = n: if n == 0 then [ ] else build (n - 1) ++ [ n ]; in build 10
