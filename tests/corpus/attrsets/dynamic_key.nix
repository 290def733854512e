let k = "dyn"; in { ${k} = 1; "${k}2" = 2; }
