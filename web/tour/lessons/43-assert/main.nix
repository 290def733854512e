{ port }: { inherit port; }
