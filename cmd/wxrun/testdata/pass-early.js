// Passes at once, though an interval would keep the page busy.
setInterval(() => {}, 50);
wxrun.pass();
