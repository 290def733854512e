args: "Hello, " + args.name
