const thrower = require("./throws-module.js");
try { thrower(); } catch (e) { console.log(e.stack.split("\n")[1].trim()); }
require("./bad-module.js");
