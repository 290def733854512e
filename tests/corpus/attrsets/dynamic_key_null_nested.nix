{ a.${null} = 1; a.c = 2; }
