[
  { name = "alice"; email = "alice@example.org"; }
  { name = "bob"; email = "bob@example.org"; }
  { name = "carol"; email = "carol@example.org"; }
]
