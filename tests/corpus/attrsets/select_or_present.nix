{ a = { b = 5; }; }.a.b or 0
