# The file tree on the left holds several files: main.nix imports the
# others with paths relative to itself.
let
  lib = import ./lib.nix;
  people = import ./data/people.nix;
in {
  greetings = map (p: lib.greet p.name) people;
  adults = lib.names (builtins.filter (p: p.age >= 18) people);
  oldest = (lib.maxBy (p: p.age) people).name;
}
