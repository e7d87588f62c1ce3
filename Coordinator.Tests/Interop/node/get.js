'use strict';
// Reads one node (the "base path" argument is the node). node-zookeeper-client 1.1.3 has no sync, so a
// test that needs the member caught up syncs it through another client first.
const { report, stat, connect, call, run } = require('./lib');

run(async (connectString, path) => {
    const client = await connect(connectString);
    const [data, nodeStat] = await call(client, 'getData', path);
    report('get', { data: data ? data.toString() : null, stat: stat(nodeStat) });
    client.close();
});
