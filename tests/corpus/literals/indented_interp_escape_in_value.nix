# the value of an interpolation is not processed for escapes
let v = "''\${x}"; in ''
  ${v}
''
