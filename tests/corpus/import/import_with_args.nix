[ (import ./data/with_args.nix { y = 2; }) (import ./data/with_args.nix { x = 10; y = 2; }) ]
