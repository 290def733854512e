builtins.typeOf ./.
