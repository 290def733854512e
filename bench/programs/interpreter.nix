# an interpreter written in Nix: a small functional language (numbers,
# variables, lambdas, application, if, arithmetic, let) with environments as
# attribute sets, running a naive Fibonacci and a sum loop in that language
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  num = n: { t = "num"; inherit n; };
  var = name: { t = "var"; inherit name; };
  lam = param: body: { t = "lam"; inherit param body; };
  app = f: a: { t = "app"; inherit f a; };
  prim = op: l: r: { t = "prim"; inherit op l r; };
  if_ = c: th: el: { t = "if"; inherit c th el; };
  letrec = name: value: body: { t = "letrec"; inherit name value body; };

  ops = {
    "+" = a: b: a + b;
    "-" = a: b: a - b;
    "*" = a: b: a * b;
    "<" = a: b: if a < b then 1 else 0;
    "==" = a: b: if a == b then 1 else 0;
  };

  eval = env: e:
    if e.t == "num" then e.n
    else if e.t == "var" then env.${e.name}
    else if e.t == "lam" then { closure = true; inherit env; inherit (e) param body; }
    else if e.t == "app" then
      let f = eval env e.f; in eval (f.env // { ${f.param} = eval env e.a; }) f.body
    else if e.t == "prim" then ops.${e.op} (eval env e.l) (eval env e.r)
    else if e.t == "if" then (if eval env e.c != 0 then eval env e.th else eval env e.el)
    else if e.t == "letrec" then
      # the environment refers to itself: laziness ties the knot
      let env' = env // { ${e.name} = eval env' e.value; }; in eval env' e.body
    else throw "unknown node ${e.t}";

  fibProgram = k: letrec "fib"
    (lam "n" (if_ (prim "<" (var "n") (num 2))
      (var "n")
      (prim "+" (app (var "fib") (prim "-" (var "n") (num 1)))
                (app (var "fib") (prim "-" (var "n") (num 2))))))
    (app (var "fib") (num k));

  sumProgram = k: letrec "sum"
    (lam "n" (if_ (prim "==" (var "n") (num 0))
      (num 0)
      (prim "+" (var "n") (app (var "sum") (prim "-" (var "n") (num 1))))))
    (app (var "sum") (num k));
in [ (eval { } (fibProgram (if small then 8 else 21))) (eval { } (sumProgram (if small then 100 else 5000))) ]
