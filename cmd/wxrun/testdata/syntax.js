// A syntax error on line 3.
console.log("never printed");
let x = ;
