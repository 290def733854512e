let
  a = 1;
  pos =
    __curPos;
in { inherit (pos) line column; }
