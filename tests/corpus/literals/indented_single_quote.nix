''
  it's a quote ' here
''
