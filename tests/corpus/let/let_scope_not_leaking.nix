(let hidden = 1; in hidden) + (let hidden = 2; in hidden)
