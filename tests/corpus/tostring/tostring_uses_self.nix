let v = { major = 1; minor = 2; __toString = s: "${toString s.major}.${toString s.minor}"; }; in toString v
