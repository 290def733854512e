{ fromDefault = true; }
