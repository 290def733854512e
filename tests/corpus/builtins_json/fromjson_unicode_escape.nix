builtins.fromJSON ''"caf\u00e9 \u2603 \ud83c\udf89"''
