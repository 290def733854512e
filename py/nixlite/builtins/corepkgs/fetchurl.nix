# <nix/fetchurl.nix>: in C++ Nix a fixed-output derivation that downloads
# `url`. nixlite has no network access, so using it fails clearly.
{ url ? null, urls ? [ ], name ? null, ... }@args:
throw "not available: nixlite has no network access (<nix/fetchurl.nix> for ${if url != null then url else "a URL"})"
