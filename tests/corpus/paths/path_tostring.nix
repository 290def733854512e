toString /a/b/c
