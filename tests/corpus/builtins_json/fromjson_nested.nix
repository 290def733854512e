(builtins.fromJSON ''{"x": {"y": {"z": [1, {"w": "deep"}]}}}'').x.y.z
