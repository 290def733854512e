{ name, greeting ? "Hello" }: "${greeting}, ${name}!"
