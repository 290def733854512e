# a path as builder is copied to the store
(derivation { name = "pathbuilder"; system = "x86_64-linux"; builder = ./data/script.sh; }).drvPath
