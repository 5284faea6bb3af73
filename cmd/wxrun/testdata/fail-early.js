setInterval(() => {}, 50);
wxrun.fail("the reason given");
