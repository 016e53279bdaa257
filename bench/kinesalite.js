// Starts kinesalite (the Kinesis emulator the benchmark compares against) on 127.0.0.1 only,
// in memory (memdown) unless a LevelDB directory is given, and writes the port it got to
// PORT_FILE once it listens.   node kinesalite.js PORT_FILE [LEVELDB_DIR]
'use strict';
const fs = require('fs');
const kinesalite = require('kinesalite');
const [portFile, path] = process.argv.slice(2);
const server = kinesalite({ createStreamMs: 50, deleteStreamMs: 50, updateStreamMs: 50,
                            shardLimit: 1000, ...(path ? { path } : {}) });
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile + '.tmp', String(server.address().port) + '\n');
  fs.renameSync(portFile + '.tmp', portFile);
});
