[ (true || false && false) ((true || false) && false) ]
