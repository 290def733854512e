[
  { name = "Ada"; age = 36; }
  { name = "Brian"; age = 17; }
  { name = "Grace"; age = 85; }
]
