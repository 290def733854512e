# refers to a sibling relative to this file, not to the importer
(import ./value.nix) + 1
