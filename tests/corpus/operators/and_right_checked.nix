# the right side of && is checked to be a Boolean
true && "yes"
