# an interpolated value spanning lines is not re-indented
let v = "a\nb"; in ''
    x
    ${v}
''
