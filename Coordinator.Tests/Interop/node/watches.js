'use strict';
// One-shot watches: a data watch fires on setData, a child watch fires on create under the node,
// and an exists watch on a missing node fires when it is created.
const { report, connect, call, watcher, run } = require('./lib');

run(async (connectString, base) => {
    const client = await connect(connectString);
    await call(client, 'create', base, Buffer.from('v0'));

    const dataWatch = watcher(10000);
    await call(client, 'getData', base, dataWatch.callback);
    await call(client, 'setData', base, Buffer.from('v1'), -1);
    report('data_watch', await dataWatch.fired);

    const childWatch = watcher(10000);
    const [before] = await call(client, 'getChildren', base, childWatch.callback);
    await call(client, 'create', base + '/c');
    report('child_watch', Object.assign({ childrenBefore: before }, await childWatch.fired));

    const existsWatch = watcher(10000);
    const [absent] = await call(client, 'exists', base + '/later', existsWatch.callback);
    await call(client, 'create', base + '/later');
    report('exists_watch', Object.assign({ existedBefore: absent !== null }, await existsWatch.fired));

    client.close();
});
