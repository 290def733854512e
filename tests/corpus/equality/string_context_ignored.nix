# equality ignores string context
"${./data/note.txt}" == builtins.unsafeDiscardStringContext "${./data/note.txt}"
