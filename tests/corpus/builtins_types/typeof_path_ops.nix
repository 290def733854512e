map builtins.typeOf [ (/a + "b") ("b" + toString /a) (toString /a) (baseNameOf /a) ]
