{ name, greeting }: "${greeting}, ${name}!"
