// cli-table3 calls require('string-width') as a function: the build points it here (see text-width.ts).
module.exports = require('./text-width.ts').default;
