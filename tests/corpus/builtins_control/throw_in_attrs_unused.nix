({ a = throw "a"; b = "ok"; }).b
