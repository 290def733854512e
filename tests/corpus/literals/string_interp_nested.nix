# interpolation nests inside interpolation
"outer ${"inner ${"deep"}"}"
