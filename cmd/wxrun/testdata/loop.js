// Never returns.
while (true) {}
