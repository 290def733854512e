let
  # Only the elements that are used get evaluated.
  xs = [ 1 (throw "never evaluated") 3 ];

  # In a rec set, bindings may refer to ones defined later, and to
  # expensive ones that are never needed.
  config = rec {
    port = basePort + 1;
    basePort = 8080;
    huge = builtins.genList (i: i * i) 100000000;
  };
in
  builtins.length xs + builtins.elemAt xs 2 + config.port
