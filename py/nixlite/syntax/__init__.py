"""The syntax stage: lexer, LALR grammar, parser (-> AST) and the --parse printer."""

from .parser import parse
from .printer import check_variables, print_parse

__all__ = ["parse", "print_parse", "check_variables"]
