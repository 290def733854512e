let f = "hello"; in baseNameOf ./data/${f}.txt
