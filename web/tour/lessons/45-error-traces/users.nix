[
  { name = "alice"; email = "alice@example.org"; }
  { name = "bob"; emial = "bob@example.org"; }
  { name = "carol"; email = "carol@example.org"; }
]
