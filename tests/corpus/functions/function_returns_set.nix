let mk = name: { inherit name; greeting = "hi ${name}"; }; in (mk "nix").greeting
