// Throws when an XMLHttpRequest ends (issue 19, item 4): the server holds
// it 300 ms, then drops it.
const x = new XMLHttpRequest();
x.open("GET", "https://wxrun.test/hang?ms=300");
x.onloadend = () => { throw new Error("after an XMLHttpRequest"); };
x.send();
