{
  greet = name: "Hello from mylib, ${name}!";
}
