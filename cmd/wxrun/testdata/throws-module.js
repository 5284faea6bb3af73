module.exports = function () { throw new Error("thrown on line 1"); };
