let s = { foo-bar = 3; }; p = "bar"; in s."foo-${p}"
