'use strict';
// multi (transaction): one that commits (create + setData + check) and one that fails on a check,
// after which none of its ops may be visible.
const { zookeeper, report, stat, connect, call, run } = require('./lib');

function commit(transaction) {
    return new Promise((resolve) => {
        transaction.commit((error, results) => resolve({
            error: error ? error.getName() : null,
            results: (results || []).map((r) => ({ type: r.type, path: r.path, err: r.err })),
        }));
    });
}

run(async (connectString, base) => {
    const client = await connect(connectString);
    await call(client, 'create', base, Buffer.from('v0'));

    const committed = await commit(client.transaction()
        .create(base + '/t', Buffer.from('t'), zookeeper.ACL.OPEN_ACL_UNSAFE, zookeeper.CreateMode.PERSISTENT)
        .setData(base, Buffer.from('v1'), 0)
        .check(base, 1));
    report('multi_ok', committed);

    const [data, baseStat] = await call(client, 'getData', base);
    const [created] = await call(client, 'exists', base + '/t');
    report('after_multi_ok', { data: data.toString(), stat: stat(baseStat), childExists: created !== null });

    const failed = await commit(client.transaction()
        .create(base + '/u', Buffer.from('u'), zookeeper.ACL.OPEN_ACL_UNSAFE, zookeeper.CreateMode.PERSISTENT)
        .check(base, 99)
        .setData(base, Buffer.from('never'), -1));
    report('multi_failed', failed);

    const [data2] = await call(client, 'getData', base);
    const [rolledBack] = await call(client, 'exists', base + '/u');
    report('after_multi_failed', { data: data2.toString(), childExists: rolledBack !== null });

    client.close();
});
