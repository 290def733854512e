# a whole directory can be copied to the store
"${./data/dir}"
