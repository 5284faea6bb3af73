// A module with a syntax error on line 3, and one that throws on line 1.
module.exports = {
  x: ,
};
