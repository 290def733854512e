# ~/ paths resolve against HOME
toString ~/cfg
