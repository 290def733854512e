map builtins.isPath [ ./. /a "/a" (./. + "/x") ]
