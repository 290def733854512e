{ lib }: {
  greet = name: lib.concat "hello " name;
}
