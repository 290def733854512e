"b = ${true}"
