"""Options of the conformance tests."""


def pytest_addoption(parser):
    parser.addoption(
        "--oracle", action="store_true", default=False,
        help="also run real Nix (nix-instantiate) on each corpus program and compare live; "
             "those tests are skipped when nix-instantiate is not on PATH",
    )
