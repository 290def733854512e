let pos = __curPos; in [ pos.line pos.column ]
